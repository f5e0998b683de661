import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import { lintPolicies, type PolicyLintCode } from '../../../src/core/policy/policyLint';

const SANITY_CODES: readonly PolicyLintCode[] = ['policy-redundant', 'policy-rule-redundant', 'policy-order-conflict'];

function sanity(objects: readonly unknown[], workloadsKnown = true): { code: PolicyLintCode; policy: string; path: string; message: string }[] {
  const collector = new PolicyInputCollector();
  for (const object of objects) collector.add(object, 'policies.yaml');
  return lintPolicies(collector.result(), workloadsKnown)
    .filter((finding) => SANITY_CODES.includes(finding.code))
    .map(({ code, policy, path, message }) => ({ code, policy, path, message }));
}

function pod(name: string, app: string): unknown {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name, labels: { app } }, spec: { containers: [] } };
}

function calico(name: string, spec: Record<string, unknown>): unknown {
  return { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name }, spec };
}

const PODS = [pod('web-1', 'web'), pod('client-1', 'client')];

describe('policy lint: redundancy and conflicts', () => {
  it('names a policy that decides nothing the policies before it leave, and not the one that decides', () => {
    const findings = sanity([...PODS, calico('a-allow-all', { selector: "app == 'web'", ingress: [{ action: 'Allow' }] }), calico('b-allow-http', { selector: "app == 'web'", ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }] })]);
    assert.deepEqual(findings.map((finding) => `${finding.code} ${finding.policy}`), ['policy-redundant NetworkPolicy shop/b-allow-http']);
    assert.match(findings[0]?.message ?? '', /b-allow-http is redundant: without it, every connection between the 2 known workloads/);
  });

  it('names a rule whose peers are none of the known workloads', () => {
    const findings = sanity([...PODS, calico('web-ingress', { selector: "app == 'web'", ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'client'" } }, { action: 'Allow', source: { selector: "app == 'ghost'" } }] })]);
    assert.deepEqual(findings.map((finding) => `${finding.code} ${finding.path}`), ['policy-rule-redundant ingress[1]']);
    assert.match(findings[0]?.message ?? '', /matches none of the 2 known workloads/);
  });

  it('leaves a rule an earlier rule shadows to the shadowing finding', () => {
    const findings = sanity([...PODS, calico('web-ingress', { selector: "app == 'web'", ingress: [{ action: 'Allow', protocol: 'TCP' }, { action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }, { action: 'Allow', protocol: 'UDP' }] })]);
    assert.deepEqual(findings, []);
  });

  it('finds two policies of one order where one allows what the other denies, on both', () => {
    const findings = sanity([...PODS, calico('allow-client', { selector: "app == 'web'", order: 100, ingress: [{ action: 'Allow', source: { selector: "app == 'client'" } }] }), calico('deny-all', { selector: "app == 'web'", order: 100, ingress: [{ action: 'Deny' }] })]);
    const conflicts = findings.filter((finding) => finding.code === 'policy-order-conflict');
    assert.deepEqual(conflicts.map((finding) => finding.policy).sort(), ['NetworkPolicy shop/allow-client', 'NetworkPolicy shop/deny-all']);
    assert.match(conflicts[0]?.message ?? '', /both have order 100 in tier default.*allow-client first/);
    const distinct = sanity([...PODS, calico('allow-client', { selector: "app == 'web'", order: 100, ingress: [{ action: 'Allow', source: { selector: "app == 'client'" } }] }), calico('deny-all', { selector: "app == 'web'", order: 200, ingress: [{ action: 'Deny' }] })]);
    assert.deepEqual(distinct.filter((finding) => finding.code === 'policy-order-conflict'), []);
  });

  it('says nothing of redundancy without known workloads', () => {
    assert.deepEqual(sanity([calico('a-allow-all', { selector: "app == 'web'", ingress: [{ action: 'Allow' }] }), calico('b-allow-http', { selector: "app == 'web'", ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }] })], false), []);
  });
});
