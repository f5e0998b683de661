/**
 * RKE2 itself: the server and agent start-up that Calico depends on, the helm-install jobs that deploy the Calico
 * charts, and image pulls. Many start-up lines are printed by every healthy boot for a minute or two: those are
 * transients, reported only when the log's timestamps show them persisting.
 */
import type { LogSignature } from '../logSignature';

const STARTUP_GRACE = { graceSeconds: 300 } as const;
/** What RKE2 (through k3s pkg/cli/server/server.go and pkg/agent/run.go) logs once it is up: the end of a start-up episode. */
const UP_AND_RUNNING = { trigger: 'is up and running', pattern: '(rke2|k3s)( agent)? is up and running' } as const;

export const RKE2_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'helm-upgrade-failed',
    severity: 'error',
    title: 'Helm install or upgrade of a chart failed',
    meaning: 'A helm-install job (RKE2\'s helm-controller) could not install or upgrade its chart: a failed earlier release, objects owned by another release (invalid ownership metadata), or a release locked by an interrupted operation. For rke2-calico(-crd) this can leave Calico half-upgraded or without CRDs.',
    remediation: 'Read the whole helm-install-<chart> pod log. For "another operation is in progress" roll back or delete the pending release secret (sh.helm.release.v1.<chart>.vN with status pending-*); for ownership conflicts fix the meta.helm.sh/release-name annotations of the named objects.',
    matches: [
      { trigger: 'UPGRADE FAILED', pattern: 'UPGRADE FAILED' },
      { trigger: 'INSTALLATION FAILED', pattern: 'INSTALLATION FAILED' },
      { trigger: 'invalid ownership metadata', pattern: 'invalid ownership metadata' },
      { trigger: 'another operation', pattern: 'another operation \\(install/upgrade/rollback\\) is in progress' },
      { trigger: 'has no deployed releases', pattern: 'has no deployed releases' },
      { trigger: 'rendered manifests contain', pattern: 'rendered manifests contain a resource that already exists' },
      // The job's entry script (k3s-io/klipper-helm `entry`) gives up with these before `exit 1`.
      { trigger: 'waiting for operator intervention', pattern: "Release status is '\\w[\\w-]*' and failure policy is '\\w+'.{0,40}; waiting for operator intervention" },
      { trigger: 'Unknown failure policy', pattern: "Unknown failure policy '" },
      { trigger: 'does not match expected revision', pattern: 'Current release revision \\d+ does not match expected revision' },
    ],
    source: 'helm/helm pkg/action (upgrade and install errors); k3s-io/helm-controller; k3s-io/klipper-helm entry (the helm-install job\'s script: the messages it exits 1 with); rancher/rke2#6633, #6568, #5833',
  },
  {
    id: 'image-pull-failed',
    severity: 'error',
    title: 'An RKE2 or Calico image cannot be pulled',
    meaning: 'The node cannot pull a system image (Calico, tigera-operator, RKE2 components): air-gapped without the image tarball, a private registry without the images mirrored, or a registry rewrite missing. Newer Calico adds images (goldmane, whisker: rancher/rke2#8621).',
    remediation: 'Air-gapped: put the rke2-images tarballs (including rke2-images-calico) in /var/lib/rancher/rke2/agent/images, or mirror them and set system-default-registry / registries.yaml. Check the image name in the line.',
    matches: [
      { trigger: 'ailed to pull', pattern: '[Ff]ailed to pull (and unpack )?image .{0,4}[^ ]{0,80}(calico|tigera|rancher/|rke2|hardened|mirrored|pause|klipper)' },
      { trigger: 'failed pulling image', pattern: 'failed pulling image' },
      { trigger: 'failed to get runtime image', pattern: 'failed to get runtime image' },
      { trigger: 'Failed to get image from endpoint', pattern: 'Failed to get image from endpoint' },
      { trigger: 'ErrImagePull', pattern: 'ErrImagePull' },
      { trigger: 'ImagePullBackOff', pattern: 'ImagePullBackOff' },
    ],
    source: 'kubernetes kubelet (ErrImagePull, ImagePullBackOff); containerd CRI ("failed to pull and unpack image"); rancher/rke2#8621, #9222',
  },
  {
    id: 'node-password-rejected',
    severity: 'error',
    title: 'Node password rejected by the server',
    meaning: 'The server refused this node\'s join: a node with the same hostname joined before with another /etc/rancher/node/password.',
    remediation: 'Delete the old node object and its <node>.node-password.rke2 secret in kube-system, or give the node a unique name (node-name).',
    matches: [{ trigger: 'Node password rejected', pattern: 'Node password rejected' }],
    source: 'k3s-io/k3s pkg/nodepassword (used by rke2); rancher/rke2#4659, #7372',
  },
  {
    id: 'etcd-join-failed',
    severity: 'error',
    title: 'etcd cannot join its cluster',
    meaning: 'This server\'s etcd could not join the cluster: peer ports 2379/2380 blocked, a stale member list, or a node that left without being removed.',
    remediation: 'Open TCP 2379-2380 between servers; check the member list (etcdctl member list) and remove stale members; see the RKE2 docs on restoring etcd.',
    matches: [
      { trigger: 'etcd cluster join failed', pattern: 'etcd cluster join failed' },
      { trigger: 'ailed to join etcd cluster', pattern: '[Ff]ailed to join etcd cluster' },
      { trigger: 'not a member of the etcd cluster', pattern: 'not a member of the etcd cluster' },
    ],
    source: 'k3s-io/k3s pkg/etcd (used by rke2); k3s-io/k3s#4213',
  },
  {
    id: 'etcd-not-ready',
    severity: 'warning',
    title: 'etcd not available (persisting)',
    meaning: 'The RKE2 supervisor or the API server cannot reach etcd on 127.0.0.1:2379. Every server start prints these while the etcd static pod comes up (rancher/rke2#1600, #2074 show them next to normal start-up lines), so they are reported only when the log shows them for more than 5 minutes.',
    remediation: 'Read the etcd static pod log (/var/log/pods/kube-system_etcd-*); check disk latency, free space and the peer ports 2379-2380.',
    matches: [
      { trigger: 'for etcd server', pattern: 'Waiting for etcd server to become available' },
      { trigger: 'unary invoker failed', pattern: 'retrying of unary invoker failed.{0,300}2379' },
      { trigger: 'learner management', pattern: 'Failed to check local etcd status for learner management' },
      { trigger: 'data store connection', pattern: 'Failed to test data store connection' },
      { trigger: 'Failed to test etcd connection', pattern: 'Failed to test etcd connection' },
      { trigger: 'createTransport failed', pattern: 'createTransport failed to connect to .{0,40}2379' },
    ],
    transient: { ...STARTUP_GRACE, recovery: [{ trigger: 'ETCD server is now running', pattern: 'ETCD server is now running' }, UP_AND_RUNNING] },
    source: 'k3s-io/k3s pkg/etcd and pkg/cluster (used by rke2); etcd clientv3 retry interceptor; rancher/rke2#1600, #2074',
  },
  {
    id: 'apiserver-not-ready',
    severity: 'warning',
    title: 'API server not available (persisting)',
    meaning: 'RKE2 is still waiting for the kube-apiserver. Normal for a minute at start-up; reported only when the log shows it for more than 5 minutes.',
    remediation: 'Read the kube-apiserver static pod log (/var/log/pods/kube-system_kube-apiserver-*); etcd must be up first.',
    matches: [
      { trigger: 'for API server', pattern: 'Waiting for API server to become available' },
      { trigger: 'apiserver not ready', pattern: 'apiserver not ready' },
      { trigger: ':6443: connect: connection refused', pattern: '127.0.0.1:6443: connect: connection refused' },
    ],
    transient: { ...STARTUP_GRACE, recovery: [{ trigger: 'Kube API server is now running', pattern: 'Kube API server is now running' }, UP_AND_RUNNING] },
    source: 'k3s-io/k3s pkg/server, pkg/daemons/control, pkg/cli/server/server.go (used by rke2)',
  },
  {
    id: 'rke2-join-rejected',
    severity: 'error',
    title: 'The RKE2 server rejected this node\'s token',
    meaning: 'The agent or joining server reached the supervisor but its token was refused (401): the token in config.yaml does not belong to this cluster, or the server\'s token changed.',
    remediation: 'Compare the token in /etc/rancher/rke2/config.yaml with /var/lib/rancher/rke2/server/node-token (or token) on a server.',
    matches: [{ trigger: 'failed to get CA certs', pattern: 'failed to get CA certs.{0,300}401 Unauthorized' }],
    source: 'k3s-io/k3s pkg/clientaccess (used by rke2); rancher/rke2#165',
  },
  {
    id: 'supervisor-unreachable',
    severity: 'warning',
    title: 'Cannot reach the RKE2 supervisor (persisting)',
    meaning: 'The agent (or a joining server) cannot reach a server\'s supervisor port 9345 or its local load balancer: the server is not up yet or restarting, or a firewall blocks 9345. Agents print this while servers start or restart, so it is reported only when the log shows it for more than 5 minutes.',
    remediation: 'Check that rke2-server runs at the server URL of the agent\'s config.yaml and that TCP 9345 (and 6443) is open from the agent.',
    matches: [
      { trigger: 'failed to get CA certs', pattern: 'failed to get CA certs' },
      { trigger: ':9345: connect: ', pattern: ':9345: connect: (connection refused|no route to host|connection timed out)' },
      { trigger: ':9345: i/o timeout', pattern: ':9345: i/o timeout' },
      { trigger: 'retrieve agent configuration', pattern: 'Waiting to retrieve agent configuration; server is not ready' },
      { trigger: 'Empty dialer response', pattern: 'Failed to connect to proxy. Empty dialer response' },
      { trigger: 'Remotedialer proxy error', pattern: 'Remotedialer proxy error.{0,100}(connection refused|connection timed out|i/o timeout|no route to host|connection reset)' },
    ],
    transient: { ...STARTUP_GRACE, recovery: [UP_AND_RUNNING] },
    source: 'k3s-io/k3s pkg/agent/config, pkg/agent/tunnel and rancher/remotedialer (used by rke2)',
  },
  {
    id: 'rke2-supervisor-not-ready',
    severity: 'warning',
    title: 'RKE2 agent waiting for its server (persisting)',
    meaning: 'The agent waits for the server supervisor (9345) to be ready before it starts kube-proxy. Normal while servers start; reported only when the log shows it for more than 5 minutes.',
    remediation: 'Read the rke2-server log for the first error; check 9345 reachability.',
    matches: [{ trigger: 'retrieve kube-proxy configuration', pattern: 'Waiting to retrieve kube-proxy configuration; server is not ready' }],
    transient: { ...STARTUP_GRACE, recovery: [UP_AND_RUNNING] },
    source: 'k3s-io/k3s pkg/agent (used by rke2); rancher/rancher#44555',
  },
  {
    id: 'rke2-runtime-core-not-ready',
    severity: 'warning',
    title: 'RKE2 server still bootstrapping (persisting)',
    meaning: 'The server has not finished starting its core controllers. Normal during start-up; reported only when the log shows it for more than 5 minutes.',
    remediation: 'Read the rke2-server log (journalctl -u rke2-server) for the first error before these lines.',
    matches: [{ trigger: 'runtime core not ready', pattern: 'runtime core not ready' }],
    transient: { ...STARTUP_GRACE, recovery: [UP_AND_RUNNING] },
    source: 'k3s-io/k3s pkg/server (used by rke2); rancher/rancher#44555',
  },
  {
    id: 'container-crashloop',
    severity: 'warning',
    title: 'A container keeps crashing',
    meaning: 'The kubelet is backing off restarting a container that keeps exiting (CrashLoopBackOff). When it is calico-node, calico-typha, calico-kube-controllers or the tigera-operator, the networking of the node or the cluster is down.',
    remediation: 'kubectl logs <pod> --previous -c <container> shows why it exited.',
    matches: [{ trigger: 'Back-off restarting failed container', pattern: 'Back-off restarting failed container' }],
    source: 'kubernetes kubelet (BackOff event)',
  },
  {
    id: 'rke2-fatal',
    severity: 'error',
    title: 'RKE2 stopped on a fatal error',
    meaning: 'rke2 (or k3s) logged a fatal error and exited; systemd restarts it, and until the cause is gone the node does not come up. The message says why.',
    remediation: 'Read the message; journalctl -u rke2-server (or rke2-agent) shows the lines before it.',
    matches: [
      { trigger: 'level=fatal', pattern: 'level=fatal msg=' },
      { trigger: 'FATA[', pattern: '(^|[ :])FATA\\[' },
    ],
    source: 'sirupsen/logrus fatal level as rke2/k3s print it',
  },
];
