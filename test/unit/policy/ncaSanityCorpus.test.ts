import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import type { Policy } from '../../../src/core/policy/policyModel';
import { analysePolicySanity, type PolicySanity } from '../../../src/core/policy/policySanity';

// Scores the sanity analysis against network-config-analyzer's `sanity`, `redundancy`, `emptiness` and `vacuity`
// queries on its Calico test cases (test/corpus/policy/nca/sanity-cases.json, see PROVENANCE.tsv). Each query
// expects a count of findings summed over its configurations; the count is rebuilt from the analysis as their query
// counts it (NetworkConfigQuery.py at the pinned commit).
const CORPUS = join(__dirname, '../../../../test/corpus/policy/nca');

/** The first score (see test/corpus/policy/README.md); the suite fails below it. */
const FLOOR = { exactQueries: 150, findings: 1 };

type QueryKind = 'sanity' | 'redundancy' | 'emptiness' | 'vacuity';

interface SanityConfig {
  readonly name: string;
  readonly onlyPolicy?: string;
  readonly policies: readonly string[];
  readonly pods: readonly string[];
  readonly namespaces: readonly string[];
}

interface SanityCase {
  readonly id: string;
  readonly kind: QueryKind;
  readonly expected: number;
  readonly expectedOutput?: string;
  readonly configs: readonly SanityConfig[];
}

/** Their full name of a policy: `namespace/name`, or `name` for a global one; Kubernetes policies by their own name. */
function fullName(policy: Policy): string {
  const name = policy.source === 'KubernetesNetworkPolicy' ? policy.name.replace(/^knp\.default\./, '') : policy.name;
  return policy.namespace === undefined ? name : `${policy.namespace}/${name}`;
}

function count(kind: QueryKind, sanity: PolicySanity, policies: readonly Policy[]): number {
  const emptyRuleKeys = new Set(sanity.emptyRules.map((rule) => `${fullName(rule.policy)} ${rule.direction} ${rule.index}`));
  if (kind === 'emptiness') return sanity.emptyPolicies.length + emptyRuleKeys.size;
  if (kind === 'vacuity') return sanity.vacuous ? 1 : 0;
  if (kind === 'redundancy') return sanity.redundantPolicies.length + sanity.redundantRules.length;
  // Their sanity stops at the first conflict (one issue); otherwise vacuity, then per policy: empty, or its empty
  // rules and (unless the set is vacuous) its redundancy or that of its other rules.
  if (sanity.conflicts.length > 0) return 1;
  let issues = sanity.vacuous ? 1 : 0;
  for (const policy of policies) {
    if (sanity.emptyPolicies.includes(policy)) {
      issues++;
      continue;
    }
    issues += sanity.emptyRules.filter((rule) => rule.policy === policy).length;
    if (sanity.vacuous) continue;
    if (sanity.redundantPolicies.includes(policy)) {
      issues++;
      continue;
    }
    issues += sanity.redundantRules.filter((rule) => rule.policy === policy && !emptyRuleKeys.has(`${fullName(policy)} ${rule.direction} ${rule.index}`)).length;
  }
  return issues;
}

/** Each file is parsed once (the pod lists are shared by many configurations), as addPolicyDocuments reads it. */
const parsedFiles = new Map<string, unknown[]>();

function objectsOf(file: string): unknown[] {
  const known = parsedFiles.get(file);
  if (known !== undefined) return known;
  const documents = parseAllDocuments(readFileSync(join(CORPUS, file), 'utf8'), { prettyErrors: false });
  const objects = (Array.isArray(documents) ? documents : []).map((document) => {
    assert.deepEqual(document.errors, [], file);
    return document.toJS({ maxAliasCount: 100 }) as unknown;
  });
  parsedFiles.set(file, objects);
  return objects;
}

/** Each configuration is read and analysed once; many queries ask about the same one. */
const analysed = new Map<string, { sanity: PolicySanity; policies: readonly Policy[] }>();

function analyse(config: SanityConfig): { sanity: PolicySanity; policies: readonly Policy[] } {
  const key = JSON.stringify([config.namespaces, config.pods, config.policies, config.onlyPolicy ?? null]);
  const known = analysed.get(key);
  if (known !== undefined) return known;
  const collector = new PolicyInputCollector();
  for (const file of [...config.namespaces, ...config.pods, ...config.policies]) collector.add(objectsOf(file), file);
  const inputs = collector.result();
  const policies = config.onlyPolicy === undefined ? inputs.policies : inputs.policies.filter((policy) => fullName(policy) === config.onlyPolicy);
  assert.ok(config.onlyPolicy === undefined || policies.length === 1, `${config.name}: no policy ${config.onlyPolicy ?? ''}`);
  const result = { sanity: analysePolicySanity({ ...inputs, policies }, inputs.endpoints), policies };
  analysed.set(key, result);
  return result;
}

function countConfig(kind: QueryKind, config: SanityConfig): number {
  const { sanity, policies } = analyse(config);
  return count(kind, sanity, policies);
}

/** The policies a txt expected output names as redundant, by configuration ("Policies that are redundant in X:"). */
function namedRedundant(text: string): Map<string, string[]> {
  const named = new Map<string, string[]>();
  for (const match of text.matchAll(/^Policies that are redundant in (\S+):\n(.+)$/gm)) named.set(match[1] ?? '', (match[2] ?? '').split(/,\s*/).filter((name) => name !== ''));
  return named;
}

describe('network-config-analyzer sanity queries', () => {
  it('names the redundant policies their expected outputs name', () => {
    const cases = JSON.parse(readFileSync(join(CORPUS, 'sanity-cases.json'), 'utf8')) as SanityCase[];
    let compared = 0;
    for (const sanityCase of cases) {
      if (sanityCase.expectedOutput === undefined) continue;
      for (const [configName, names] of namedRedundant(readFileSync(join(CORPUS, sanityCase.expectedOutput), 'utf8'))) {
        const config = sanityCase.configs.find((candidate) => candidate.name === configName);
        assert.ok(config, `${sanityCase.id}: no configuration ${configName}`);
        assert.deepEqual(analyse(config).sanity.redundantPolicies.map(fullName).sort(), [...names].sort(), sanityCase.id);
        compared++;
      }
    }
    assert.ok(compared > 0, 'no expected output names redundant policies');
  });


  it('finds their redundancies, empty policies and rules, vacuous sets and conflicts', () => {
    const cases = JSON.parse(readFileSync(join(CORPUS, 'sanity-cases.json'), 'utf8')) as SanityCase[];
    const started = Date.now();
    const results = cases.map((sanityCase) => ({ sanityCase, found: sanityCase.configs.reduce((sum, config) => sum + countConfig(sanityCase.kind, config), 0) }));
    const expected = results.reduce((sum, { sanityCase }) => sum + sanityCase.expected, 0);
    const matched = results.reduce((sum, { sanityCase, found }) => sum + Math.min(found, sanityCase.expected), 0);
    const extra = results.reduce((sum, { sanityCase, found }) => sum + Math.max(0, found - sanityCase.expected), 0);
    const exact = results.filter(({ sanityCase, found }) => found === sanityCase.expected).length;
    const byKind = (['sanity', 'redundancy', 'emptiness', 'vacuity'] as const).map((kind) => {
      const ofKind = results.filter(({ sanityCase }) => sanityCase.kind === kind);
      return `${kind} ${ofKind.filter(({ sanityCase, found }) => found === sanityCase.expected).length}/${ofKind.length}`;
    });
    const lines = results.filter(({ sanityCase, found }) => found !== sanityCase.expected).map(({ sanityCase, found }) => `  found ${found}, expected ${sanityCase.expected}  ${sanityCase.id} [${sanityCase.configs.map((config) => config.name).join(', ')}]`);
    console.log(
      `network-config-analyzer sanity: ${exact}/${results.length} queries counted the same (${byKind.join(', ')}); ` +
        `${matched}/${expected} expected findings found (${((100 * matched) / Math.max(1, expected)).toFixed(1)}%), ${extra} beyond them; ${Date.now() - started} ms\n${lines.join('\n')}`,
    );
    assert.ok(exact >= FLOOR.exactQueries, `${exact} queries counted the same, below the floor ${FLOOR.exactQueries}`);
    assert.ok(matched / Math.max(1, expected) >= FLOOR.findings, `findings ${(matched / expected).toFixed(3)} below the floor ${FLOOR.findings}`);
  });
});
