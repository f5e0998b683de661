#!/usr/bin/env node
// Builds src/core/logs/structure/flannelSourceFiles.generated.ts: the Go files of flannel (Canal's dataplane, and
// K3s's embedded flannel) that log, at the first and last patch of every minor release v0.5–v0.28, with the failure family
// of their package. flannel logs through klog (`log "k8s.io/klog"`, later klog/v2), whose header prints the base
// name of the file (`E0312 10:00:00.000000 1 vxlan_network.go:145] …`), so a line names its file and nothing else.
// Names that flannel shares with every Go program (main.go, config.go, utils.go…) are listed apart: they say a line
// is flannel's only in a log already known to be flannel's.
//
// Usage: node scripts/upstream/flannelSourceFamilies.mjs <git dir of flannel-io/flannel> [--check]
// (the git dir comes from fetching the public repository; nothing of it is committed, only this table).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { familyByPattern, git, gitGrep } from './bareGit.mjs';
import { writeOrCheck } from './generatedFile.mjs';

/**
 * The first and the last patch of each minor release (flannel-io/flannel tags) from v0.5, whose lines users still
 * paste from old threads (glog until v0.11, klog since: the same header); wordings change within a minor too
 * (v0.5.0–v0.5.5 still said "Failed to retrieve network config"). RKE2's rke2-canal and K3s ship v0.2x.
 */
const TAGS = ['v0.5.0', 'v0.5.6', 'v0.6.0', 'v0.6.2', 'v0.7.0', 'v0.7.1', 'v0.8.0', 'v0.9.0', 'v0.9.1', 'v0.10.0', 'v0.11.0', 'v0.12.0', 'v0.13.0', 'v0.14.0', 'v0.14.1', 'v0.15.0', 'v0.15.1', 'v0.16.0', 'v0.16.3', 'v0.17.0', 'v0.18.0', 'v0.18.1', 'v0.19.0', 'v0.19.2', 'v0.20.0', 'v0.20.2', 'v0.21.0', 'v0.21.5', 'v0.22.0', 'v0.22.3', 'v0.23.0', 'v0.24.0', 'v0.24.4', 'v0.25.0', 'v0.25.7', 'v0.26.0', 'v0.26.7', 'v0.27.0', 'v0.27.4', 'v0.28.0', 'v0.28.9'];

/** Package path → family (paths before v0.20 had no `pkg/` prefix); the first that fits wins. */
const PACKAGE_FAMILIES = [
  [/^(pkg\/)?(backend|ip|routing|trafficmngr|network|iptables|ns|mac|powershell)\//, 'dataplane'],
  [/^(pkg\/)?subnet\/etcd\//, 'datastore-access'],
  [/^(pkg\/)?(subnet|lease)\//, 'ipam'],
];

/** Names too common to say by themselves that a line is flannel's (any Go program may log from such a file). */
const COMMON_NAME = /^(main|config|utils?|common|manager|registry|device|iptables|version|retry|router|match|rand|subnet|kube|lease|annotations|iface|ipnet|ip6net|tun|ns|mac|powershell|endianess|alloc|network|api|filter|metadata|watch|server|client|transport|http_logger|clock|routes|etcd|network_windows)(_windows|_other)?\.go$/;

const HERE = dirname(fileURLToPath(import.meta.url));

function familyOf(path) {
  return familyByPattern(PACKAGE_FAMILIES, path);
}



function isSource(path) {
  return path.endsWith('.go') && !path.endsWith('_test.go') && !/(^|\/)(vendor|e2e|test|dist|images|mock[^/]*)\//.test(path) && !/(^|\/)mock_[^/]*\.go$/.test(path);
}

/** Files that log at all: a klog call through flannel's `log` alias or klog itself. */
function loggingFiles(dir, tag) {
  const out = gitGrep(dir, ['grep', '-l', '-E', '\\b(log|klog|glog)\\.(Info|Warning|Error|Fatal|Exit|V\\()', tag, '--', '*.go', ':!vendor']);
  return out.split('\n').filter(Boolean).map((line) => line.slice(tag.length + 1)).filter(isSource);
}

/**
 * klog calls with a literal message: `log.Errorf("Failed to create SubnetManager: %v", err)`. Returns the level and
 * the message up to its first verb (what every line of the call starts with).
 */
const KLOG_CALL = /\b(?:log|klog|glog)\.(Error|Errorf|Warning|Warningf|Fatal|Fatalf|Exit|Exitf|Info|Infof)\(\s*"((?:[^"\\]|\\.)*)"/g;
const MIN_PREFIX_CHARS = 12;
/** An INFO message that reports a failure (flannel logs some of its errors at INFO: "Error turning node %q to lease"). */
const FAILURE_WORDING = /^(Error|error|Failed|failed|Unable|unable|Couldn't|Could not|Can't|Cannot)\b/;

function messagePrefix(literal) {
  const text = literal.replace(/\\"/g, '"').replace(/\\n/g, ' ');
  const verb = text.search(/%[-+# 0-9.*]*[a-zA-Z%]/);
  return (verb === -1 ? text : text.slice(0, verb)).trimEnd();
}

/** Per file name: the message prefixes of its warning-and-above calls, and of its INFO calls that state a failure. */
function messagePrefixes(dir, tag, path, into) {
  const source = git(dir, ['show', `${tag}:${path}`]);
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (const match of source.matchAll(KLOG_CALL)) {
    const prefix = messagePrefix(match[2]);
    if (prefix.length < MIN_PREFIX_CHARS) continue;
    const info = match[1].startsWith('Info');
    if (info && !FAILURE_WORDING.test(prefix)) continue;
    const key = info ? 'info' : 'failure';
    const byName = into[key].get(name) ?? new Set();
    byName.add(prefix);
    into[key].set(name, byName);
  }
}

function prefixTable(byName) {
  return [...byName.keys()].sort().map((name) => `  '${name}': [${[...byName.get(name)].sort().map((prefix) => JSON.stringify(prefix).replace(/'/g, "\\'").replace(/^"|"$/g, "'")).join(', ')}],`);
}

function main() {
  const [dir, ...flags] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: flannelSourceFamilies.mjs <git dir of flannel-io/flannel> [--check]');
    process.exit(2);
  }
  const families = new Map();
  const prefixes = { failure: new Map(), info: new Map() };
  for (const tag of TAGS) {
    for (const path of loggingFiles(dir, tag)) {
      messagePrefixes(dir, tag, path, prefixes);
      const name = path.slice(path.lastIndexOf('/') + 1);
      const family = familyOf(path) ?? 'none';
      const seen = families.get(name);
      // A name in two packages of different families keeps neither: the message's topic decides.
      families.set(name, seen === undefined || seen === family ? family : 'none');
    }
    console.error(`${tag}: ${loggingFiles(dir, tag).length} files that log`);
  }
  // A name Calico logs from too (its generated table) is not flannel's own.
  const calicoTable = readFileSync(join(HERE, '..', '..', 'src', 'core', 'logs', 'structure', 'calicoSourceFiles.generated.ts'), 'utf8');
  const calicoNames = new Set([...calicoTable.matchAll(/'([\w.-]+\.go)':/g)].map((match) => match[1]));
  const isCommon = (name) => COMMON_NAME.test(name) || calicoNames.has(name);
  const names = [...families.keys()].sort();
  const specific = names.filter((name) => !isCommon(name));
  const common = names.filter(isCommon);
  const entry = (name) => `  '${name}': ${families.get(name) === 'none' ? 'undefined' : `'${families.get(name)}'`},`;
  const text = [
    '// Generated by scripts/upstream/flannelSourceFamilies.mjs from flannel-io/flannel at',
    `// ${TAGS.join(', ')}. Do not edit; re-run the script.`,
    "import type { FamilyId } from './failureFamilies';",
    '',
    '/** flannel file names no other component of the stack logs from → the family of their package (undefined: the topic decides). */',
    'export const FLANNEL_OWN_FILES: Readonly<Record<string, FamilyId | undefined>> = {',
    ...specific.map(entry),
    '};',
    '',
    '/** flannel file names common to Go programs: a line from one is flannel\'s when its message is one of flannel\'s (below). */',
    'export const FLANNEL_COMMON_FILES: Readonly<Record<string, FamilyId | undefined>> = {',
    ...common.map(entry),
    '};',
    '',
    '/** Per file name, how the messages of flannel\'s warning, error and fatal calls start (up to the first verb). */',
    'export const FLANNEL_FAILURE_MESSAGES: Readonly<Record<string, readonly string[]>> = {',
    ...prefixTable(prefixes.failure),
    '};',
    '',
    '/** Per file name, how flannel\'s INFO calls that report a failure start ("Error turning node %q to lease: %v"). */',
    'export const FLANNEL_INFO_FAILURE_MESSAGES: Readonly<Record<string, readonly string[]>> = {',
    ...prefixTable(prefixes.info),
    '};',
    '',
  ].join('\n');
  const target = join(HERE, '..', '..', 'src', 'core', 'logs', 'structure', 'flannelSourceFiles.generated.ts');
  writeOrCheck(target, text, flags, `${specific.length} own and ${common.length} common file names`);
}

main();
