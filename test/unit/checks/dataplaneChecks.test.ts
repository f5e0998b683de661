import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDataplane } from '../../../src/core/checks/dataplaneChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND } from '../../builders/clusterEvidence';
import { installation, node } from '../../builders/kubeObjects';

const ebpf = found(installation({ linuxDataplane: 'BPF' }));
const onRke2 = (rke2: string) => listed([node({ name: 'server-1', rke2 })]);

describe('dataplane.mode', () => {
  it('passes iptables with kube-proxy, and fails it without kube-proxy (rancher/rke2#8006)', () => {
    assert.equal(checkDataplane(healthyEvidence()).status, 'pass');
    const outcome = checkDataplane(healthyEvidence({ kubeProxyPods: listed([]) }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.remediation ?? '', /disable-kube-proxy/);
  });

  it('eBPF: fails with kube-proxy running or without the endpoint ConfigMap, warns on localhost, passes when complete', () => {
    const nodes = onRke2('v1.33.8+rke2r1');
    assert.match(checkDataplane(healthyEvidence({ nodes, installation: ebpf, servicesEndpoint: NOT_FOUND })).summary, /still runs kube-proxy/);
    const noEndpoint = checkDataplane(healthyEvidence({ nodes, installation: ebpf, kubeProxyPods: listed([]), servicesEndpoint: NOT_FOUND }));
    assert.equal(noEndpoint.status, 'fail');
    assert.match(noEndpoint.remediation ?? '', /kubernetesServiceEndpoint\.host/);
    const localhost = checkDataplane(healthyEvidence({ nodes, installation: ebpf, kubeProxyPods: listed([]), servicesEndpoint: found({ data: { KUBERNETES_SERVICE_HOST: 'localhost', KUBERNETES_SERVICE_PORT: '6443' } }) }));
    assert.equal(localhost.status, 'warn');
    assert.match(localhost.remediation ?? '', /rancher\/rke2-docs#567/);
    assert.equal(checkDataplane(healthyEvidence({ nodes, installation: ebpf, kubeProxyPods: listed([]), servicesEndpoint: found({ data: { KUBERNETES_SERVICE_HOST: '10.0.0.10', KUBERNETES_SERVICE_PORT: '6443' } }) })).status, 'pass');
  });

  it('warns when the RKE2 release predates the dataplane (docs version gates)', () => {
    assert.match(checkDataplane(healthyEvidence({ nodes: onRke2('v1.33.7+rke2r1'), installation: ebpf })).summary, /predates RKE2's eBPF support/);
    const nft = found(installation({ linuxDataplane: 'Nftables' }));
    assert.equal(checkDataplane(healthyEvidence({ nodes: onRke2('v1.35.6+rke2r1'), installation: nft })).status, 'warn');
    const current = checkDataplane(healthyEvidence({ nodes: onRke2('v1.35.7+rke2r1'), installation: nft }));
    assert.equal(current.status, 'pass');
    assert.match(current.evidence.join('\n'), /hostPort still need the iptables binary/);
  });

  it('is unknown when the Installation or the kube-proxy pods cannot be read', () => {
    assert.equal(checkDataplane(healthyEvidence({ installation: FORBIDDEN })).status, 'unknown');
    assert.equal(checkDataplane(healthyEvidence({ kubeProxyPods: FORBIDDEN })).status, 'unknown');
  });
});
