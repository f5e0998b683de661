import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseCidr } from '../../../src/core/net/cidr';
import { evaluateConnection, preparePolicies } from '../../../src/core/policy/evaluateConnection';
import { addPolicyDocuments } from '../../../src/core/policy/policyDocuments';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import type { Endpoint, Traffic } from '../../../src/core/policy/policyModel';
import { expectedAllowed, parseFwRules, parseNoFwRules, type ExpectedRule, type Probed, type ScoredEndpoint } from './ncaExpected';

// Scores the model against network-config-analyzer's expected connectivity maps (test/corpus/policy/nca, see
// PROVENANCE.tsv): every (source, destination, probe) the expected output decides is one connection.
const CORPUS = join(__dirname, '../../../../test/corpus/policy/nca');

/** The first score (see test/corpus/policy/README.md); the suite fails below it. */
const FLOOR = { connections: 0.915, exactMaps: 16 };

interface CorpusCase {
  readonly id: string;
  readonly config: string;
  readonly format: 'txt' | 'txt_no_fw_rules';
  readonly policies: readonly string[];
  readonly pods: readonly string[];
  readonly namespaces: readonly string[];
  readonly expected: string;
}

function rawObjects(path: string): unknown[] {
  const flat: unknown[] = [];
  const visit = (value: unknown, kindHint?: string): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, kindHint);
    else if (typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items)) {
      const listKind = (value as { kind?: string }).kind;
      for (const item of (value as { items: unknown[] }).items) visit(item, listKind?.endsWith('List') && listKind !== 'List' ? listKind.slice(0, -4) : kindHint);
    } else if (typeof value === 'object' && value !== null) flat.push({ kind: kindHint, ...value });
  };
  for (const document of parseAllDocuments(readFileSync(join(CORPUS, path), 'utf8'))) visit(document.toJS());
  return flat;
}

/** The names their outputs give an endpoint: its own, its owner's, its generateName stem. */
function namesOf(raw: unknown): { namespace: string | undefined; name: string; names: string[] } {
  const object = raw as { kind?: string; metadata?: { name?: string; namespace?: string; generateName?: string; ownerReferences?: { name?: string }[] }; spec?: { pod?: string } };
  const metadata = object.metadata ?? {};
  const name = object.kind === 'WorkloadEndpoint' ? object.spec?.pod ?? metadata.name ?? '' : metadata.name ?? '';
  const owners = (metadata.ownerReferences ?? []).map((owner) => owner.name ?? '');
  const names = [name, ...(owners.length > 0 ? owners : metadata.generateName ? [metadata.generateName.replace(/-$/, '')] : [])];
  return { namespace: object.kind === 'HostEndpoint' ? undefined : metadata.namespace ?? 'default', name, names };
}

/** Ports worth probing: the bounds of every range the expected output and the policies mention, and a few common ones. */
function probePorts(texts: readonly string[]): number[] {
  const ports = new Set([1, 53, 80, 443, 8080, 65535]);
  for (const text of texts) {
    for (const match of text.matchAll(/(?:dst_ports:|port:|endPort:|ports:|- )\s*"?(\d{1,5})(?:[-:](\d{1,5}))?/g)) {
      for (const value of [match[1], match[2]]) {
        if (value === undefined) continue;
        const port = Number(value);
        for (const probe of [port - 1, port, port + 1]) if (probe >= 1 && probe <= 65535) ports.add(probe);
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

function probes(ports: readonly number[], texts: readonly string[]): Traffic[] {
  const icmpTypes = new Set([8]);
  for (const text of texts) for (const match of text.matchAll(/(?:icmp_type:|type:)\s*(\d+)/g)) icmpTypes.add(Number(match[1]));
  const traffic: Traffic[] = [];
  for (const protocol of ['TCP', 'UDP', 'SCTP']) for (const port of ports) traffic.push({ protocol, port });
  for (const type of icmpTypes) {
    traffic.push({ protocol: 'ICMP', icmpType: type, icmpCode: 0 });
    traffic.push({ protocol: 'ICMP', icmpType: type, icmpCode: 230 });
  }
  traffic.push({ protocol: '112' }, { protocol: '136' });
  return traffic;
}

function probeAddresses(texts: readonly string[]): Probed[] {
  const addresses = new Set(['8.8.8.8', '1.1.1.1', '192.168.0.1']);
  for (const text of texts) for (const match of text.matchAll(/(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?:\/(\d{1,2}))?/g)) addresses.add(match[1] ?? '');
  return [...addresses].flatMap((address) => {
    const parsed = parseCidr(`${address}/32`);
    return parsed.ok ? [{ kind: 'address' as const, ip: parsed.cidr }] : [];
  });
}

interface CaseScore {
  readonly id: string;
  readonly same: number;
  readonly total: number;
  readonly undecided: number;
  readonly misses: string[];
}

function scoreCase(corpusCase: CorpusCase): CaseScore {
  const collector = new PolicyInputCollector();
  const texts: string[] = [];
  for (const file of [...corpusCase.namespaces, ...corpusCase.pods, ...corpusCase.policies]) {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    if (corpusCase.policies.includes(file)) texts.push(text);
    assert.deepEqual(addPolicyDocuments(text, file, collector), [], file);
  }
  const inputs = collector.result();
  const prepared = preparePolicies(inputs);
  const expectedText = readFileSync(join(CORPUS, corpusCase.expected), 'utf8');
  const rules: ExpectedRule[] | undefined = corpusCase.format === 'txt' ? parseFwRules(expectedText, corpusCase.config) : parseNoFwRules(expectedText);
  assert.ok(rules, `${corpusCase.id}: no section for config ${corpusCase.config}`);
  const raw = corpusCase.pods.flatMap(rawObjects).filter((object) => ['Pod', 'WorkloadEndpoint', 'HostEndpoint'].includes((object as { kind?: string }).kind ?? ''));
  const named = raw.map(namesOf);
  const endpoints = inputs.endpoints.map((endpoint): { model: Endpoint; probed: Probed } => {
    const endpointName = endpoint.kind === 'address' ? '' : endpoint.name;
    const namespace = endpoint.kind === 'pod' ? endpoint.namespace : undefined;
    const names = named.find((entry) => entry.name === endpointName && entry.namespace === namespace)?.names ?? [endpointName];
    const scored: ScoredEndpoint = { namespace, names, labels: endpoint.kind === 'address' ? {} : endpoint.labels };
    return { model: endpoint, probed: { kind: 'endpoint', endpoint: scored } };
  });
  const addresses = probeAddresses([expectedText, ...texts]).map((probed) => ({ model: { kind: 'address' as const, ip: (probed as { ip: ReturnType<typeof parseCidr> & { ok: true } extends { cidr: infer C } ? C : never }).ip, labels: {} }, probed }));
  const traffic = probes(probePorts([expectedText, ...texts]), [expectedText, ...texts]);
  let same = 0;
  let total = 0;
  let undecided = 0;
  const misses: string[] = [];
  const pairs = [
    ...endpoints.flatMap((src) => endpoints.filter((dst) => dst !== src).map((dst) => [src, dst] as const)),
    ...endpoints.flatMap((endpoint) => addresses.flatMap((address) => [[address, endpoint] as const, [endpoint, address] as const])),
  ];
  for (const [src, dst] of pairs) {
    // Their workload-level output says nothing about pods of one workload talking to each other.
    if (corpusCase.format === 'txt_no_fw_rules' && src.probed.kind === 'endpoint' && dst.probed.kind === 'endpoint' && src.probed.endpoint.namespace === dst.probed.endpoint.namespace && src.probed.endpoint.names.slice(1).some((name) => dst.probed.kind === 'endpoint' && dst.probed.endpoint.names.slice(1).includes(name))) continue;
    for (const probe of traffic) {
      const expected = expectedAllowed(rules, src.probed, dst.probed, probe);
      if (expected === undefined) {
        undecided++;
        continue;
      }
      total++;
      const actual = evaluateConnection(src.model, dst.model, probe, prepared, false);
      if (actual.allowed === expected) same++;
      else if (misses.length < 5) misses.push(`${actual.source} -> ${actual.destination} ${probe.protocol}/${probe.port ?? probe.icmpType ?? ''}: expected ${expected ? 'allowed' : 'denied'}; ${actual.deciding.decision.summary}`);
    }
  }
  return { id: corpusCase.id, same, total, undecided, misses };
}

describe('network-config-analyzer connectivity maps', () => {
  it('answers their expected connections the same', () => {
    const cases = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as CorpusCase[];
    const scores = cases.map(scoreCase);
    const same = scores.reduce((sum, score) => sum + score.same, 0);
    const total = scores.reduce((sum, score) => sum + score.total, 0);
    const lines = scores.map((score) => `  ${(score.total === 0 ? 1 : score.same / score.total).toFixed(4)}  ${score.same}/${score.total}${score.undecided > 0 ? ` (${score.undecided} undecided)` : ''}  ${score.id}${score.misses.map((miss) => `\n        ${miss}`).join('')}`);
    const exact = scores.filter((score) => score.same === score.total).length;
    console.log(`network-config-analyzer: ${same}/${total} connections answered the same (${((100 * same) / total).toFixed(2)}%), ${exact}/${scores.length} maps exact\n${lines.join('\n')}`);
    assert.ok(same / total >= FLOOR.connections, `score ${(same / total).toFixed(4)} is below the floor ${FLOOR.connections}`);
    assert.ok(exact >= FLOOR.exactMaps, `${exact} exact maps, below the floor ${FLOOR.exactMaps}`);
  });
});
