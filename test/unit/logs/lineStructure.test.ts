import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../src/core/logs/scanText';
import { readLineStructure } from '../../../src/core/logs/structure/lineStructure';
import { judgeStructure } from '../../../src/core/logs/structure/structuralJudge';
import { familyOfCalicoFile } from '../../../src/core/logs/structure/sourceFamilies';

// Lines in the documented shape of each format (REFERENCE §6.2; Calico's logutils Formatter, klog, logrus, zap),
// with messages of the calls the upstream sources make at that level; none of them is a catalog wording.
const NO_CONTEXT = { calicoSeen: false };

describe('line structure: format, level, origin and message of a line', () => {
  it('reads Calico lines with the component before the file, with and without the date', () => {
    const line = readLineStructure('2024-03-01 10:00:00.123 [ERROR][77] felix/route_table.go 900: Failed to set route error=file exists ifaceName="vxlan.calico"');
    assert.equal(line.format, 'calico');
    assert.equal(line.level, 'error');
    assert.equal(line.sourceFile, 'felix/route_table.go');
    assert.match(line.message, /^Failed to set route/);
    const bare = readLineStructure('[WARNING][12] startup/startup.go 100: Unable to do something error=boom');
    assert.equal(bare.format, 'calico');
    assert.equal(bare.level, 'warning');
  });

  it('reads klog behind journald and CRI prefixes, logfmt, logrus on a terminal, zap JSON and events', () => {
    const klog = readLineStructure('Mar 01 10:00:00 node1 kubelet[99]: E0301 10:00:00.123456    99 pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"CreatePodSandbox\\""');
    assert.deepEqual([klog.format, klog.wrapper, klog.unit, klog.level, klog.sourceFile], ['klog', 'journald', 'kubelet', 'error', 'pod_workers.go']);
    const cri = readLineStructure('2024-03-01T10:00:00.123456789Z stderr F E0301 10:00:00.123456       1 reflector.go:158] failed to list');
    assert.deepEqual([cri.format, cri.wrapper, cri.level], ['klog', 'cri', 'error']);
    const logfmt = readLineStructure('time="2024-03-01T10:00:00Z" level=error msg="RunPodSandbox for &PodSandboxMetadata{} failed" error="plugin type=\\"calico\\" failed (add)"');
    assert.deepEqual([logfmt.format, logfmt.level, logfmt.message], ['logfmt', 'error', 'RunPodSandbox for &PodSandboxMetadata{} failed']);
    assert.equal(readLineStructure('ERRO[0012] Failed to connect to proxy').format, 'logrus-tty');
    const json = readLineStructure('{"level":"error","ts":1700000000.1,"logger":"controller_installation","msg":"Error querying installation","error":"x"}');
    assert.deepEqual([json.format, json.level, json.logger], ['json', 'error', 'controller_installation']);
    const event = readLineStructure('  Warning  FailedCreatePodSandBox  2m (x20 over 10m)  kubelet  Failed to create pod sandbox: rpc error');
    assert.deepEqual([event.format, event.event?.type, event.event?.reason, event.event?.count], ['event', 'Warning', 'FailedCreatePodSandBox', 20]);
    assert.equal(readLineStructure('bird: Mesh_10_0_0_2: Socket error: connect: Connection refused').format, 'bird');
    assert.equal(readLineStructure('panic: runtime error: invalid memory address or nil pointer dereference').level, 'panic');
  });
});

describe('families from where a line was logged', () => {
  it('places Calico files by their package (generated from the Calico sources) and by component', () => {
    assert.equal(familyOfCalicoFile('felix/route_table.go'), 'dataplane');
    assert.equal(familyOfCalicoFile('typha/rebalance.go'), 'typha');
    assert.equal(familyOfCalicoFile('startup/autodetection_methods.go'), 'ip-autodetection');
    assert.equal(familyOfCalicoFile('ipam/ipam.go'), 'ipam');
    assert.equal(familyOfCalicoFile('confd/some_new_file.go'), 'bgp');
    assert.equal(familyOfCalicoFile('felix/daemon.go'), undefined);
  });

  it('judges by structure: failure level, networking component, family; cause words win over the file', () => {
    assert.equal(judgeStructure('2024-03-01 10:00:00.123 [ERROR][1] felix/route_table.go 900: Failed to set route', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('2024-03-01 10:00:00.123 [ERROR][1] felix/route_table.go 900: list routes error=Unauthorized', NO_CONTEXT)?.family, 'datastore-access');
    assert.equal(judgeStructure('2024-03-01 10:00:00.123 [FATAL][1] felix/daemon.go 300: Something broke', NO_CONTEXT)?.signature.severity, 'error');
    assert.equal(judgeStructure('2024-03-01 10:00:00.123 [INFO][1] felix/route_table.go 900: Failed to set route', NO_CONTEXT), undefined);
    // kubelet errors count only when they are about pod networking
    assert.equal(judgeStructure('E0301 10:00:00.123456    99 kubelet_volumes.go:100] orphaned pod volume paths', NO_CONTEXT), undefined);
    assert.equal(judgeStructure('E0301 10:00:00.123456    99 pod_workers.go:1300] "Error syncing pod" err="failed to setup network for sandbox"', NO_CONTEXT)?.family, 'cni');
    // a Calico warning counts when it states a failure with its error, not when the error is <nil>
    assert.equal(judgeStructure('2024-03-01 10:00:00.123 [WARNING][1] felix/ipsets.go 100: Failed to restore ipset error=exit status 1', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('2024-03-01 10:00:00.123 [WARNING][1] felix/ipsets.go 100: Failed to restore ipset error=<nil>', NO_CONTEXT), undefined);
    // the node tools the dataplane runs report in their own format
    assert.equal(judgeStructure('modprobe: FATAL: Module ip_set not found in directory /lib/modules/6.8.0', NO_CONTEXT)?.family, 'kernel-module');
    assert.equal(judgeStructure('iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Invalid argument', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('iptables v1.8.7 (legacy): 0 rules', NO_CONTEXT), undefined);
    // a bare Go panic is Calico's only when the log is
    assert.equal(judgeStructure('panic: runtime error: index out of range', NO_CONTEXT), undefined);
    assert.equal(judgeStructure('panic: runtime error: index out of range', { calicoSeen: true })?.family, 'crash');
  });

  it('the scanner reports structural findings beside catalog ones, and start-up families only once they persist', () => {
    const unknownWording = '2024-03-01 10:00:00.123 [ERROR][1] felix/vxlan_mgr.go 200: Failed to frobnicate the VXLAN device';
    assert.deepEqual(scanText(unknownWording).findings.map((finding) => finding.signature.id), ['dataplane-error']);
    const probe = (seconds: number): string => `2024-03-01 10:0${seconds}:00.000 [ERROR][1] felix/health.go 100: Health endpoint failed, trying to restart it...`;
    const start = '2024-03-01 10:00:00.000 [INFO][1] felix/daemon.go 300: Felix starting up GOMAXPROCS=2 builddate="2024-02-01" version="v3.27.2"';
    assert.deepEqual(scanText([start, probe(0), probe(1)].join('\n')).findings, [], 'a probe failure a minute after start is start-up');
    assert.equal(scanText([start, probe(0), probe(6)].join('\n')).findings.length, 1, 'six minutes later it has persisted');
    assert.equal(scanText([probe(0), probe(1)].join('\n')).findings.length, 2, 'a log that shows no start: not known to be start-up, reported');
    // a retry warning counts unless the log shows the retry went through
    const retry = '2024-03-01 10:00:00.000 [WARNING][1] felix/table.go 1082: Failed to program iptables, will retry error=exit status 1';
    const succeeded = '2024-03-01 10:00:00.100 [WARNING][1] felix/table.go 1101: Succeeded after retry. ipVersion=0x4 table="filter"';
    assert.deepEqual(scanText([retry, succeeded].join('\n')).findings, []);
    assert.deepEqual(scanText([retry, retry].join('\n')).findings.map((finding) => finding.line), [1, 2]);
    // a benign wording (containerd skipping a snapshotter it cannot use) silences a line the catalog would name
    assert.deepEqual(scanText('time="2024-03-01T10:00:00Z" level=info msg="skip loading plugin \\"io.containerd.snapshotter.v1.aufs\\"..." error="aufs is not supported: modprobe: FATAL: Module aufs not found"').findings, []);
  });
});
