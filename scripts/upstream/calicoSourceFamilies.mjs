#!/usr/bin/env node
// Builds src/core/logs/structure/calicoSourceFiles.generated.ts: for every Go file that logs in projectcalico/calico
// at the pinned release tags, the failure family of its package. Calico's formatter prints `<component>/<file>.go`
// (libcalico-go/lib/logutils/logutils.go, Formatter.Component set by logutils.ConfigureFormatter or
// node/cmd/calico-node/main.go per sub-command), so a line names only its component and file: the table maps each
// file name to the family of the package it lives in, per source root where one name lives in several.
//
// Usage: node scripts/upstream/calicoSourceFamilies.mjs <git dir of projectcalico/calico> [--check]
// (the git dir comes from fetching the public repository; nothing of it is committed, only this table).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The last patch of every minor release v3.21–v3.31, and v3.29.2 (rancher/rke2#7808). v3.21 is the first tag of the
 * monorepo; earlier releases lived in projectcalico/felix, typha, node… and print file names without a component.
 */
const TAGS = ['v3.21.6', 'v3.22.5', 'v3.23.5', 'v3.24.6', 'v3.25.2', 'v3.26.5', 'v3.27.5', 'v3.28.5', 'v3.29.2', 'v3.29.7', 'v3.30.7', 'v3.31.7'];

/** Source roots a component's lines can come from (its own tree and the shared libraries it links). */
const ROOTS = ['felix', 'typha', 'confd', 'node', 'cni-plugin', 'kube-controllers', 'libcalico-go', 'apiserver'];

/** Package path prefix → family; the first that fits wins. `undefined`: let the message's topic decide. */
const PACKAGE_FAMILIES = [
  [/^felix\/(routetable|routerule|ipsets|iptables|nftables|generictables|dataplane|intdataplane|bpf|wireguard|vxlanfdb|ifacemonitor|netlinkshim|rules|conntrack|environment|ethtool|ip|aws|cachingmap|deltatracker)\//, 'dataplane'],
  [/^(felix\/statusrep|felix\/health|libcalico-go\/lib\/health|node\/pkg\/health\/?[^/]*\.go$)/, 'probe'],
  [/^(typha\/|felix\/syncclientutils\/)/, 'typha'],
  [/^(confd\/|node\/pkg\/health\/bird|node\/pkg\/status|node\/pkg\/bgp)/, 'bgp'],
  [/^node\/pkg\/(lifecycle\/)?startup\/autodetection\//, 'ip-autodetection'],
  [/^(node\/pkg\/allocateip|libcalico-go\/lib\/ipam|cni-plugin\/pkg\/ipamplugin|cni-plugin\/ipam|kube-controllers\/pkg\/controllers\/node)\//, 'ipam'],
  [/^node\//, 'node-startup'],
  [/^cni-plugin\//, 'cni'],
  [/^libcalico-go\/lib\/(backend|clientv3|apiconfig|upgrade)\//, 'datastore-access'],
];

function familyOf(path) {
  for (const [pattern, family] of PACKAGE_FAMILIES) if (pattern.test(path)) return family;
  return undefined;
}

function git(dir, args) {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** git grep exits 1 when nothing matches: that is an empty answer, not a failure. */
function gitGrep(dir, args) {
  try {
    return git(dir, args);
  } catch (error) {
    if (error.status === 1 && error.stdout === '') return '';
    throw error;
  }
}

function isSource(path) {
  return path.endsWith('.go') && !path.endsWith('_test.go') && !/(^|\/)(vendor|fv|fv-tests|test|testutils|mock[^/]*|hack|docs)\//.test(path) && ROOTS.includes(path.split('/')[0]);
}

/** Files that log at all (a logrus call), so the table holds only names a line can print. */
function loggingFiles(dir, tag) {
  const out = gitGrep(dir, ['grep', '-l', '-E', '\\blog(rus|Cxt|Ctx|ger)?\\.(With|Debug|Info|Warn|Error|Fatal|Panic)', tag, '--', ...ROOTS.map((root) => `${root}/`)]);
  return out.split('\n').filter(Boolean).map((line) => line.slice(tag.length + 1)).filter(isSource);
}

function build(dir) {
  /** file name → root → family (or null when the roots' files disagree) */
  const byName = new Map();
  const counts = [];
  for (const tag of TAGS) {
    const files = loggingFiles(dir, tag);
    counts.push(`${tag}: ${files.length} logging files`);
    for (const path of files) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const root = path.split('/')[0];
      const family = familyOf(path) ?? null;
      const roots = byName.get(name) ?? new Map();
      byName.set(name, roots);
      if (!roots.has(root)) roots.set(root, family);
      else if (roots.get(root) !== family) roots.set(root, null);
    }
  }
  const unique = {};
  const perRoot = {};
  for (const name of [...byName.keys()].sort()) {
    const roots = byName.get(name);
    const families = new Set(roots.values());
    if (families.size === 1) {
      const [family] = families;
      if (family !== null) unique[name] = family;
      continue;
    }
    // A root whose file has no specific family is kept as 'none', so a component does not borrow another root's.
    for (const [root, family] of [...roots].sort(([a], [b]) => a.localeCompare(b))) (perRoot[root] ??= {})[name] = family ?? 'none';
  }
  return { unique, perRoot, counts };
}

function render({ unique, perRoot }) {
  const lines = [
    '// Generated by scripts/upstream/calicoSourceFamilies.mjs from projectcalico/calico at',
    `// ${TAGS.join(', ')}. Do not edit; re-run the script.`,
    "import type { FamilyId } from './failureFamilies';",
    '',
    '/** Go file name → family, for names that mean one package family wherever they live. */',
    'export const CALICO_FILE_FAMILIES: Readonly<Record<string, FamilyId>> = {',
    ...Object.entries(unique).map(([name, family]) => `  '${name}': '${family}',`),
    '};',
    '',
    "/** Go file name → family within one source root, for names that live in several roots with different families ('none': not specific). */",
    "export const CALICO_ROOT_FILE_FAMILIES: Readonly<Record<string, Readonly<Record<string, FamilyId | 'none'>>>> = {",
    ...Object.entries(perRoot).flatMap(([root, names]) => [
      `  '${root}': {`,
      ...Object.entries(names).map(([name, family]) => `    '${name}': '${family}',`),
      '  },',
    ]),
    '};',
    '',
  ];
  return lines.join('\n');
}

const [dir, flag] = process.argv.slice(2);
if (!dir) {
  console.error('usage: calicoSourceFamilies.mjs <git dir of projectcalico/calico> [--check]');
  process.exit(2);
}
const target = join(dirname(fileURLToPath(import.meta.url)), '../../src/core/logs/structure/calicoSourceFiles.generated.ts');
const table = build(dir);
for (const line of table.counts) console.error(line);
const text = render(table);
if (flag === '--check') {
  const same = readFileSync(target, 'utf8') === text;
  console.error(same ? 'up to date' : `${target} differs from what the sources give`);
  process.exit(same ? 0 : 1);
}
writeFileSync(target, text);
console.error(`wrote ${target}: ${Object.keys(table.unique).length} file names, ${Object.values(table.perRoot).reduce((n, names) => n + Object.keys(names).length, 0)} by root`);
