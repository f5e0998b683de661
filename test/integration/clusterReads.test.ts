import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { openCluster, DEFAULT_TUNING } from '../../src/cluster/kubeGateway';
import type { CheckResult } from '../../src/core/checks/checkResult';
import { CLUSTER_READS, readsAllow, type ClusterRead, type ReadRequest } from '../../src/core/checks/clusterReads';
import { checkClusterReader } from '../../src/core/fleet/checkClusterReader';
import { listNamespaceChoices, listPodChoices } from '../../src/core/policy/connectionChoices';
import { parseTraffic, resolveEndpoint } from '../../src/core/policy/connectionQuery';
import { evaluateConnection, preparePolicies } from '../../src/core/policy/evaluateConnection';
import { readLivePolicyInputs } from '../../src/core/policy/livePolicyReads';
import { runInProcess } from '../cli/cliHarness';
import { readCase } from '../corpus/clusterCase';
import { POLICY_QUERIES, policyCluster } from '../sim/policyCluster';
import { loadRawCluster } from '../sim/rawCluster';
import { loadScenario, parseRoute, startRawCluster, startSimulatedCluster, type RunningSim } from '../sim/simServer';

/**
 * The least-privilege role is exactly what the checks need, proven against the simulated API server enforcing it.
 * Data-driven over CLUSTER_READS: a new read is one line there, and these tests cover it.
 */

/** A recorded request as RBAC sees it (the sim's request log has the path and query). */
function asReadRequest(path: string, query: string): ReadRequest | undefined {
  const route = parseRoute(path);
  if (!route) return undefined;
  const verb = route.name === undefined ? (new URLSearchParams(query).get('watch') === 'true' ? 'watch' : 'list') : 'get';
  return { verb, apiGroup: route.group, resource: route.subresource ? `${route.resource}/${route.subresource}` : route.resource, namespace: route.namespace, name: route.name };
}

interface Enforced {
  readonly sim: RunningSim;
  /** The rules the simulated API server enforces for the token right now. */
  rules: readonly ClusterRead[];
}

/** The synthetic fixtures of the corpus harness: a manifest install and an operator that never ran need reads no scenario does. */
const FIXTURES = join(__dirname, '../../../test/corpus/clusters/_fixtures');
const RAW_TARGETS = ['synthetic-healthy-kubeadm-calico-3.26-manifest', 'synthetic-k3s-operator-refused-by-podsecurity', 'synthetic-healthy-rke2-calico-3.23-operator'].map((name) => `raw:${name}`);

/** A scenario by name, or a fixture of the corpus harness (`raw:<folder>`), served by the simulated API server. */
async function start(target: string, startAt: number, authorize?: (request: ReadRequest) => boolean): Promise<RunningSim> {
  if (target.startsWith('raw:')) {
    const folder = join(FIXTURES, target.slice('raw:'.length));
    return startRawCluster(loadRawCluster(folder, readCase(folder).shown, readCase(folder).partial), authorize ? { authorize } : {});
  }
  return startSimulatedCluster(loadScenario(target), { manualClock: true, startAt, ...(authorize ? { authorize } : {}) });
}

async function enforcing(scenario: string, startAt = 0): Promise<Enforced> {
  const state: { rules: readonly ClusterRead[] } = { rules: CLUSTER_READS };
  const sim = await start(scenario, startAt, (request) => readsAllow(state.rules, request));
  return Object.defineProperties({ sim } as Enforced, { rules: { get: () => state.rules, set: (rules: readonly ClusterRead[]) => (state.rules = rules), enumerable: true } });
}

/** A full fleet-style check (the probe and every read of the checks), as the in-cluster CronJob runs it. */
async function checks(sim: RunningSim): Promise<CheckResult[] | string> {
  const opened = openCluster({ paths: [sim.kubeconfigPath], origin: 'argument' }, 'sim', { ...DEFAULT_TUNING, timeoutMs: 3000 });
  assert.ok(opened.ok);
  const outcome = await checkClusterReader(opened.reader, new AbortController().signal, false);
  if (outcome.kind !== 'checked') return `${outcome.kind}: ${'reason' in outcome ? outcome.reason : ''}`;
  return outcome.report.checks.map((check) => ({ ...check, area: check.area as CheckResult['area'] }));
}

/**
 * Every connection of the policy cluster explained as the editor does it live: the namespaces and the pods of each
 * namespace involved listed to pick from, then `explain`'s reads. What it could not read (its gaps) and, when both
 * ends were read, whether the connection is allowed.
 */
async function explanations(sim: RunningSim): Promise<{ readonly gaps: readonly string[]; readonly allowed: boolean | undefined }[]> {
  const opened = openCluster({ paths: [sim.kubeconfigPath], origin: 'argument' }, 'sim', { ...DEFAULT_TUNING, timeoutMs: 3000 });
  assert.ok(opened.ok);
  const answers = [];
  for (const query of POLICY_QUERIES) {
    const picks = [await listNamespaceChoices(opened.reader), ...(await Promise.all(query.refs.flatMap((ref) => (ref.kind === 'pod' ? [listPodChoices(opened.reader, ref.namespace)] : []))))];
    const pickGaps = picks.flatMap((pick) => (pick.kind === 'ok' ? [] : [`choices: ${pick.kind}`]));
    const live = await readLivePolicyInputs(opened.reader, query.refs);
    const traffic = parseTraffic(query.port);
    const [source, destination] = query.refs.map((ref) => resolveEndpoint(ref, live.inputs.endpoints));
    assert.ok(traffic.ok);
    const allowed = source?.ok && destination?.ok ? evaluateConnection(source.value, destination.value, traffic.value, preparePolicies(live.inputs), false).allowed : undefined;
    answers.push({ gaps: [...pickGaps, ...live.gaps], allowed });
  }
  return answers;
}

/** Every way of taking one thing away from the role: a rule, or one verb, name or namespace of it. */
function narrower(reads: readonly ClusterRead[]): { readonly what: string; readonly rules: ClusterRead[] }[] {
  const variants: { what: string; rules: ClusterRead[] }[] = [];
  reads.forEach((read, index) => {
    const label = `${read.verbs.join('/')} ${read.apiGroup || 'core'}/${read.resource}`;
    const replaced = (changed: ClusterRead | undefined): ClusterRead[] => reads.flatMap((entry, other) => (other === index ? (changed ? [changed] : []) : [entry]));
    variants.push({ what: `without ${label}`, rules: replaced(undefined) });
    if (read.verbs.length > 1) for (const verb of read.verbs) variants.push({ what: `${label} without ${verb}`, rules: replaced({ ...read, verbs: read.verbs.filter((entry) => entry !== verb) }) });
    if (read.names && read.names.length > 1) for (const name of read.names) variants.push({ what: `${label} without the name ${name}`, rules: replaced({ ...read, names: read.names.filter((entry) => entry !== name) }) });
    if (read.namespaces && read.namespaces.length > 1) for (const namespace of read.namespaces) variants.push({ what: `${label} without the namespace ${namespace}`, rules: replaced({ ...read, namespaces: read.namespaces.filter((entry) => entry !== namespace) }) });
  });
  return variants;
}

describe('the declared cluster reads (src/core/checks/clusterReads.ts) are the least-privilege role', () => {
  it('declare every read a check makes: each request of a full check is allowed by them', async () => {
    for (const [scenario, startAt] of [['healthy', 0], ['race-3.29.2', 20], ['rbac-missing', 0], ['ebpf-kube-proxy', 0], ['upgrade-failed', 0], ['canal', 0], ...RAW_TARGETS.map((target) => [target, 0] as const)] as const) {
      const sim = await start(scenario, startAt);
      try {
        await checks(sim);
        assert.ok((await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--host-root', '/nonexistent'])).code <= 3);
        const undeclared = sim.requests.flatMap((request) => {
          const read = asReadRequest(request.path, request.query);
          return read && !readsAllow(CLUSTER_READS, read) ? [`${read.verb} ${read.apiGroup || 'core'}/${read.resource}${read.namespace ? ` in ${read.namespace}` : ''}${read.name ? ` "${read.name}"` : ''}`] : [];
        });
        assert.deepEqual([...new Set(undeclared)], [], `${scenario}: reads missing from CLUSTER_READS (add one line each)`);
        assert.deepEqual(sim.requests.filter((request) => request.method !== 'GET'), []);
      } finally {
        await sim.stop();
      }
    }
  });

  it('declare every read `explain` makes, in the namespaces of the connection only, all GET', async () => {
    const sim = await startRawCluster(policyCluster());
    try {
      const answers = await explanations(sim);
      assert.deepEqual(answers.flatMap((answer) => answer.gaps), []);
      const undeclared = sim.requests.flatMap((request) => {
        const read = asReadRequest(request.path, request.query);
        return read && !readsAllow(CLUSTER_READS, read) ? [`${read.verb} ${read.apiGroup || 'core'}/${read.resource}${read.namespace ? ` in ${read.namespace}` : ''}${read.name ? ` "${read.name}"` : ''}`] : [];
      });
      assert.deepEqual([...new Set(undeclared)], [], 'reads missing from CLUSTER_READS (POLICY_READS)');
      assert.deepEqual(sim.requests.filter((request) => request.method !== 'GET'), []);
      assert.deepEqual(sim.requests.filter((request) => /elsewhere/.test(request.path)), [], 'a namespace outside the connection was read');
      assert.deepEqual(sim.requests.filter((request) => /^\/api\/v1\/pods/.test(request.path)), [], 'every pod of the cluster was listed');
    } finally {
      await sim.stop();
    }
  });

  it('are enough: with the simulated API server enforcing them, every check reaches the status it has with full access', async () => {
    const open = await startSimulatedCluster(loadScenario('healthy'), { manualClock: true });
    const enforced = await enforcing('healthy');
    try {
      const full = await checks(open);
      const restricted = await checks(enforced.sim);
      assert.ok(Array.isArray(full) && Array.isArray(restricted), typeof restricted === 'string' ? restricted : 'checked');
      assert.deepEqual(restricted.filter((check) => check.status === 'unknown').map((check) => `${check.id}: ${check.summary}`), []);
      assert.deepEqual(Object.fromEntries(restricted.map((check) => [check.id, check.status])), Object.fromEntries(full.map((check) => [check.id, check.status])));
      assert.ok(enforced.sim.requests.every((request) => request.status !== 403), 'nothing was refused');
    } finally {
      await open.stop();
      await enforced.sim.stop();
    }
  });

  it('are enough for `explain`: with the simulated API server enforcing them, every connection gets the answer it has with full access', async () => {
    const open = await startRawCluster(policyCluster());
    const enforcedSim = await startRawCluster(policyCluster(), { authorize: (request) => readsAllow(CLUSTER_READS, request) });
    try {
      const full = await explanations(open);
      const restricted = await explanations(enforcedSim);
      assert.deepEqual(restricted.flatMap((answer) => answer.gaps), []);
      assert.deepEqual(restricted, full);
      assert.deepEqual(full.map((answer) => answer.allowed), [false, true, false, false]);
      assert.ok(enforcedSim.requests.every((request) => request.status !== 403), 'nothing was refused');
    } finally {
      await open.stop();
      await enforcedSim.stop();
    }
  });

  it('are minimal: taking away any rule, verb, name or namespace makes some check unknown, or says what it could not read', async () => {
    // Reads some checks make only in some states (logs of failing pods…): each scenario gets its chance to need them.
    const scenarios = [['healthy', 0], ['race-3.29.2', 20], ['ebpf-kube-proxy', 0], ['upgrade-failed', 0], ['canal', 0], ...RAW_TARGETS.slice(0, 2).map((target) => [target, 0] as const)] as const;
    const needed = new Set<string>();
    const variants = narrower(CLUSTER_READS);
    assert.ok(variants.length >= CLUSTER_READS.length);
    for (const [scenario, startAt] of scenarios) {
      const enforced = await enforcing(scenario, startAt);
      try {
        const full = await checks(enforced.sim);
        assert.ok(Array.isArray(full), typeof full === 'string' ? full : 'checked');
        const before = new Map(full.map((check) => [check.id, check]));
        for (const variant of variants) {
          enforced.rules = variant.rules;
          const results = await checks(enforced.sim);
          // Without the node list the cluster cannot be read at all, which is stronger still.
          if (typeof results === 'string') {
            if (/forbidden/.test(results)) needed.add(variant.what);
            continue;
          }
          // A check made unknown by the refusal, or whose evidence now says what it could not read (the pods
          // behind a DaemonSet's counts: the counts decide, the pods explain and open their logs).
          const changed = results.some((check) => {
            const was = before.get(check.id);
            const unknownNow = check.status === 'unknown' && was?.status !== 'unknown' && /forbidden/.test(check.summary);
            const saysSo = check.evidence.some((line) => /forbidden/.test(line) && !(was?.evidence.includes(line) ?? false));
            return unknownNow || saysSo;
          });
          if (changed) needed.add(variant.what);
        }
        enforced.rules = CLUSTER_READS;
      } finally {
        await enforced.sim.stop();
      }
    }
    // The policy reads are needed by `explain`: a refusal shows as a gap it names, so its answer is not trusted silently.
    const state: { rules: readonly ClusterRead[] } = { rules: CLUSTER_READS };
    const policySim = await startRawCluster(policyCluster(), { authorize: (request) => readsAllow(state.rules, request) });
    try {
      for (const variant of variants.filter((entry) => !needed.has(entry.what))) {
        state.rules = variant.rules;
        if ((await explanations(policySim)).some((answer) => answer.gaps.some((gap) => /forbidden/.test(gap)))) needed.add(variant.what);
      }
    } finally {
      await policySim.stop();
    }
    const harmless = variants.map((variant) => variant.what).filter((what) => !needed.has(what));
    assert.deepEqual(harmless, [], 'rules whose refusal no check notices (remove them from CLUSTER_READS, or make the check that reads them say it could not)');
  });

  it('deploy/rbac.yaml is what `rke2-calico-diag rbac` generates from them, with no write verb', async () => {
    const run = await runInProcess(['rbac']);
    assert.equal(run.code, 0);
    assert.equal(readFileSync(join(__dirname, '../../../deploy/rbac.yaml'), 'utf8'), run.stdout, 'regenerate: node dist/cli.js rbac > deploy/rbac.yaml');
    const verbs = [...run.stdout.matchAll(/verbs: \[(.*)\]/g)].flatMap((match) => (match[1] ?? '').split(', '));
    assert.ok(verbs.length > 0 && verbs.every((verb) => ['"get"', '"list"', '"watch"'].includes(verb)), verbs.join(' '));
    assert.match((await runInProcess(['rbac', '--namespace', 'Bad_NS'])).stderr, /must be a Kubernetes namespace name/);
  });

  it('deploy/cronjob.yaml runs check --in-cluster with the generated service account, as OpenMetrics', () => {
    const documents = parseAllDocuments(readFileSync(join(__dirname, '../../../deploy/cronjob.yaml'), 'utf8')).map((document) => document.toJS() as Record<string, unknown>);
    assert.equal(documents.length, 1);
    const text = JSON.stringify(documents[0]);
    assert.match(text, /"kind":"CronJob"/);
    assert.match(text, /"serviceAccountName":"rke2-calico-diagnostics"/);
    assert.match(text, /"namespace":"rke2-calico-diagnostics"/);
    assert.match(text, /check --in-cluster --cluster-name \\"\$CLUSTER_NAME\\" --format openmetrics/);
  });
});
