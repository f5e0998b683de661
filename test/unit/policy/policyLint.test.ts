import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import { lintPolicies, type PolicyLintCode } from '../../../src/core/policy/policyLint';
import { runInProcess } from '../../cli/cliHarness';

function codes(objects: readonly unknown[], workloadsKnown = true): { code: PolicyLintCode; path: string; message: string }[] {
  const collector = new PolicyInputCollector();
  for (const object of objects) collector.add(object, 'policies.yaml');
  return lintPolicies(collector.result(), workloadsKnown).map(({ code, path, message }) => ({ code, path, message }));
}

const web = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'web-1', labels: { app: 'web' } }, spec: { containers: [{ ports: [{ name: 'http', containerPort: 8080 }] }] } };

function calico(name: string, spec: Record<string, unknown>): unknown {
  return { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name }, spec };
}

describe('policy lint', () => {
  it('reports an invalid selector with where it fails', () => {
    const findings = codes([web, calico('typo', { selector: "app = 'web'", ingress: [{ action: 'Allow' }] })]);
    const invalid = findings.find((finding) => finding.code === 'policy-invalid');
    assert.ok(invalid);
    assert.equal(invalid.path, 'spec.selector');
    assert.match(invalid.message, /use "=="/);
  });

  it('finds a rule an earlier rule shadows, and not one that is narrower first', () => {
    const shadowed = codes([web, calico('order', { selector: "app == 'web'", ingress: [{ action: 'Allow', protocol: 'TCP' }, { action: 'Deny', protocol: 'TCP', destination: { ports: [22] } }, { action: 'Deny', protocol: 'UDP' }] })]);
    assert.deepEqual(shadowed.filter((finding) => finding.code === 'policy-rule-shadowed').map((finding) => finding.path), ['ingress[1]']);
    const fine = codes([web, calico('fine', { selector: "app == 'web'", ingress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [22] } }, { action: 'Allow', protocol: 'TCP' }] })]);
    assert.deepEqual(fine.filter((finding) => finding.code === 'policy-rule-shadowed'), []);
  });

  it('finds a selector that matches no known workload, and a named port no selected pod has', () => {
    const nothing = codes([web, calico('typo', { selector: "app == 'wbe'", ingress: [{ action: 'Allow' }] })]);
    assert.ok(nothing.some((finding) => finding.code === 'policy-selects-nothing'));
    assert.deepEqual(codes([web, calico('typo', { selector: "app == 'wbe'", ingress: [{ action: 'Allow' }] })], false).filter((finding) => finding.code === 'policy-selects-nothing'), []);
    const port = codes([web, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'web' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'https' }, { port: 'http' }] }] } }]);
    const missing = port.filter((finding) => finding.code === 'policy-named-port-missing');
    assert.equal(missing.length, 1);
    assert.match(missing[0]?.message ?? '', /"https"/);
  });

  it('warns when types make a direction default-deny with no rule for it, but not for a deliberate deny-all', () => {
    const oneSided = codes([web, calico('ingress-only', { selector: "app == 'web'", types: ['Ingress', 'Egress'], ingress: [{ action: 'Allow' }] })]);
    assert.ok(oneSided.some((finding) => finding.code === 'policy-direction-default-deny' && finding.message.includes('no egress rules')));
    const denyAll = codes([web, calico('deny-all', { selector: 'all()', types: ['Ingress', 'Egress'] })]);
    assert.deepEqual(denyAll.filter((finding) => finding.code === 'policy-direction-default-deny'), []);
  });
});

describe('lint command on policy files', () => {
  it('reports policy findings at the policy\'s name, with the workloads of the same run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'policy-lint-'));
    writeFileSync(join(folder, 'policy.yaml'), "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: app == 'wbe'\n  ingress:\n  - action: Allow\n");
    writeFileSync(join(folder, 'pods.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: web-1, namespace: shop, labels: { app: web } }\nspec: { containers: [] }\n');
    const run = await runInProcess(['lint', folder, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /policy-selects-nothing/);
    assert.match(run.stdout, /"line": 4/);
  });
});
