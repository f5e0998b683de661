import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../src/core/logs/scanText';
import { readLineStructure } from '../../../src/core/logs/structure/lineStructure';
import { judgeStructure } from '../../../src/core/logs/structure/structuralJudge';
import { familyOfCalicoFile, familyOfFlannelFile, isFlannelLine } from '../../../src/core/logs/structure/sourceFamilies';

// Lines in the documented shape of each format (REFERENCE §6.2; Calico's logutils Formatter, klog, logrus, zap),
// with messages of the calls the upstream sources make at that level; none of them is a catalog wording.
const NO_CONTEXT = { calicoSeen: false, helmJobSeen: false };

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
    // the fields after msg stay with it: logrus writes the cause in error="…"
    assert.deepEqual([logfmt.format, logfmt.level, logfmt.message], ['logfmt', 'error', 'RunPodSandbox for &PodSandboxMetadata{} failed error="plugin type=\\"calico\\" failed (add)"']);
    // the pod a multi-pod log tool names before a line (kubectl logs --prefix, kubetail)
    const prefixed = readLineStructure('[pod/calico-node-x7k2p/calico-node] 2024-03-01 10:00:00.123 [ERROR][7] felix/route_table.go 900: Failed to set route');
    assert.deepEqual([prefixed.format, prefixed.wrapper, prefixed.sourceFile], ['calico', 'pod-prefix', 'felix/route_table.go']);
    assert.equal(readLineStructure('[calico-node-bjlw6 calico-node]  panic: runtime error: invalid memory address').format, 'go-crash');
    assert.equal(readLineStructure('[INFO][12] startup/startup.go 100: Early log level set to info').format, 'calico');
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

  it('knows flannel\'s lines by their file, or by a common file name and one of flannel\'s messages (flannel v0.17–v0.28)', () => {
    assert.equal(isFlannelLine('vxlan_network.go', 'anything at all'), true);
    assert.equal(isFlannelLine('main.go', 'Failed to create SubnetManager: error retrieving pod spec'), true);
    assert.equal(isFlannelLine('main.go', 'Starting the web server'), false);
    assert.equal(isFlannelLine('pod_workers.go', 'Failed to create SubnetManager: x'), false);
    assert.equal(familyOfFlannelFile('vxlan_network.go'), 'dataplane');
    assert.equal(familyOfFlannelFile('kube.go'), 'ipam');
    // a flannel error is pod networking whatever its words; its warnings count when they state a failure; some of
    // its failures are logged at INFO
    assert.equal(judgeStructure('E0312 02:59:28.203235       1 vxlan_network.go:145] AddFDB failed: no buffer space available', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('E0312 02:59:28.203235       1 main.go:330] Error registering network: failed to acquire lease: node "n1" pod cidr not assigned', NO_CONTEXT)?.family, 'ipam');
    assert.equal(judgeStructure('W0312 02:59:28.203235       1 main.go:560] Failed to write subnet file: open /run/flannel/subnet.env: read-only file system', NO_CONTEXT)?.family !== undefined, true);
    assert.equal(judgeStructure('W0312 02:59:28.203235       1 route_network.go:100] Replacing existing route to 10.42.1.0/24 via 10.0.0.2', NO_CONTEXT), undefined);
    assert.equal(judgeStructure('I0312 02:59:28.203235       1 kube.go:300] Error turning node "n2" to lease: node "n2" pod cidr not assigned', NO_CONTEXT)?.family, 'ipam');
    assert.equal(judgeStructure('I0312 02:59:28.203235       1 kube.go:300] Starting kube subnet manager', NO_CONTEXT), undefined);
  });

  it('reads a line inside Docker\'s json-file entry, and systemd reporting a Calico or flannel unit down', () => {
    const docker = readLineStructure('{"log":"E0414 02:56:51.415549       1 main.go:127] Failed to create SubnetManager: Unauthorized\\n","stream":"stderr","time":"2019-04-14T02:56:51.41584Z"}');
    assert.deepEqual([docker.wrapper, docker.format, docker.level, docker.sourceFile], ['docker-json', 'klog', 'error', 'main.go']);
    assert.equal(scanText('{"log":"E0414 02:56:51.415549       1 vxlan_network.go:145] AddFDB failed: no buffer space available\\n","stream":"stderr","time":"2019-04-14T02:56:51.41584Z"}').findings.length, 1);
    assert.equal(readLineStructure('{"log":"broken \\q escape"}').wrapper, 'none');
    const unit = readLineStructure('Aug 18 15:00:03 host systemd[1]: flanneld.service operation timed out. Terminating.');
    assert.deepEqual([unit.format, unit.level], ['service-down', 'fatal']);
    assert.equal(readLineStructure('May 22 17:56:32 host systemd[1]: calico-node.service: Failed with result \'exit-code\'.').format, 'service-down');
    assert.equal(readLineStructure('May 22 17:56:32 host systemd[1]: nginx.service: Failed with result \'exit-code\'.').format, 'plain');
  });

  it('takes kube-proxy\'s errors on Windows (winkernel and its HNS files) as pod networking, not the sandbox\'s DNS', () => {
    assert.equal(judgeStructure('E0628 16:57:08.673912    1180 hnsV2.go:36] Network Id  not found', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('E0518 14:24:32.251322    2656 proxier.go:649] Network cbr0 not found', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('E0108 12:10:34.923890     540 docker_sandbox.go:688] ResolvConfPath is empty.', NO_CONTEXT), undefined);
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
    assert.equal(judgeStructure('panic: runtime error: index out of range', { calicoSeen: true, helmJobSeen: false })?.family, 'crash');
  });

  it('reads causes in fields, Go runtime crashes and node tools as families', () => {
    // k3s's tunnel: the cause is in the error field
    assert.equal(judgeStructure('Jul 16 08:12:57 agent-1 rke2[812]: time="2022-07-16T08:12:57Z" level=error msg="Remotedialer proxy error" error="websocket: bad handshake"', NO_CONTEXT)?.family, 'rke2-supervisor');
    // without the unit it could be Rancher's cluster agent dialing Rancher (the same remotedialer library)
    assert.equal(judgeStructure('time="2022-07-16T08:12:57Z" level=error msg="Remotedialer proxy error" error="websocket: bad handshake"', NO_CONTEXT), undefined);
    assert.equal(judgeStructure('ERRO[2021-12-27T11:04:18.224550825Z] node password not set', NO_CONTEXT)?.family, 'rke2-supervisor');
    // an unreachable API server is in scope whoever cannot reach it
    assert.equal(judgeStructure('time="2019-10-10T09:01:24Z" level=error msg="Remotedialer proxy error" error="dial tcp 10.0.0.1:6443: connect: connection refused"', NO_CONTEXT)?.family, 'api-unreachable');
    // runtime.throw is a crash even in a log without Calico lines; a bare panic still needs them
    assert.equal(judgeStructure('fatal error: concurrent map read and map write', NO_CONTEXT)?.family, 'crash');
    assert.equal(judgeStructure('Mar 01 10:00:00 node1 k3s[123]: panic: runtime error: invalid memory address or nil pointer dereference', NO_CONTEXT)?.family, 'crash');
    assert.equal(judgeStructure('time="2023-02-13T09:18:41Z" level=error msg="failed to get CA certs: Get \\"https://127.0.0.1:6444/cacerts\\": EOF"', NO_CONTEXT)?.family, 'rke2-supervisor');
    // a module that did not load is not yet a failure (built-in modules do not load), modprobe's own error is
    assert.equal(judgeStructure('time="2024-01-01T00:00:00Z" level=warning msg="Failed to load kernel module nf_conntrack with modprobe"', NO_CONTEXT), undefined);
    assert.equal(judgeStructure('ipset v7.1: Kernel and userspace incompatible: settype hash:ip with revision 5 not supported by userspace.', NO_CONTEXT)?.family, 'dataplane');
    assert.equal(judgeStructure('ip6tables-save v1.4.21: Cannot initialize: iptables who? (do you need to insmod?)', NO_CONTEXT)?.family, 'dataplane');
    // kubelet's CNI driver and kube-proxy's proxier are placed by their file, and their errors are pod networking
    assert.equal(judgeStructure('E0607 11:53:24.428472    2199 cni.go:167] Error adding network: timed out', NO_CONTEXT)?.family, 'cni');
    assert.equal(judgeStructure('E0521 21:40:24.322554    4972 proxier.go:276] Error flushing userspace chain: exit status 3: modprobe: ERROR: could not open moddep file', NO_CONTEXT)?.family, 'kernel-module');
  });

  it('gives BIRD lines their level: from the template of BIRD\'s sources on stderr, from the class in its own log file', () => {
    assert.equal(readLineStructure('bird: KRT: Received route 10.0.0.0/26 with strange next-hop 10.1.2.3').level, 'error');
    assert.equal(readLineStructure('bird: BGP: Unexpected connect from unknown address 10.1.2.3 (port 43521)').level, 'warning');
    assert.equal(readLineStructure('bird: Mesh_10_0_0_2: State changed to up').level, undefined, 'INFO calls are not in the table');
    const file = readLineStructure('2015-05-13 10:00:00 <ERR> Node_10_0_0_1: Error: Hold timer expired');
    assert.deepEqual([file.format, file.level, file.message], ['bird', 'error', 'Node_10_0_0_1: Error: Hold timer expired']);
    assert.deepEqual(scanText('bird: KRT: Received route 10.0.0.0/26 with strange next-hop 10.1.2.3').findings.map((finding) => finding.signature.id), ['bgp-error']);
    assert.deepEqual(scanText('bird: Netlink: File exists').findings, [], 'the kernel\'s answer when BIRD races it for a route');
  });

  it('reads events a controller records in its own log, and the node statuses of node IPAM as failures in an events table', () => {
    const line = 'I0312 02:59:28.203235       1 event.go:291] "Event occurred" object="node02" kind="Node" apiVersion="v1" type="Normal" reason="CIDRNotAvailable" message="Node node02 status is now: CIDRNotAvailable"';
    const structure = readLineStructure(line);
    assert.deepEqual([structure.format, structure.event?.type, structure.event?.reason, structure.message], ['event', 'Normal', 'CIDRNotAvailable', 'Node node02 status is now: CIDRNotAvailable']);
    assert.equal(judgeStructure(line, NO_CONTEXT), undefined, 'the echo of the controller\'s own error line');
    assert.equal(judgeStructure('node02   Normal   CIDRNotAvailable   Node node02 status is now: CIDRNotAvailable', NO_CONTEXT)?.family, 'ipam');
    assert.equal(judgeStructure('E0312 02:59:28.202205       1 controller_utils.go:260] Error while processing Node Add/Delete: failed to allocate cidr from cluster cidr at idx:0: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range', NO_CONTEXT)?.family, 'ipam');
    assert.equal(judgeStructure('E0102 09:36:40.433340       1 main.go:359] Error registering network: failed to acquire lease: node "master-0" pod cidr not assigned', NO_CONTEXT)?.family, 'ipam');
    assert.equal(judgeStructure('I0312 02:59:28.203235       1 event.go:291] "Event occurred" object="node02" kind="Node" type="Normal" reason="RegisteredNode" message="Node node02 event: Registered Node"', NO_CONTEXT), undefined);
  });

  it('places the rows of an event table in time by their age, so a probe failing ten minutes apart has persisted', () => {
    const row = (age: string): string => `  Warning  Unhealthy  ${age}  kubelet  Readiness probe failed: calico/node is not ready: BIRD is not ready: BGP not established with 10.8.0.1`;
    assert.deepEqual(scanText([row('10m'), row('32s')].join('\n')).findings.map((finding) => finding.line), [2]);
    assert.deepEqual(scanText([row('3m'), row('32s')].join('\n')).findings, [], 'within the start-up grace');
  });

  it('reads systemd reporting a service of the node\'s stack down, Calico lines pasted with leading blanks, Felix turning XDP off', () => {
    const down = (message: string): string[] => scanText(`Jul 26 20:18:47 master-1 systemd[1]: ${message}`).findings.map((finding) => finding.signature.id);
    assert.deepEqual(down("k3s.service: Failed with result 'exit-code'."), ['crash-fatal']);
    assert.deepEqual(down('Failed to start Lightweight Kubernetes.'), ['crash-fatal']);
    assert.deepEqual(down('rke2-server.service: Scheduled restart job, restart counter is at 394.'), ['crash-fatal']);
    // a paste of the journal often holds systemd's lines without the service's own
    assert.deepEqual(down('k3s.service: Main process exited, code=exited, status=1/FAILURE'), ['crash-fatal']);
    assert.deepEqual(down('k3s.service: Main process exited, code=killed, status=15/TERM'), [], 'a stop');
    assert.deepEqual(down("nginx.service: Failed with result 'exit-code'."), [], 'not the node\'s stack');
    assert.equal(readLineStructure('  [WARNING][23257] felix/table.go 999: Failed to program iptables, will retry error=exit status 2').format, 'calico', 'pasted with leading blanks');
    assert.deepEqual(scanText('2019-10-03 04:34:38.163 [WARNING][16449] int_dataplane.go 728: failed to set XDP failsafe ports, disabling XDP: failed to create map (calico_failsafe_ports_v1): exit status 255').findings, [], 'Felix carries on without XDP');
    // libcni names whichever plugin of the chain failed, on the continuation line of an event's message too
    assert.deepEqual(scanText('    Failed to create pod sandbox: plugin type="loopback" failed (add):').findings.map((finding) => finding.signature.id), ['netplugin-failed']);
    assert.deepEqual(scanText('E0101 00:00:00.000000    1234 pod_workers.go:1301] "Error syncing pod" err="plugin type=\\"flannel\\" failed (delete): failed to load flannel \'subnet.env\' file"').findings.map((finding) => finding.signature.id), ['netplugin-failed']);
    assert.deepEqual(scanText('r sandbox "3dad78a2": plugin type="multus-shim" name="multus-cni-network" failed (add): CmdAdd (shim): CNI request failed with status 400').findings.map((finding) => finding.signature.id), ['netplugin-failed']);
    assert.deepEqual(scanText('E0108 12:10:35.561080     540 cni.go:310] Error adding network: error while ProvisionEndpoint(abc_cbr0): hnsCall failed').findings.map((finding) => finding.signature.id), ['netplugin-failed']);
    assert.deepEqual(scanText('Error while adding to cni lo network: could not find "." plugin').findings.map((finding) => finding.signature.id), ['cni-plugin-missing']);
    assert.deepEqual(scanText('2017-02-20 17:00:49.441 [WARNING][20972] syncer.go 345: Net error from etcd error=dial tcp 127.0.0.1:2379: getsockopt: connection refused').findings.length, 1, 'a warning carrying a network error');
    assert.deepEqual(scanText('Jan 24 09:29:26 centos-01 flanneld[26715]: E0124 09:29:26.854805 26715 watch.go:43] Watch subnets: delete "/kubernetes-cluster/network/subnets": not a subnet, skipping').findings, []);
  });

  it('leaves the look-alikes of healthy starts alone (benign lines with their sources)', () => {
    const healthy = [
      'Jan 31 12:27:15 host containerd: time="2020-01-31T12:27:15.537965126+01:00" level=warning msg="failed to load plugin io.containerd.snapshotter.v1.aufs" error="modprobe aufs failed: "modprobe: FATAL: Module aufs not found.\\n": exit status 1"',
      'time="2018-07-18T02:46:25-04:00" level=warning msg="could not use snapshotter aufs in metadata plugin" error="modprobe aufs failed: exit status 1"',
      '2019-10-09 17:39:02.579 [WARNING][633] int_dataplane.go 384: Failed to cleanup preexisting XDP state error=failed to load XDP program (/tmp/felix-xdp-1): stat /sys/fs/bpf/calico/xdp/prefilter_v1_calico_tmp_A: no such file or directory',
      'time="2026-06-24T22:06:45Z" level=error msg="Unhandled Error" error="apiserver was unable to write a JSON response: http2: stream closed" klog-logger=tigera-apiserver',
      'time="2026-06-24T22:06:45Z" level=error msg="Post-timeout activity" error="<nil>" klog-logger=tigera-apiserver method=GET path=/apis/projectcalico.org/v3 result="<nil>"',
      'time="2022-12-30T18:11:55+09:00" level=error msg="Remotedialer proxy error" error="connect not allowed"',
    ];
    assert.deepEqual(healthy.flatMap((line) => scanText(line).findings.map((finding) => finding.signature.id)), []);
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
  it('reads kubectl describe node conditions, glog before its flags, and API paths on any port; leaves the kubelet\'s certificate and other workloads\' missing config alone', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    // kubectl describeNode: Type, Status, LastHeartbeatTime, LastTransitionTime, Reason, Message
    const row = (type: string, status: string, reason: string, message: string): string => `  ${type.padEnd(20)} ${status.padEnd(9)} Mon, 01 Jan 2024 10:00:00 +0000   Mon, 01 Jan 2024 10:05:00 +0000   ${reason.padEnd(19)} ${message}`;
    assert.deepEqual(ids(row('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.')), ['node-condition-error']);
    assert.deepEqual(ids(row('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized')), ['cni-not-initialized']);
    assert.deepEqual(ids([row('NetworkUnavailable', 'False', 'CalicoIsUp', 'Calico is running on this node'), row('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'), row('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')].join('\n')), []);
    const glog = readLineStructure('ERROR: logging before flag.Parse: W0923 10:53:38.381441   15863 server.go:190] WARNING: all flags other than --config are deprecated');
    assert.deepEqual([glog.format, glog.level, glog.sourceFile], ['klog', 'warning', 'server.go']);
    assert.deepEqual(ids('ERROR: logging before flag.Parse: E0923 10:53:38.381441   15863 reflector.go:205] pkg/proxy/config/api.go:33: Failed to list *api.Endpoints: Get http://10.0.0.5:8080/api/v1/endpoints?resourceVersion=0: dial tcp 10.0.0.5:8080: getsockopt: connection refused'), ['api-unreachable-error']);
    assert.deepEqual(ids('E0518 07:12:42.090952       1 scraper.go:140] "Failed to scrape node" err="Get \\"https://10.0.0.25:10250/metrics/resource\\": x509: cannot validate certificate for 10.0.0.25 because it doesn\'t contain any IP SANs" node="worker-0"'), []);
    assert.deepEqual(ids('  Warning  Failed     9m10s (x4 over 9m36s)  kubelet            Error: secret "memberlist" not found'), []);
    // an installer's failed task counts unless Ansible says next that the playbook ignores it
    const task = 'fatal: [node1]: FAILED! => {"changed": false, "cmd": ["/usr/local/bin/calicoctl.sh", "get", "ippool", "default-pool", "-o", "json"], "msg": "non-zero return code", "rc": 1, "stderr": "resource does not exist: IPPool(default-pool)"}';
    assert.deepEqual(ids([task, '...ignoring'].join('\n')), []);
    assert.deepEqual(ids([task, 'PLAY RECAP ****'].join('\n')), ['network-other-error']);
    // a task that waited in vain (retried `until`, then ignored) is still a finding
    assert.deepEqual(ids([task.replace('{"changed"', '{"attempts": 15, "changed"'), '...ignoring'].join('\n')), ['network-other-error']);
    // the kubelet's sandbox failures in its own words, old and new, when no CNI wording follows
    for (const sandbox of ['Apr 10 04:44:36 minikube kubelet[3381]: E0410 04:44:36.532157    3381 kuberuntime_manager.go:699] GeneratePodSandboxConfig for pod "coredns-fb8b8dccf-2vxcv_kube-system(b84450fa)" failed: open /run/systemd/resolve/resolv.conf: no such file or directory', 'E0922 21:08:51.291169   25968 kuberuntime_manager.go:1024] createPodSandbox for pod "nginx_default(1)" failed: rpc error: code = Unknown desc = failed to create containerd task: cgroups: cgroup deleted', '  Warning  FailedCreatePodSandBox  3m (x12 over 9m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.9"']) {
      assert.deepEqual(ids(sandbox), ['sandbox-create-failed'], sandbox);
    }
    assert.deepEqual(ids('  Warning  Failed     9m10s (x4 over 9m36s)  kubelet            Error: configmap "calico-config" not found'), ['network-other-error']);
  });
  it('reads the node services of k0s and MicroK8s, microk8s inspect, connectivity tests and BGP speakers\' sessions going down', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('2023-12-16T04:14:34Z systemd[1]: snap.microk8s.daemon-kubelite.service: Scheduled restart job, restart counter is at 259.'), ['crash-fatal']);
    assert.deepEqual(ids(' FAIL:  Service snap.microk8s.daemon-flanneld is not running'), ['crash-fatal']);
    assert.deepEqual(ids('Dec 03 10:18:51 node1 systemd[1]: k0sworker.service: Main process exited, code=exited, status=1/FAILURE'), ['crash-fatal']);
    // the snap's other services, and a unit that runs, are not the node's failures
    assert.deepEqual(ids(' FAIL:  Service snap.lxd.daemon is not running'), []);
    for (const failed of ['curl: (7) Failed to connect to 10.42.53.71 port 80: No route to host', '* connect to 10.42.53.71 port 80 failed: No route to host', '3 packets transmitted, 0 received, 100% packet loss, time 2050ms', 'nc: connect to 10.43.0.10 port 53 (udp) failed: Connection refused', 'telnet: Unable to connect to remote host: Connection timed out']) {
      assert.deepEqual(ids(failed), ['connectivity-error'], failed);
    }
    assert.deepEqual(ids('3 packets transmitted, 3 received, 0% packet loss, time 2003ms'), []);
    for (const down of ['Oct 13 13:29:25 lg02 bgpd[101680]: neighbor 80.67.168.5 (GITOYEN1-v4): state change OpenSent -> Active, reason: Connection closed', 'time="2024-04-24T17:22:11Z" level=info msg="Peer Down" Key=240.64.112.200 Reason=hold-timer-expired State=BGP_FSM_ESTABLISHED Topic=Peer', '{"caller":"level.go:63","event":"sessionDown","level":"warn","msg":"BGP session down","peer":"10.10.10.250:179"}', 'gateway2_4 BGP        ---        start  2023-08-21    Active        Socket: Connection reset by peer']) {
      assert.deepEqual(ids(down), ['bgp-session-down'], down);
    }
    assert.deepEqual(ids('Oct 13 13:29:20 lg02 bgpd[101680]: neighbor 80.67.168.5 (GITOYEN1-v4): state change OpenConfirm -> Established, reason: KEEPALIVE message received'), []);
    assert.deepEqual(ids('Mesh_10_0_0_2 BGP        master     up     2023-08-21    Established'), []);
  });

  it('reads any program exiting through its logger as a crash, and the neighbouring agents of pod networking by their own formats', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    // klog's Fatal, logrus' and zap's fatal end the process whichever program wrote them
    assert.deepEqual(ids('F0408 14:31:39.325071    9932 main.go:58] Error running agent: error creating new controller: open /var/log/x/np.log: no such file'), ['crash-fatal']);
    assert.deepEqual(ids('{"level":"fatal","ts":"2024-01-01T00:00:00Z","msg":"cannot open database","error":"permission denied"}'), ['crash-fatal']);
    // a node component refused for its credentials cannot register; the same words from a workload are not the node's
    assert.deepEqual(ids('May 10 09:26:40 cp-1 kubelet[1046]: E0510 09:26:40.763688    1046 kubelet_node_status.go:92] "Unable to register node with API server" err="nodes is forbidden: User \\"system:anonymous\\" cannot create resource \\"nodes\\" in API group \\"\\" at the cluster scope" node="cp-1"'), ['node-credentials-error']);
    assert.deepEqual(ids('E0510 09:26:40.763688       1 reflector.go:140] Failed to watch *v1.ConfigMap: configmaps is forbidden: User "system:anonymous" cannot list resource "configmaps"'), []);
    // the K3s/RKE2 server refusing an agent's node password is no start-up race: reported at once
    assert.deepEqual(ids('Jul 24 15:51:07 server k3s[17849]: time="2019-07-24T15:51:07.601398700-07:00" level=error msg="Node password validation failed for \'agentvm\', using passwd file \'/var/lib/rancher/k3s/server/cred/node-passwd\'"'), ['node-credentials-error']);
    // systemd failing to start a stack unit described by its name (NixOS describes k3s.service as "k3s service")
    assert.deepEqual(ids('Jun 23 08:40:16 host systemd[1]: Failed to start k3s service.'), ['crash-fatal']);
    assert.deepEqual(ids('Jun 23 08:40:16 host systemd[1]: Failed to start docker-compose@app.service - app.'), []);
    // an agent whose join token pins another cluster's CA never joins
    assert.deepEqual(ids('Jul 29 06:42:37 node k3s[5015]: time="2021-07-29T06:42:37.109627641-04:00" level=error msg="token CA hash does not match the Cluster CA certificate hash: f086 != 9ab1"'), ['node-credentials-error']);
    // CRI-O's network is the pods': its errors about one are the CNI's
    assert.deepEqual(ids('Jul 10 04:34:46 n1 crio[413]: time="2019-07-10 04:34:46.893330511Z" level=error msg="Error deleting network: failed to convert major version part"'), ['cni-error']);
    // Calico's install-cni.sh failing on the token and the config it renders (cni-plugin k8s-install/scripts/install-cni.sh)
    assert.deepEqual(ids("cat: can't open '/var/run/secrets/kubernetes.io/serviceaccount/token': No such file or directory"), ['cni-error']);
    assert.deepEqual(ids("mv: can't rename '/calico.conf.tmp': No such file or directory"), ['cni-error']);
    assert.deepEqual(ids("cat: can't open '/etc/hosts.bak': No such file or directory"), []);
    // a kubeadm node's kubelet restarting until kubeadm writes its configuration is that wait, not a failure
    const kubeadmWait = ['Feb 26 12:35:21 vm kubelet[1855]: E0226 12:35:21.632872    1855 server.go:206] "Failed to load kubelet config file" err="failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory" path="/var/lib/kubelet/config.yaml"', 'Feb 26 12:35:21 vm systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE', 'Feb 26 12:35:31 vm systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 8.'];
    assert.deepEqual(ids(kubeadmWait.join('\n')), []);
    assert.deepEqual(ids(kubeadmWait.slice(1).join('\n')), ['crash-fatal', 'crash-fatal']);
    // Multus and whereabouts (`<RFC3339> [level] …`): their errors are a CNI plugin's, their debug lines nothing
    assert.deepEqual(ids('2022-10-27T20:37:30Z [error] Error assigning IP: Could not allocate IP in range: ip: 10.20.0.151 / - 10.20.0.154'), ['ipam-error']);
    assert.deepEqual(ids('2025-09-30T12:38:29Z [debug] LoadDelegateNetConf: {"cniVersion":"0.3.1","name":"k8s-pod-network"}'), []);
    assert.deepEqual(readLineStructure('2025-10-22T11:40:18Z [verbose] DEL finished CNI request').level, 'info');
    // Cilium's logrus lines name their subsystem; Calico's VPP dataplane is named by its manager
    assert.deepEqual(ids('level=error msg="Start hook failed" error="daemon creation failed: unable to setup device manager: protocol not supported" subsys=hive'), ['network-other-error']);
    assert.deepEqual(ids('level=error msg="Start hook failed" error="unable to open config"'), []);
    assert.deepEqual(ids('time="2021-04-09T11:00:50Z" level=error msg="Vpp Manager not started: Vpp manager not ready after 20 tries"'), ['dataplane-error']);
    // kube-router's own files (generated from its sources at every minor release), with its first-start fallback benign
    assert.deepEqual(ids('E0219 13:57:57.780511       1 network_routes_controller.go:264] Error synchronizing ipsets: Failed to find a node IP: host IP unknown'), ['dataplane-error']);
    assert.deepEqual(ids('E0219 13:57:18.900464       1 bgp_peers.go:162] Failed to add node <nil> as peer due to lookup <nil>: no such host'), ['bgp-error']);
    assert.deepEqual(ids('E0611 10:51:10.094829       1 bgp_policies.go:42] Failed to replace defined set not found defined-set: podcidrprefixset'), []);
  });

  it('reads kubectl get nodes rows: NotReady past a start-up is a finding, a node joining seconds ago or Ready is not', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('kali         NotReady   <none>                 6d20h   v1.22.0   192.168.1.10    <none>        Kali GNU/Linux Rolling'), ['node-condition-error']);
    assert.deepEqual(ids('worker-2   NotReady,SchedulingDisabled   <none>   143m   v1.30.11'), ['node-condition-error']);
    assert.deepEqual(ids('nuc2020             NotReady   <none>          11s   v1.27.1'), []);
    assert.deepEqual(ids('nuc2020             Ready      control-plane   20h   v1.27.1'), []);
  });
});
