#!/usr/bin/env node
// Brings the connectivity-map and sanity cases of IBM/network-config-analyzer (policies, pod and namespace lists,
// expected connectivity and expected counts of findings) into test/corpus/policy/nca/ as data, with PROVENANCE.tsv.
// Usage:
//   node scripts/upstream/importPolicyCorpus.mjs <checkout of IBM/network-config-analyzer> <commit>
// Only the txt outputs of `connectivityMap` queries over whole configurations are taken; queries that need
// Ingress or Istio layers (hosts, paths) are left out, as this model is Calico's dataplane only.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

const [checkout, commit] = process.argv.slice(2);
if (!checkout || !commit) throw new Error('usage: importPolicyCorpus.mjs <checkout> <commit>');
const REPO = 'IBM/network-config-analyzer';
const OUT = resolve('test/corpus/policy/nca');
const SCHEMES = [
  'tests/calico_testcases/example_policies/testcase16-nets/testcase16-scheme.yaml',
  'tests/calico_testcases/example_policies/testcase18-pass/testcase18-scheme.yaml',
  'tests/calico_testcases/example_policies/testcase19-profiles/testcase19-scheme.yaml',
  'tests/calico_testcases/example_policies/testcase25-mix-k8s-calico-policies/testcase25-scheme.yaml',
  'tests/fw_rules_tests/policies/calico-testcase3-scheme.yaml',
  'tests/fw_rules_tests/policies/calico-testcase5-scheme.yaml',
  'tests/fw_rules_tests/policies/calico-testcase13-scheme.yaml',
  'tests/fw_rules_tests/policies/calico-testcase14-scheme.yaml',
  'tests/fw_rules_tests/policies/calico-testcase15-scheme.yaml',
  'tests/fw_rules_tests/policies/calico-testcase20-scheme.yaml',
  'tests/k8s_testcases/example_policies/services1/services1-scheme.yaml',
  'tests/k8s_testcases/example_policies/ipblockstest/test-scheme.yaml',
  'tests/k8s_testcases/example_policies/onlineboutique-test-connectivity-wo-fw-rules/test-no-fw-rules-scheme.yaml',
];

const provenance = new Map();
function bring(upstreamPath) {
  const local = join(OUT, upstreamPath.replace(/^tests\//, ''));
  if (!provenance.has(local)) {
    mkdirSync(dirname(local), { recursive: true });
    copyFileSync(join(checkout, upstreamPath), local);
    provenance.set(local, upstreamPath);
  }
  return relative(OUT, local);
}

/** A list entry names a file, or a folder whose YAML and JSON files all count. */
function expand(base, entry) {
  const upstream = join(base, entry).replace(/\\/g, '/');
  const full = join(checkout, upstream);
  if (statSync(full).isDirectory()) return readdirSync(full).filter((name) => /\.(ya?ml|json)$/.test(name)).map((name) => join(upstream, name));
  return [upstream];
}

const cases = [];
for (const scheme of SCHEMES) {
  const base = dirname(scheme);
  const text = readFileSync(join(checkout, scheme), 'utf8');
  const spec = parse(text);
  const configs = new Map((spec.networkConfigList ?? []).map((config) => [config.name, config]));
  for (const query of spec.queries ?? []) {
    if (!query.connectivityMap || typeof query.expectedOutput !== 'string' || !query.expectedOutput.endsWith('.txt')) continue;
    const format = query.outputConfiguration?.outputFormat ?? 'txt';
    if (format !== 'txt' && format !== 'txt_no_fw_rules') continue;
    const expectedUpstream = join(base, query.expectedOutput);
    const expectedText = readFileSync(join(checkout, expectedUpstream), 'utf8');
    if (/hosts:|paths:|methods:/.test(expectedText)) continue;
    for (const configName of query.connectivityMap) {
      const config = configs.get(configName);
      if (!config) continue;
      const pods = config.podList ?? spec.podList;
      const namespaces = config.namespaceList ?? spec.namespaceList;
      if (!pods || !config.networkPolicyList) continue;
      cases.push({
        id: `${scheme.replace(/^tests\//, '')}#${query.name}/${configName}`,
        query: query.name,
        config: configName,
        format,
        policies: config.networkPolicyList.flatMap((entry) => expand(base, entry)).map(bring),
        pods: expand(base, pods).map(bring),
        namespaces: namespaces ? expand(base, namespaces).map(bring) : [],
        expected: bring(expectedUpstream),
      });
      bring(scheme);
    }
  }
}
writeFileSync(join(OUT, 'cases.json'), JSON.stringify(cases, null, 2) + '\n');

// Sanity cases: every `sanity`, `redundancy`, `emptiness` and `vacuity` query of the Calico test schemes whose
// expected result (`expected`, the count of findings summed over the query's configurations) is given, with the txt
// expected output where there is one. A query entry `config/ns/name` stands for the configuration with that one
// policy. Queries that take a configuration with Istio or Ingress resources are left out.
const SANITY_QUERIES = ['sanity', 'redundancy', 'emptiness', 'vacuity'];
const NOT_CALICO = /^kind:\s*(AuthorizationPolicy|Ingress|Sidecar|Gateway|VirtualService|HTTPRoute|PeerAuthentication)\s*$/m;
function sanitySchemes(folder) {
  const found = [];
  for (const name of readdirSync(join(checkout, folder)).sort()) {
    const path = `${folder}/${name}`;
    if (statSync(join(checkout, path)).isDirectory()) found.push(...sanitySchemes(path));
    else if (/scheme\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}
const sanityCases = [];
for (const scheme of sanitySchemes('tests/calico_testcases/example_policies')) {
  const base = dirname(scheme);
  const spec = parse(readFileSync(join(checkout, scheme), 'utf8'));
  const configs = new Map((spec.networkConfigList ?? []).map((config) => [config.name, config]));
  for (const query of spec.queries ?? []) {
    const kind = SANITY_QUERIES.find((key) => Array.isArray(query[key]));
    if (!kind || typeof query.expected !== 'number') continue;
    const format = query.outputConfiguration?.outputFormat ?? 'txt';
    if (format !== 'txt') continue;
    const entries = [];
    for (const entry of query[kind]) {
      const [configName, ...policyParts] = String(entry).split('/');
      const config = configs.get(configName);
      const policyFiles = config ? [...(config.networkPolicyList ?? []), ...(config.resourceList ?? [])] : [];
      // A scheme-level resourceList is the topology (pods, namespaces, host endpoints) of every configuration.
      const pods = config?.podList ?? spec.podList ?? spec.resourceList;
      const namespaces = config?.namespaceList ?? spec.namespaceList;
      if (!config || !pods || policyFiles.length === 0) break;
      const upstreamPolicies = policyFiles.flatMap((file) => expand(base, file));
      if (upstreamPolicies.some((file) => NOT_CALICO.test(readFileSync(join(checkout, file), 'utf8')))) break;
      entries.push({
        name: String(entry),
        ...(policyParts.length > 0 ? { onlyPolicy: policyParts.join('/') } : {}),
        policies: upstreamPolicies.map(bring),
        pods: [pods].flat().flatMap((entry) => expand(base, entry)).map(bring),
        namespaces: namespaces ? [namespaces].flat().flatMap((entry) => expand(base, entry)).map(bring) : [],
      });
    }
    if (entries.length !== query[kind].length) continue;
    const expectedOutput = typeof query.expectedOutput === 'string' && query.expectedOutput.endsWith('.txt') ? bring(join(base, query.expectedOutput)) : undefined;
    bring(scheme);
    sanityCases.push({
      id: `${scheme.replace(/^tests\//, '')}#${query.name}`,
      query: query.name,
      kind,
      expected: query.expected,
      ...(expectedOutput ? { expectedOutput } : {}),
      configs: entries,
    });
  }
}
writeFileSync(join(OUT, 'sanity-cases.json'), JSON.stringify(sanityCases, null, 2) + '\n');
const PROVENANCE = resolve('test/corpus/policy/PROVENANCE.tsv');
// Rows of other sources (the transcribed Kubernetes truth tables) are kept.
const kept = existsSync(PROVENANCE) ? readFileSync(PROVENANCE, 'utf8').split('\n').slice(1).filter((row) => row !== '' && !row.startsWith('nca/')) : [];
const rows = ['local_path\trepository\tupstream_path\tcommit\tlicense', ...kept];
for (const [local, upstream] of [...provenance].sort()) rows.push(`${relative(resolve('test/corpus/policy'), local)}\t${REPO}\t${upstream}\t${commit}\tApache-2.0`);
writeFileSync(PROVENANCE, rows.join('\n') + '\n');
console.log(`${cases.length} connectivity cases, ${sanityCases.length} sanity cases, ${provenance.size} files`);
