import { formatCalicoVersion, parseCalicoVersion } from '../versions/calicoVersion';
import { formatContainerdVersion, parseContainerdVersion } from '../versions/containerdVersion';
import { formatRke2Version, parseRke2Version } from '../versions/rke2Version';

/**
 * Lines in which a component states its own version as it starts, so a log can tell which RKE2, Calico or
 * containerd wrote it. The version then decides whether a failure line is evidence of a known issue.
 */
export interface VersionProbe {
  readonly component: 'rke2' | 'calico' | 'containerd';
  readonly trigger: string;
  /** Group 1 is the version. */
  readonly pattern: string;
  /** Canonical form, or undefined when group 1 is not a version after all. */
  readonly normalise: (raw: string) => string | undefined;
  readonly source: string;
}

const rke2 = (raw: string): string | undefined => {
  const version = parseRke2Version(raw);
  return version.ok && version.value.revision !== undefined ? formatRke2Version(version.value) : undefined;
};
const calico = (raw: string): string | undefined => {
  const version = parseCalicoVersion(raw);
  return version.ok ? formatCalicoVersion(version.value) : undefined;
};
const containerd = (raw: string): string | undefined => {
  const version = parseContainerdVersion(raw);
  return version.ok ? formatContainerdVersion(version.value) : undefined;
};

export const VERSION_PROBES: readonly VersionProbe[] = [
  {
    component: 'rke2',
    trigger: 'Starting rke2 v',
    pattern: 'Starting rke2 (v1\\.[0-9]+\\.[0-9]+(-rc[0-9]+)?\\+rke2r[0-9]+)',
    normalise: rke2,
    source: 'k3s-io/k3s pkg/cli/server/server.go ("Starting %s %s", the app name and version), which rke2 runs',
  },
  {
    component: 'calico',
    trigger: ' with version v3.',
    pattern: 'Starting node .{1,256} with version (v3\\.[0-9]+\\.[0-9]+)',
    normalise: calico,
    source: 'projectcalico/calico node/pkg/lifecycle/startup/startup.go ("Starting node %s with version %s")',
  },
  {
    component: 'calico',
    trigger: ' starting up',
    pattern: '(?:Felix|Typha) starting up.{0,400}version="?(v3\\.[0-9]+\\.[0-9]+)',
    normalise: calico,
    source: 'projectcalico/calico felix/daemon/daemon.go and typha/pkg/daemon/daemon.go ("Felix starting up" / "Typha starting up" with version=)',
  },
  {
    component: 'containerd',
    trigger: 'starting containerd',
    pattern: 'starting containerd.{0,200}version="?v?([0-9]+\\.[0-9]+\\.[0-9]+(-k3s[0-9]+)?)',
    normalise: containerd,
    source: 'containerd cmd/containerd/command/main.go ("starting containerd" with revision= and version=)',
  },
];
