#!/usr/bin/env node
/**
 * Reads, at pinned tags of projectcalico/calico and tigera/operator, the facts the readiness checks compare a
 * cluster with, and writes them (never the upstream code) to src/core/knowledge/releaseFacts.generated.ts, each with
 * the repository, tag and path it was read from.
 *
 *   node scripts/upstream/extractReleaseFacts.mjs [--calico DIR] [--operator DIR] [--out FILE]
 *
 * DIR is a git directory (bare or not) holding the tags; defaults: /work/.mirror/projectcalico+calico/repo and
 * /work/.mirror/tigera+operator/repo (or CALICO_GIT_DIR / OPERATOR_GIT_DIR). Output is deterministic: the same
 * tags give the same file.
 *
 * Facts:
 * - per Calico tag (v3.20.0 – v3.31.x): the crd.projectcalico.org and policy.networking.k8s.io CRDs Calico ships
 *   (libcalico-go/config/crd, or the kdd chart CRDs before v3.22), and the operator.tigera.io CRDs of its
 *   tigera-operator chart (charts/tigera-operator/crds): CRD names are read from each file's metadata.name;
 * - per tigera/operator tag (v1.20.0 – v1.43.x): the Calico release it deploys (the calico/node image of
 *   pkg/components/calico.go), whether it writes Installation status conditions (core_controller.go assigns
 *   instance.Status.Conditions), the IPAM-config resources its calico-kube-controllers ClusterRole grants
 *   (pkg/render/…/kube-controllers.go), the calico-system ClusterRoles it renders (pkg/render/node.go names
 *   calico-cni-plugin or not), and the images it deploys (pkg/components/calico.go Image/Version);
 * - per Calico tag, the ClusterRoles of its manifest install (manifests/calico.yaml).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const CALICO_DIR = argument('calico', process.env.CALICO_GIT_DIR ?? '/work/.mirror/projectcalico+calico/repo');
const OPERATOR_DIR = argument('operator', process.env.OPERATOR_GIT_DIR ?? '/work/.mirror/tigera+operator/repo');
const OUT = resolve(argument('out', 'src/core/knowledge/releaseFacts.generated.ts'));

const git = (dir, ...args) => execFileSync('git', ['--git-dir', gitDir(dir), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const gitDir = (dir) => {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--git-dir'], { encoding: 'utf8' }).trim().replace(/^(?!\/)/, `${dir}/`);
  } catch {
    return dir;
  }
};
const show = (dir, tag, path) => {
  try {
    return execFileSync('git', ['--git-dir', gitDir(dir), 'show', `${tag}:${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
};
const files = (dir, tag, folder) => {
  try {
    return git(dir, 'ls-tree', '--name-only', `${tag}`, `${folder}/`).split('\n').filter((line) => line.endsWith('.yaml'));
  } catch {
    return [];
  }
};
const semver = (tag) => tag.slice(1).split('.').map(Number);
const compare = (a, b) => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};
const tags = (dir, pattern) => git(dir, 'tag', '--list').split('\n').filter((tag) => pattern.test(tag)).sort(compare);

/** The CRD's name from its metadata (the object's top-level `metadata.name`, two spaces in). */
function crdName(text) {
  const metadata = /^metadata:\n((?:[ ]{2,}.*\n|\n)*)/m.exec(text)?.[1] ?? '';
  return /^ {2}name:\s*["']?([\w.-]+)["']?\s*$/m.exec(metadata)?.[1];
}

function crdsIn(dir, tag, folders, keep) {
  for (const folder of folders) {
    const paths = files(dir, tag, folder);
    if (paths.length === 0) continue;
    const names = paths.map((path) => crdName(show(dir, tag, path) ?? '')).filter((name) => name !== undefined && keep(name));
    return { folder, names: [...new Set(names)].sort() };
  }
  return undefined;
}

const isCalicoCrd = (name) => name.endsWith('.crd.projectcalico.org') || name.endsWith('.policy.networking.k8s.io');
const isOperatorCrd = (name) => name.endsWith('.operator.tigera.io');

/** The ClusterRoles and their ServiceAccounts' namespace in Calico's manifest install (manifests/calico.yaml). */
function manifestRoles(tag) {
  for (const path of ['manifests/calico.yaml', 'calico/manifests/calico.yaml']) {
    const text = show(CALICO_DIR, tag, path);
    if (text === undefined) continue;
    const roles = new Set();
    for (const document of text.split(/^---\s*$/m)) {
      if (!/^kind: ClusterRole\s*$/m.test(document)) continue;
      const name = /^metadata:\n(?:\s+#.*\n)*\s+name: ([\w.-]+)/m.exec(document)?.[1];
      if (name) roles.add(name);
    }
    return { path, roles: [...roles].sort() };
  }
  return undefined;
}

// ---- Calico releases ----
const calicoRows = [];
for (const tag of tags(CALICO_DIR, /^v3\.(2\d|3[01])\.\d+$/)) {
  const calico = crdsIn(CALICO_DIR, tag, ['libcalico-go/config/crd', 'calico/_includes/charts/calico/crds/kdd', '_includes/charts/calico/crds/kdd'], isCalicoCrd);
  const operator = crdsIn(CALICO_DIR, tag, ['charts/tigera-operator/crds', 'calico/_includes/charts/tigera-operator/crds', '_includes/charts/tigera-operator/crds'], isOperatorCrd);
  if (!calico) continue;
  calicoRows.push({ tag, calico, operator, manifest: manifestRoles(tag) });
}

// ---- tigera/operator releases ----
function kubeControllersIpam(tag) {
  for (const path of ['pkg/render/kubecontrollers/kube-controllers.go', 'pkg/render/kube-controllers.go']) {
    const source = show(OPERATOR_DIR, tag, path);
    if (source === undefined) continue;
    // The rule granting the IPAM objects: its Resources list, wherever it names ipamblocks.
    const granted = new Set();
    for (const match of source.matchAll(/Resources:\s*\[\]string\{([^}]*)\}/g)) {
      const resources = [...match[1].matchAll(/"([\w./-]+)"/g)].map((entry) => entry[1]);
      if (resources.includes('ipamblocks')) for (const resource of resources) if (/^ipamconfig/.test(resource)) granted.add(resource);
    }
    return { path, resources: [...granted].sort() };
  }
  return undefined;
}

function components(tag) {
  const path = 'pkg/components/calico.go';
  const source = show(OPERATOR_DIR, tag, path);
  if (source === undefined) return undefined;
  const images = new Set();
  for (const match of source.matchAll(/Version:\s*"([^"]+)",\s*\n\s*Image:\s*"([^"]+)"/g)) if (!match[1].endsWith('-fips')) images.add(`${match[2]}:${match[1]}`);
  // The release it deploys is calico/node's tag (CalicoRelease is not bumped in every patch).
  const release = [...images].find((image) => /^(calico\/)?node:/.test(image))?.split(':')[1];
  return { path, release, images: [...images].sort() };
}

/** The calico-system ClusterRoles the operator renders: each name read in the pkg/render file that renders it. */
function operatorRoles(tag) {
  const files = { 'calico-node': ['pkg/render/node.go'], 'calico-cni-plugin': ['pkg/render/node.go'], 'calico-typha': ['pkg/render/typha.go'], 'calico-kube-controllers': ['pkg/render/kubecontrollers/kube-controllers.go', 'pkg/render/kube-controllers.go'] };
  const roles = Object.entries(files).filter(([role, paths]) => paths.some((path) => show(OPERATOR_DIR, tag, path)?.includes(`"${role}"`))).map(([role]) => role);
  return roles.length === 0 ? undefined : { path: 'pkg/render/node.go, typha.go, kube-controllers.go', roles: roles.sort() };
}

function writesConditions(tag) {
  const path = 'pkg/controller/installation/core_controller.go';
  const source = show(OPERATOR_DIR, tag, path);
  if (source === undefined) return undefined;
  return { path, writes: /instance\.Status\.Conditions\s*=/.test(source) };
}

const operatorRows = [];
for (const tag of tags(OPERATOR_DIR, /^v1\.(2\d|3\d|4[0-3])\.\d+$/)) {
  const parts = components(tag);
  if (!parts?.release) continue;
  operatorRows.push({ tag, parts, conditions: writesConditions(tag), role: kubeControllersIpam(tag), roles: operatorRoles(tag) });
}

// ---- Output, with shared lists deduplicated ----
const lists = [];
const listIndex = new Map();
const shared = (values) => {
  const key = values.join(',');
  if (!listIndex.has(key)) {
    listIndex.set(key, lists.length);
    lists.push(values);
  }
  return listIndex.get(key);
};
const q = (text) => JSON.stringify(text);
const calicoLines = calicoRows.map(({ tag, calico, operator, manifest }) =>
  `  { calico: ${q(tag)}, calicoCrds: ${shared(calico.names)}, calicoCrdsPath: ${q(calico.folder)}, operatorCrds: ${operator ? shared(operator.names) : 'undefined'}, operatorCrdsPath: ${operator ? q(operator.folder) : 'undefined'}, manifestClusterRoles: ${manifest ? shared(manifest.roles) : 'undefined'}, manifestPath: ${manifest ? q(manifest.path) : 'undefined'} },`);
const operatorLines = operatorRows.map(({ tag, parts, conditions, role, roles }) =>
  `  { operator: ${q(tag)}, calico: ${q(parts.release)}, images: ${shared(parts.images)}, writesInstallationConditions: ${conditions ? String(conditions.writes) : 'undefined'}, kubeControllersIpamResources: ${role ? shared(role.resources) : 'undefined'}, kubeControllersRolePath: ${role ? q(role.path) : 'undefined'}, clusterRoles: ${roles ? shared(roles.roles) : 'undefined'} },`);
const head = (dir) => git(dir, 'rev-parse', 'HEAD').trim();

const output = `// Generated by scripts/upstream/extractReleaseFacts.mjs — do not edit by hand; re-run the script instead.
// Facts read at the tags of projectcalico/calico and tigera/operator named in each row, from the paths named in
// each row (its …Path fields) or in OPERATOR_FACT_PATHS. No upstream code is copied, only names and versions.
// Read from projectcalico/calico at ${head(CALICO_DIR)} and tigera/operator at ${head(OPERATOR_DIR)}.

/** Lists shared by several rows (CRD names, image references, ClusterRole resources), referred to by index. */
export const FACT_LISTS: readonly (readonly string[])[] = [
${lists.map((values) => `  [${values.map(q).join(', ')}],`).join('\n')}
];

/** One Calico release (projectcalico/calico tag): the CRDs it ships, as indexes into FACT_LISTS. */
export interface CalicoReleaseFact {
  readonly calico: string;
  /** crd.projectcalico.org and policy.networking.k8s.io CRDs, read at calicoCrdsPath. */
  readonly calicoCrds: number;
  readonly calicoCrdsPath: string;
  /** operator.tigera.io CRDs of the release's tigera-operator chart, read at operatorCrdsPath. */
  readonly operatorCrds: number | undefined;
  readonly operatorCrdsPath: string | undefined;
  /** ClusterRoles of Calico's manifest install (calico.yaml), read at manifestPath. */
  readonly manifestClusterRoles: number | undefined;
  readonly manifestPath: string | undefined;
}

/** One tigera/operator release (tag). */
export interface OperatorReleaseFact {
  readonly operator: string;
  /** The Calico release it deploys (the calico/node image of pkg/components/calico.go). */
  readonly calico: string;
  /** Images it deploys (pkg/components/calico.go), FIPS variants left out; index into FACT_LISTS. */
  readonly images: number;
  /** Whether pkg/controller/installation/core_controller.go writes Installation status conditions. */
  readonly writesInstallationConditions: boolean | undefined;
  /** The ipamconfig* resources the calico-kube-controllers ClusterRole grants (index into FACT_LISTS). */
  readonly kubeControllersIpamResources: number | undefined;
  readonly kubeControllersRolePath: string | undefined;
  /** The calico-system ClusterRoles it renders (OPERATOR_FACT_PATHS.clusterRoles). */
  readonly clusterRoles: number | undefined;
}

export const CALICO_FACTS_REPO = 'projectcalico/calico';
export const OPERATOR_FACTS_REPO = 'tigera/operator';
export const OPERATOR_FACT_PATHS = { images: 'pkg/components/calico.go', installationConditions: 'pkg/controller/installation/core_controller.go', clusterRoles: 'pkg/render/node.go, pkg/render/typha.go, pkg/render/kubecontrollers/kube-controllers.go' } as const;

export const CALICO_RELEASE_FACTS: readonly CalicoReleaseFact[] = [
${calicoLines.join('\n')}
];

export const OPERATOR_RELEASE_FACTS: readonly OperatorReleaseFact[] = [
${operatorLines.join('\n')}
];
`;
writeFileSync(OUT, output);
process.stdout.write(`${calicoRows.length} Calico releases, ${operatorRows.length} operator releases, ${lists.length} shared lists → ${OUT}\n`);
