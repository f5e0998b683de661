import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readsAllow } from '../../../src/core/checks/clusterReads';
import type { ApiResult } from '../../../src/core/kube/apiResult';
import type { ClusterReader, ListResult } from '../../../src/core/kube/clusterReader';
import { readLivePolicyInputs } from '../../../src/core/policy/livePolicyReads';
import { POLICY_READS } from '../../../src/core/policy/policyReads';
import { DB_FROM_WEB_POLICY } from '../../builders/policyFixtures';
import { runInProcess } from '../../cli/cliHarness';

const POLICIES = `${DB_FROM_WEB_POLICY}---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: security.no-telnet }
spec:
  tier: security
  order: 10
  selector: all()
  ingress: [ { action: Deny, protocol: TCP, destination: { ports: [23] } }, { action: Pass } ]
  egress: [ { action: Pass } ]
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: security }
spec: { order: 100 }
`;

const PODS = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'web-1', labels: { app: 'web' } }, spec: { containers: [] }, status: { podIP: '10.42.0.10' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'db-1', labels: { app: 'db' } }, spec: { containers: [] }, status: { podIP: '10.42.0.11' } },
  ],
});

function workspace(): { policies: string; pods: string } {
  const folder = mkdtempSync(join(tmpdir(), 'explain-'));
  writeFileSync(join(folder, 'policies.yaml'), POLICIES);
  writeFileSync(join(folder, 'pods.json'), PODS);
  return { policies: join(folder, 'policies.yaml'), pods: join(folder, 'pods.json') };
}

describe('explain command (offline)', () => {
  const files = workspace();
  const base = ['explain', '--policies', files.policies, '--pods', files.pods];

  it('exits 0 when allowed, naming the deciding policy and rule', async () => {
    const run = await runInProcess([...base, '--from', 'shop/web-1', '--to', 'shop/db-1', '--port', '5432/TCP']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /ALLOWED/);
    assert.match(run.stdout, /knp\.default\.db-from-web, rule ingress\[0\] from\[0\] ports\[0\]/);
    assert.match(run.stdout, /tier security \(order 100\): pass/);
  });

  it('exits 1 when denied, with the implicit end-of-tier deny or the deciding Deny, in text and JSON', async () => {
    const wrongPort = await runInProcess([...base, '--from', 'shop/web-1', '--to', 'shop/db-1', '--port', '8080']);
    assert.equal(wrongPort.code, 1);
    assert.match(wrongPort.stdout, /denied at the end of tier default/);
    const telnet = await runInProcess([...base, '--from', '10.42.0.10', '--to', 'shop/db-1', '--port', '23/TCP', '--format', 'json']);
    assert.equal(telnet.code, 1);
    const json = JSON.parse(telnet.stdout) as { allowed: boolean; deciding: { decision: { tier: string; policy: string; rule: string } } };
    assert.equal(json.allowed, false);
    assert.deepEqual([json.deciding.decision.tier, json.deciding.decision.policy, json.deciding.decision.rule], ['security', 'security.no-telnet', 'ingress[0]']);
  });

  it('exits 2 on bad input', async () => {
    for (const argv of [
      [...base, '--from', 'shop/web-1', '--to', 'shop/db-1'],
      [...base, '--from', 'shop/web-1', '--to', 'shop/db-1', '--port', '70000/TCP'],
      [...base, '--from', 'nonsense', '--to', 'shop/db-1', '--port', '80'],
      [...base, '--from', 'shop/missing', '--to', 'shop/db-1', '--port', '80'],
      ['explain', '--policies', '/no/such/dir', '--from', 'a/b', '--to', 'c/d', '--port', '80'],
    ]) {
      const run = await runInProcess(argv);
      assert.equal(run.code, 2, `${argv.join(' ')}: ${run.stdout}`);
    }
  });
});

/** A reader over a fixed set of paths that answers 403 to what `allowed` refuses, and records every request. */
function fakeReader(objects: Readonly<Record<string, unknown>>, allowed: (path: string) => boolean): ClusterReader & { paths: string[] } {
  const paths: string[] = [];
  const answer = <T>(path: string, value: T | undefined): ApiResult<T> => {
    paths.push(path);
    if (!allowed(path)) return { kind: 'forbidden', message: 'forbidden' };
    return value === undefined ? { kind: 'not-found', message: 'not found' } : { kind: 'ok', value };
  };
  return {
    paths,
    identity: { context: 'fake', server: 'https://fake' },
    get: (path) => Promise.resolve(answer(path, objects[path])),
    list: (path) => Promise.resolve(answer<ListResult>(path, objects[path] === undefined ? undefined : { items: objects[path] as unknown[], truncated: false })),
    podLog: () => Promise.resolve({ kind: 'forbidden', message: 'no' }),
    followPodLog: () => Promise.resolve({ kind: 'forbidden', message: 'no' }),
  };
}

/** The RBAC request a path is: verb, group, resource, namespace, name. */
function requestOf(path: string, list: boolean): Parameters<typeof readsAllow>[1] {
  const parts = path.split('/').filter(Boolean);
  const group = parts[0] === 'api' ? '' : parts[1] ?? '';
  const rest = parts.slice(parts[0] === 'api' ? 2 : 3);
  const namespace = rest[0] === 'namespaces' && rest.length > 2 ? rest[1] : undefined;
  const tail = namespace === undefined ? rest : rest.slice(2);
  return { verb: list ? 'list' : 'get', apiGroup: group, resource: tail[0] ?? '', namespace, name: tail[1] };
}

describe('explain against a cluster', () => {
  const objects: Record<string, unknown> = {
    '/api/v1/namespaces/shop/pods/web-1': { metadata: { namespace: 'shop', name: 'web-1', labels: { app: 'web' } }, spec: {}, status: { podIP: '10.42.0.10' } },
    '/api/v1/namespaces/ops/pods/probe': { metadata: { namespace: 'ops', name: 'probe', labels: { app: 'probe' } }, spec: {}, status: { podIP: '10.42.1.10' } },
    '/api/v1/namespaces/shop': { metadata: { name: 'shop' } },
    '/api/v1/namespaces/ops': { metadata: { name: 'ops' } },
    '/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies': [{ metadata: { namespace: 'shop', name: 'deny-all' }, spec: { podSelector: {} } }],
    '/apis/networking.k8s.io/v1/namespaces/ops/networkpolicies': [],
    '/apis/crd.projectcalico.org/v1/namespaces/shop/networkpolicies': [],
    '/apis/crd.projectcalico.org/v1/namespaces/ops/networkpolicies': [],
    '/apis/crd.projectcalico.org/v1/globalnetworkpolicies': [],
    '/apis/crd.projectcalico.org/v1/tiers': [],
  };

  it('reads only the two namespaces, with at most 10 GETs, each allowed by the declared reads', async () => {
    const reader = fakeReader(objects, () => true);
    const result = await readLivePolicyInputs(reader, [{ kind: 'pod', namespace: 'ops', name: 'probe' }, { kind: 'pod', namespace: 'shop', name: 'web-1' }]);
    assert.deepEqual(result.gaps, []);
    assert.ok(result.requests <= 10, `${result.requests} requests`);
    assert.ok(reader.paths.every((path) => /\/(shop|ops)(\/|$)|globalnetworkpolicies|tiers/.test(path)), reader.paths.join('\n'));
    const lists = new Set(['networkpolicies', 'globalnetworkpolicies', 'tiers', 'globalnetworksets']);
    for (const path of reader.paths) assert.ok(readsAllow(POLICY_READS, requestOf(path, lists.has(path.split('/').at(-1) ?? ''))), path);
    assert.equal(result.inputs.policies.length, 1);
    assert.equal(result.inputs.endpoints.length, 2);
  });

  it('says what it could not read, so the answer is not trusted silently', async () => {
    const reader = fakeReader(objects, (path) => !path.includes('globalnetworkpolicies'));
    const result = await readLivePolicyInputs(reader, [{ kind: 'pod', namespace: 'ops', name: 'probe' }, { kind: 'pod', namespace: 'shop', name: 'web-1' }]);
    assert.equal(result.gaps.length, 1);
    assert.match(result.gaps[0] ?? '', /GlobalNetworkPolicies: forbidden/);
  });
});

describe('explain --matrix', () => {
  it('prints the namespace matrix of the files, offline', async () => {
    const files = workspace();
    const run = await runInProcess(['explain', '--matrix', '--port', '8080/TCP', '--policies', files.policies, '--pods', files.pods, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const matrix = JSON.parse(run.stdout) as { namespaces: string[]; cells: string[][] };
    assert.deepEqual(matrix.namespaces, ['shop']);
    assert.deepEqual(matrix.cells, [['partial']]);
  });
});
