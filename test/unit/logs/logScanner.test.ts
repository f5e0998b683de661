import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLogLine } from '../../../src/core/logs/logLine';
import { LogScanner, MAX_LINE_CHARS, REPEATS_AS_PERSISTENCE, type LogFinding } from '../../../src/core/logs/logScanner';
import { eventSpanSeconds, timestampToMs } from '../../../src/core/logs/logTimestamp';
import { scanText } from '../../../src/core/logs/scanText';
import { FAILURE_LINES, HEALTHY_LINES } from '../../fixtures/logLines';

const TYPHA_401 = '2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized';
const CNI_NOT_FOUND = 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9c2b": plugin type="calico" failed (add): error getting ClusterInformation: resource does not exist: ClusterInformation(default) with error: clusterinformations.crd.projectcalico.org "default" not found';

function scanPieces(pieces: readonly string[]): { findings: LogFinding[]; scanner: LogScanner } {
  const findings: LogFinding[] = [];
  const scanner = new LogScanner({ onFinding: (finding) => findings.push(finding) });
  for (const piece of pieces) scanner.push(piece);
  scanner.end();
  return { findings, scanner };
}

describe('log scanner', () => {
  it('gives the same findings whatever the chunking (line numbers and offsets included)', () => {
    const lines: string[] = [];
    for (let index = 0; index < 3000; index++) lines.push(index % 97 === 0 ? (FAILURE_LINES[index % FAILURE_LINES.length]?.line ?? '') : (HEALTHY_LINES[index % HEALTHY_LINES.length] ?? ''));
    const text = lines.join('\r\n');
    const whole = scanText(text).findings.map((finding) => [finding.line, finding.start, finding.end, finding.signature.id]);
    for (const size of [1, 7, 100, 4096, 65_536]) {
      const pieces: string[] = [];
      for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
      assert.deepEqual(scanPieces(pieces).findings.map((finding) => [finding.line, finding.start, finding.end, finding.signature.id]), whole, `chunks of ${size}`);
    }
    assert.equal(whole.length, 31);
    for (const [line, start, end] of whole) assert.equal(text.slice(Number(start), Number(end)), lines[Number(line) - 1]);
  });

  it('scans a line longer than its window in windows: found once, at the right line, later lines still counted', () => {
    const long = `${'x'.repeat(MAX_LINE_CHARS * 3)} ${TYPHA_401.slice(24)} ${'y'.repeat(5000)}`;
    const text = `${HEALTHY_LINES[0] ?? ''}\n${long}\n${TYPHA_401}\n`;
    for (const size of [1 << 16, 1 << 20, 3 << 20]) {
      const pieces: string[] = [];
      for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
      const { findings, scanner } = scanPieces(pieces);
      assert.deepEqual(findings.map((finding) => [finding.line, finding.signature.id]), [[2, 'typha-unauthorized'], [3, 'typha-unauthorized']], `pieces of ${size}`);
      assert.equal(findings[1]?.start, text.indexOf(TYPHA_401, 10));
      assert.equal(scanner.scanStats.overlongLines, 1);
      assert.equal(scanner.scanStats.lines, 3);
    }
  });

  it('treats NUL bytes and invalid text per line: findings after them are kept', () => {
    const text = `${'\u0000'.repeat(100_000)}\n${TYPHA_401}\nab\u0000cd\n${CNI_NOT_FOUND}\n`;
    assert.deepEqual(scanText(text).findings.map((finding) => [finding.line, finding.signature.id]), [[2, 'typha-unauthorized'], [4, 'clusterinformation-not-found']]);
    const garbage = `${'\u0001\u0002\u0003\u0004\u0005\u0006\u0007'.repeat(10)} Failed to get Typha endpoint from Kubernetes error=Unauthorized ${'\u0010\u0011\u0012\u0013\u0014\u0015\u0016'.repeat(10)}`;
    const scan = scanText(garbage);
    assert.deepEqual(scan.findings, []);
    assert.equal(scan.stats.binaryLinesSkipped, 1);
  });

  it('reads every JSON timestamp unit, and leaves an unreadable one out instead of failing', () => {
    assert.equal(parseLogLine('{"level":"error","ts":1739975119914000,"msg":"x"}').timestamp, '2025-02-19T14:25:19.914Z');
    assert.equal(parseLogLine('{"level":"error","ts":1739975119914,"msg":"x"}').timestamp, '2025-02-19T14:25:19.914Z');
    assert.equal(parseLogLine('{"level":"error","ts":1739975119.914,"msg":"x"}').timestamp, '2025-02-19T14:25:19.914Z');
    assert.equal(parseLogLine('{"level":"error","ts":99999999999999999999999,"msg":"x"}').timestamp, undefined);
    const scan = scanText(`{"level":"error","ts":1739975119914000,"msg":"problem running manager","error":"x"}\n{"ts":99999999999999999999999999,"msg":"problem running manager"}\n`);
    assert.deepEqual(scan.findings.map((finding) => [finding.line, finding.signature.id, finding.timestamp]), [[1, 'operator-failed', '2025-02-19T14:25:19.914Z'], [2, 'operator-failed', undefined]]);
  });

  it('reports a start-up line only once it has persisted past its grace period, by the log\'s own clock', () => {
    const at = (time: string): string => `Feb 23 ${time} node rke2[2126]: time="2024-02-23T${time}Z" level=info msg="Waiting to retrieve kube-proxy configuration; server is not ready: https://127.0.0.1:9345/v1-rke2/readyz: 500 Internal Server Error"`;
    const quick = scanText([at('07:07:15'), at('07:08:15'), at('07:11:00')].join('\n'));
    assert.deepEqual(quick.findings, []);
    assert.equal(quick.stats.transientLinesQuiet, 3);
    const slow = scanText([at('07:07:15'), at('07:10:15'), at('07:12:16'), at('07:20:00')].join('\n'));
    assert.deepEqual(slow.findings.map((finding) => [finding.line, finding.signature.id, finding.persistedSeconds]), [[3, 'rke2-supervisor-not-ready', 301], [4, 'rke2-supervisor-not-ready', 765]]);
    const recovered = scanText([at('07:07:15'), 'Feb 23 07:09:00 node rke2[2126]: time="2024-02-23T07:09:00Z" level=info msg="rke2 agent is up and running"', at('07:12:20')].join('\n'));
    assert.deepEqual(recovered.findings, [], 'a recovery line starts a new episode');
    const healed = scanText([at('07:07:15'), at('07:12:16'), 'Feb 23 07:13:00 node rke2[2126]: time="2024-02-23T07:13:00Z" level=info msg="rke2 agent is up and running"'].join('\n'));
    assert.deepEqual(healed.summary.map((entry) => [entry.signature.id, entry.lastLine, entry.recoveredLine]), [['rke2-supervisor-not-ready', 2, 3]], 'the summary says the log shows it recovered');
    const untimed = `${at('07:07:15').replace(/^Feb 23 \S+ node rke2\[2126\]: time="[^"]+" /, '')}\n`;
    const few = scanText(untimed.repeat(3)).findings;
    assert.deepEqual(few.map((finding) => [finding.signature.severity, finding.possiblyTransient]), [['info', true], ['info', true], ['info', true]], 'without times: reported as possibly transient, never hidden');
    const many = scanText(untimed.repeat(REPEATS_AS_PERSISTENCE + 1)).findings;
    assert.deepEqual(many.slice(-2).map((finding) => [finding.signature.severity, finding.repeats]), [['warning', REPEATS_AS_PERSISTENCE], ['warning', REPEATS_AS_PERSISTENCE + 1]], 'repeats are the evidence it persists');
  });

  it('takes a repeated event\'s own span as proof that a start-up condition persisted', () => {
    assert.equal(eventSpanSeconds('Warning  Unhealthy  25s (x61 over 25m)  kubelet  Readiness probe failed'), 1500);
    assert.equal(eventSpanSeconds('Warning  Unhealthy  83s (x1234 over 7h22m)  kubelet'), 26_520);
    assert.deepEqual(scanText('  Warning  Unhealthy  25s (x61 over 25m)    kubelet, upsilon   Readiness probe failed: calico/node is not ready: felix is not ready: readiness probe reporting 503').findings.map((finding) => finding.signature.id), ['felix-not-ready']);
    assert.deepEqual(scanText('  Warning  Unhealthy  25s (x6 over 60s)    kubelet   Readiness probe failed: calico/node is not ready: felix is not ready: readiness probe reporting 503').findings, []);
  });

  it('gives the lines of a Warning event\'s message the event\'s span, until the next event row', () => {
    // calico-node's readiness probe prints one reason per line; the event quotes them all.
    const event = [
      '  Warning  Unhealthy  16s (x900 over 8d)  kubelet  Readiness probe failed: ',
      'calico/node is not ready: BIRD is not ready: BGP not established with 10.0.0.2,10.0.0.3',
    ];
    const lineTwo = (text: string, at = 2): Array<[string, boolean]> => scanText(text).findings.filter((finding) => finding.line === at).map((finding) => [finding.signature.id, finding.possiblyTransient ?? false]);
    assert.deepEqual(lineTwo(event.join('\n')), [['bgp-not-established', false]]);
    // A later row (Normal or Warning) ends the message: the line after it has no span, so it may be a start-up one.
    const ended = [event[0], '  Normal   Pulled     16s (x3 over 8d)  kubelet  Container image pulled', event[1]].join('\n');
    assert.deepEqual(lineTwo(ended, 3), [['bgp-not-established', true]]);
    // A short span inherited is a short span: still within the start-up grace.
    assert.deepEqual(lineTwo(['  Warning  Unhealthy  5s (x3 over 40s)  kubelet  Readiness probe failed: ', event[1]].join('\n')), []);
  });

  it('reads a klog multi-line value (`err=<`): the line that opened it reports the failure its lines name', () => {
    const log = [
      'E0503 17:40:33.221354    5493 pod_workers.go:1301] "Error syncing pod, skipping" err=<',
      '\tfailed to "CreatePodSandbox" for "coredns-1_kube-system(abc)" with CreatePodSandboxError: "Failed to create sandbox for pod: rpc error: code = Unknown desc = failed to setup network for sandbox \\"9c2b\\": plugin type=\\"calico\\" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized"',
      ' > pod="kube-system/coredns-1"',
      'E0503 17:40:34.221354    5493 kubelet_volumes.go:100] "Orphaned pod found" err=<',
      '\tpath is not a directory',
      ' >',
    ].join('\n');
    assert.deepEqual(scanText(log).findings.map((finding) => [finding.line, finding.signature.id]), [[1, 'cni-unauthorized'], [2, 'cni-unauthorized']]);
  });

  it('reads calicoctl\'s node status table and ipam check: sessions not Established, IPAM records that disagree', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    const table = [
      '+--------------+-------------------+-------+----------+--------------------------------+',
      '| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |              INFO              |',
      '+--------------+-------------------+-------+----------+--------------------------------+',
      '| 10.0.0.2     | node-to-node mesh | up    | 09:12:01 | Established                    |',
      '| 10.0.0.3     | node-to-node mesh | start | 09:12:01 | Connect Socket: Connection     |',
      '| 10.0.0.4     | global            | start | 09:12:01 | Passive                        |',
    ].join('\n');
    assert.deepEqual(ids(table), ['bgp-peer-down', 'bgp-peer-down']);
    assert.deepEqual(ids('Calico process is not running.'), ['calico-process-not-running']);
    assert.deepEqual(ids('  10.2.0.19 in use by Workload(web-1) and in active IPAM pool but has no IPAM allocation.\nFound 0 handles with no matching IPs (and 12 handles with matches).\nCheck complete; found 0 problems.'), ['ipam-inconsistent']);
  });

  it('reads systemd reporting a Calico or flannel unit failed, and runit inside calico-node unable to supervise', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.equal(ids('Nov 01 13:58:02 node1 systemd[1]: calico-node.service: main process exited, code=exited, status=1/FAILURE').length, 1);
    assert.equal(ids('Nov 01 13:58:02 node1 systemd[1]: Unit calico-node.service entered failed state.').length, 1);
    assert.equal(ids('Aug 29 16:23:16 node1 systemd[1]: Dependency failed for calico-node.').length, 1);
    assert.deepEqual(ids('Nov 01 13:58:02 node1 systemd[1]: calico-node.service: Main process exited, code=exited, status=0/SUCCESS'), []);
    assert.deepEqual(ids('Nov 01 13:58:02 node1 systemd[1]: nginx.service: Main process exited, code=exited, status=1/FAILURE'), []);
    assert.equal(ids('runsv felix: fatal: unable to lock supervise/lock: temporary failure').length, 1);
    assert.deepEqual(ids('runsv nginx: fatal: unable to lock supervise/lock: temporary failure'), []);
  });

  it('reads systemctl status: a unit of the node\'s stack or of Calico in failed or auto-restart is down', () => {
    const status = (unit: string, active: string): string => [`● ${unit}.service - ${unit}`, `     Loaded: loaded (/usr/local/lib/systemd/system/${unit}.service; enabled)`, `     Active: ${active} since Tue 2024-01-02 10:00:00 UTC; 3s ago`].join('\n');
    const lines = (text: string): number[] => scanText(text).findings.map((finding) => finding.line);
    assert.deepEqual(lines(status('rke2-agent', 'activating (auto-restart) (Result: exit-code)')), [3]);
    assert.deepEqual(lines(status('calico-node', 'failed (Result: exit-code)')), [3]);
    assert.deepEqual(lines(status('rke2-server', 'active (running)')), []);
    assert.deepEqual(lines(status('nginx', 'failed (Result: exit-code)')), []);
  });

  it('reads a helm-install job\'s log: helm\'s Error: after the script\'s trace, the script\'s own exits, not its ignored repo removal', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    const job = ['+ helm_v3 repo remove stable', 'Error: no repositories configured', '+ true', '+ helm_v3 upgrade --install rke2-canal /tmp/rke2-canal.tgz', 'Error: failed to download "https://10.43.0.1:443/static/charts/rke2-canal.tgz"'].join('\n');
    assert.deepEqual(ids(job), ['helm-job-error']);
    assert.deepEqual(ids('Error: failed to download "https://10.43.0.1:443/static/charts/traefik.tgz"'), []);
    assert.deepEqual(ids("Release status is 'failed' and failure policy is 'abort'; waiting for operator intervention"), ['helm-upgrade-failed']);
  });

  it('reads CoreDNS: its errors reaching the API Service or upstream servers, and client-go list failures it logs at INFO', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.equal(ids('[ERROR] plugin/errors: 2 example.org. HINFO: read udp 10.42.0.5:36953->1.1.1.1:53: i/o timeout').length, 1);
    // a single-label name the search list did not resolve, forwarded upstream: public resolvers leave it unanswered
    assert.deepEqual(ids('[ERROR] plugin/errors: 2 billing-api-6b8756994f-zzf49. A: read udp 10.42.0.5:53039->119.29.29.29:53: i/o timeout'), []);
    assert.equal(ids('[INFO] plugin/kubernetes: pkg/mod/k8s.io/client-go@v0.29.3/tools/cache/reflector.go:243: failed to list *v1.Service: Get "https://10.43.0.1:443/api/v1/services?limit=500": dial tcp 10.43.0.1:443: i/o timeout').length, 1);
    assert.deepEqual(ids('[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5'), []);
    assert.deepEqual(ids('[WARNING] plugin/kubernetes: starting server with unsynced Kubernetes API'), []);
  });

  it('reads the kubelet\'s CNI driver warnings that state a failure; an empty CNI directory at start-up is the start-up family', () => {
    const findings = scanText('Nov 06 17:37:53 node1 kubelet[6016]: W1106 17:37:53.776502    6016 cni.go:202] Error validating CNI config list {"cniVersion":"","name":"cbr0"}: [plugin flannel does not support config version ""]').findings;
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.signature.id, 'cni-error');
    // placed in time and within the start-up grace: nothing yet
    assert.deepEqual(scanText('Nov 06 17:37:53 node1 kubelet[6016]: W1106 17:37:53.776592    6016 cni.go:237] Unable to update cni config: no valid networks found in /etc/cni/net.d').findings, []);
  });

  it('reads kube-proxy and calicoctl by what they say: start-up waits, ignorable module loads, a datastore out of reach', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('W0603 13:20:53.583081       7 proxier.go:661] Failed to load kernel module ip_vs_rr with modprobe. You can ignore this message when kube-proxy is running inside container without mounting /lib/modules'), []);
    const nodeInfo = (time: string): string => `E0603 ${time}.586983       7 node.go:161] Failed to retrieve node info: nodes "server-0" is forbidden: User "system:kube-proxy" cannot get resource "nodes" in API group "" at the cluster scope`;
    assert.deepEqual(ids(nodeInfo('13:20:53')), []);
    assert.deepEqual(ids([nodeInfo('13:20:53'), nodeInfo('13:31:53')].join('\n')), ['kube-proxy-node-unknown']);
    assert.deepEqual(ids('Failed to create Calico API client: context deadline exceeded'), ['calicoctl-datastore-unreachable']);
    // misconfigured, it reaches nothing and says nothing about the cluster
    assert.deepEqual(ids('Failed to create Calico API client: no etcd endpoints specified'), []);
    assert.deepEqual(ids('E1215 10:19:24.891724    2752 cni.go:163] error updating cni config: No networks found in /etc/cni/net.d'), []);
  });

  it('reads node components that give up at start, and kube-proxy\'s ipset programming, by the file that logged them', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('Aug 23 13:53:14 node01 kubelet[8691]: E0823 13:53:14.926448    8691 run.go:72] "command failed" err="failed to parse kubelet flag: unknown flag: --improve-speed"'), ['crash-error']);
    // the same file of another program (an operator's own command line) is not the node's stack
    assert.deepEqual(ids('E0823 13:53:14.926448    8691 run.go:72] "command failed" err="unknown flag: --verbose"'), []);
    assert.deepEqual(ids('May 02 07:09:07 node-1 kube-proxy[214]: E0502 07:09:07.788271     214 ipset.go:168] Failed to add entry: 100.100.214.143,tcp:53 to ip set: KUBE-CLUSTER-IP, error: error adding entry 100.100.214.143,tcp:53, error: exit status 1'), ['dataplane-error']);
  });

  it('reads CRI-O\'s wording of a node without a CNI config as the start-up family, not as a sandbox failure', () => {
    const event = (span: string): string => `  Warning  FailedCreatePodSandBox  2m ${span}  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = error creating pod sandbox with name "k8s_coredns": No CNI configuration file in /etc/cni/net.d/. Has your network provider started?`;
    assert.deepEqual(scanText(event('(x9 over 3m)')).findings, []);
    assert.deepEqual(scanText(event('(x90 over 30m)')).findings.map((finding) => [finding.signature.id, finding.persistedSeconds]), [['cni-not-initialized', 1800]]);
  });

  it('reads what a container that cannot start leaves: exec format errors, runtime refusals, unknown flags', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('standard_init_linux.go:228: exec user process caused: exec format error'), ['container-exec-format']);
    assert.deepEqual(ids('exec /usr/sbin/start_runit: exec format error'), ['container-exec-format']);
    assert.deepEqual(ids('OCI runtime create failed: container_linux.go:367: starting container process caused: process_linux.go:495: container init caused'), ['container-cannot-start']);
    // a probe's exec into a running container is not the container failing to start
    assert.deepEqual(ids('OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/calico-node": stat /bin/calico-node: no such file or directory: unknown'), []);
    assert.deepEqual(ids('unknown flag: --ovs-vsctl-concurrency'), ['container-unknown-argument']);
  });

  it('reads a log line behind what a paste puts before it: indentation, quote markers, a pane border, a compose column', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    const line = 'E0415 14:51:31.215141       1 scraper.go:140] "Failed to scrape node" err="Get \\"https://192.168.1.42:10250/metrics/resource\\": dial tcp 192.168.1.42:10250: connect: no route to host" node="master2"';
    assert.deepEqual(ids(line), ['pod-egress-error']);
    for (const wrapped of [`    ${line}`, `> ${line}`, `> > ${line}`, `│ ${line}`, `metrics_1  | ${line}`]) assert.deepEqual(ids(wrapped), ['pod-egress-error'], wrapped);
    // a klog multi-line value's lines (tab-indented) belong to the line that opened it
    assert.deepEqual(scanText(['E0507 16:05:47.509891       1 server.go:136] "Error running ProxyServer" err=<', '\tiptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)', ' >'].join('\n')).findings.map((finding) => finding.line), [1]);
  });

  it('reads PowerShell error records of any command by their structure, and nothing that only looks like one', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => `${finding.line}:${finding.signature.id}`);
    const record = [
      'Invoke-WebRequest : Unable to connect to the remote server',
      'At C:\\k\\install.ps1:95 char:5',
      '+     Invoke-WebRequest $url -OutFile $zip',
      '+     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : NotSpecified: (:) [Invoke-WebRequest], WebException',
      '    + FullyQualifiedErrorId : System.Net.WebException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand',
    ].join('\n');
    assert.deepEqual(ids(record), ['1:windows-script-error']);
    assert.deepEqual(ids("& : The term 'C:\\nssm\\nssm.exe' is not recognized as the name of a cmdlet, function, script file, or operable program."), ['1:windows-script-error']);
    assert.deepEqual(ids('C:\\CalicoWindows\\install-calico.ps1 : Failed to find the kubeconfig'), ['1:windows-script-error']);
    assert.deepEqual(ids("New-HnsNetwork : A parameter cannot be found that matches parameter name 'SubnetPolicies'."), ['1:dataplane-error']);
    assert.deepEqual(ids('    winw1: Set-Content : Stream was not readable.'), ['1:windows-script-error']);
    // Format-List rows, HTTP headers, PowerShell 7's concise view and hyphenated words are not error records.
    assert.deepEqual(ids(['Name        : CalicoNode', 'Status      : Running', 'Content-Type: application/json', 'Get-Item: Cannot find path', 'Cluster-Http-Server 2024/07/01 16:44:37 started'].join('\n')), []);
  });

  it('reads CNI installers: shell errors on the CNI directories, bash errors of their scripts, zap console lines, PowerShell HNS errors', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids("cp: can't create '/host/opt/cni/bin/calico': Permission denied"), ['cni-error']);
    assert.deepEqual(ids("cp: cannot stat '/tmp/report.txt': No such file or directory"), []);
    assert.deepEqual(ids('/install-cni.sh: line 83: /host/opt/cni/bin/calico: not found'), ['cni-error']);
    assert.deepEqual(ids('2024-11-10T04:30:59.448969Z\terror\tcni-agent\tinstaller failed: copy binaries: permission denied'), ['cni-error']);
    assert.equal(ids('Invoke-HnsRequest : @{Error=An adapter was not found. ; ErrorCode=2151350278; Success=False}').length, 1);
    assert.deepEqual(ids('Invoke-HnsRequest : @{Error=A network with this name already exists. ; ErrorCode=2151350288; Success=False}'), []);
  });

  it('reads kubectl get pods rows of networking pods whose containers cannot run, once older than a start-up', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('kube-system   calico-node-8lx2p                     0/1     CrashLoopBackOff   6 (2m16s ago)     7m58s'), ['crash-error']);
    assert.deepEqual(ids('kube-flannel-ds-jm4dq   0/1     Init:RunContainerError   18 (59s ago)   68m'), ['crash-error']);
    assert.deepEqual(ids('calico-node-5k29r                         0/1     CrashLoopBackOff   4 (85s ago)   2m52s'), []);
    assert.deepEqual(ids('web-5d9c7b8c4b-x2x7q   0/1     CrashLoopBackOff   9 (3m ago)   40m'), []);
  });

  it('reads the API server failing to reach pods, kubectl failing to reach it, and pods failing to reach out', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)'), ['aggregated-api-unreachable']);
    assert.deepEqual(ids('E0223 18:12:08.012410       1 available_controller.go:460] v1beta1.metrics.k8s.io failed with: failing or missing response from https://10.42.1.7:10250/apis/metrics.k8s.io/v1beta1: Get "https://10.42.1.7:10250/apis/metrics.k8s.io/v1beta1": context deadline exceeded'), ['aggregated-api-unreachable']);
    assert.deepEqual(ids('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?'), ['kubectl-apiserver-refused']);
    assert.deepEqual(ids('The connection to the server localhost:8080 was refused - did you specify the right host or port?'), []);
    assert.deepEqual(ids('E0627 19:03:06.012593       1 scraper.go:139] "Failed to scrape node" err="Get \\"https://10.0.0.11:10250/stats/summary?only_cpu_and_memory=true\\": dial tcp 10.0.0.11:10250: i/o timeout" node="agent-1"'), ['pod-egress-error']);
    assert.equal(ids('Job for rke2-server.service failed because the control process exited with error code.').length, 1);
    assert.equal(ids('Error from server: Get "https://10.0.0.12:10250/containerLogs/kube-system/calico-node-x/calico-node": proxy error from 127.0.0.1:6443 while dialing 10.0.0.12:10250, code 502: 502 Bad Gateway').length, 1);
    // every errno a dial can end with, ETIMEDOUT's "connection timed out" too
    assert.deepEqual(ids('time="2024-08-10T09:20:00Z" level=error msg="Failed to connect to proxy" error="dial tcp 10.0.0.2:6443: connect: connection timed out"'), ['api-unreachable-error']);
  });

  it('tells RKE2\'s agent tunnel from Rancher\'s agents, which dial Rancher through the same websocket library', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('time="2025-10-08T04:48:10Z" level=error msg="Remotedialer proxy error" error="websocket: bad handshake"'), []);
    assert.deepEqual(ids('Oct 20 00:11:38 agent-1 rke2[1654005]: time="2025-10-20T00:11:38Z" level=error msg="Error writing ping" error="websocket: write timeout"'), ['rke2-supervisor-error']);
  });

  it('reads systemd on the node\'s stack (kubelet, container runtimes), CoreDNS dying or without upstreams, installers giving up', () => {
    const count = (text: string): number => scanText(text).findings.length;
    assert.equal(count('Dec 27 10:55:24 node1 systemd[1]: kubelet.service: main process exited, code=exited, status=255/n/a'), 1);
    assert.equal(count('Dec 27 10:55:25 node1 systemd[1]: kubelet.service holdoff time over, scheduling restart.'), 1);
    assert.equal(count('Feb 23 08:10:45 node1 systemd[1]: Failed to start Docker Application Container Engine.'), 1);
    // a stop is not a failure
    assert.equal(count('Feb 23 08:10:45 node1 systemd[1]: containerd.service: Main process exited, code=killed, status=15/TERM'), 0);
    assert.equal(count('2018/09/06 13:02:45 [FATAL] plugin/loop: Loop (127.0.0.1:55953 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting'), 1);
    assert.equal(count(' [ERROR] plugin/errors: 2 kubernetes.default. AAAA: unreachable backend: read udp 10.244.0.5:51666->223.5.5.5:53: i/o timeout'), 1);
    assert.equal(count('[ERROR] 2 2776621349124840513.8630579569398302643. HINFO: unreachable backend: no upstream host'), 1);
    assert.equal(count('fatal: [192.168.0.120]: FAILED! => {"attempts": 4, "changed": true, "cmd": "systemctl is-active kubelet.service", "rc": 3}'), 1);
    assert.equal(count('fatal: [192.168.0.120]: FAILED! => {"changed": false, "msg": "No package matching \'nginx\' is available"}'), 0);
  });

  it('takes a BGP peer at an address every host shares (docker0, virbr0, VirtualBox NAT) for a wrongly autodetected node address', () => {
    const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);
    assert.deepEqual(ids('calico/node is not ready: BIRD is not ready: BGP not established with 10.0.0.5,172.17.0.1'), ['ip-autodetect-wrong-interface']);
    assert.deepEqual(ids('calico/node is not ready: BIRD is not ready: BGP not established with 192.168.122.1'), ['ip-autodetect-wrong-interface']);
    assert.deepEqual(ids('calico/node is not ready: BIRD is not ready: BGP not established with 172.17.0.10'), ['bgp-not-established']);
  });

  it('never subtracts a year-less klog time from a dated one', () => {
    const text = [
      'W0413 18:07:15.351276    6372 clientconn.go:1331] [core] grpc: addrConn.createTransport failed to connect to {127.0.0.1:2379 127.0.0.1 <nil> 0 <nil>}. Reconnecting...',
      '{"level":"warn","ts":"2023-04-13T18:07:16.582+0200","logger":"etcd-client","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc00175a540/127.0.0.1:2379"}',
    ].join('\n');
    assert.deepEqual(scanText(text).findings, []);
    assert.equal(timestampToMs('2025-02-19 14:25:19.914'), Date.UTC(2025, 1, 19, 14, 25, 19, 914));
  });

  it('names rancher/rke2#7808 only when the context supports it', () => {
    const alone = scanText(`${CNI_NOT_FOUND}\n`);
    assert.equal(alone.findings[0]?.knownIssue, undefined);
    assert.deepEqual(alone.knownIssues, []);
    const pair = scanText(`${CNI_NOT_FOUND}\n${TYPHA_401}\n`);
    assert.deepEqual(pair.knownIssues.map((issue) => [issue.id, issue.codes]), [['rancher/rke2#7808', ['clusterinformation-not-found', 'typha-unauthorized']]]);
    assert.ok(pair.findings.every((finding) => finding.knownIssue?.id === 'rancher/rke2#7808'));
    const stated = scanText(`time="2025-02-19T14:20:00Z" level=info msg="Starting rke2 v1.32.2+rke2r1 (f86d5f5e)"\n${CNI_NOT_FOUND}\n`);
    const statedIssue = stated.findings[0]?.knownIssue;
    assert.equal(statedIssue?.id, 'rancher/rke2#7808');
    assert.match(statedIssue.because, /v1\.32\.2\+rke2r1/);
    const fixed = scanText(`${CNI_NOT_FOUND}\n`, { facts: { rke2: 'v1.32.4+rke2r1', source: 'the workspace' } });
    assert.equal(fixed.findings[0]?.knownIssue, undefined);
    const affected = scanText(`${CNI_NOT_FOUND}\n`, { facts: { calico: 'v3.29.2', source: 'the workspace' } });
    assert.equal(affected.findings[0]?.knownIssue?.id, 'rancher/rke2#7808');
  });

  it('names a streamed finding from the line where the support appeared, the whole scan for all of them', () => {
    const streamed: LogFinding[] = [];
    const scanner = new LogScanner({ onFinding: (finding) => streamed.push(finding) });
    scanner.push(`${CNI_NOT_FOUND}\n${TYPHA_401}\n${CNI_NOT_FOUND}\n`);
    scanner.end();
    assert.deepEqual(streamed.map((finding) => finding.knownIssue?.id), [undefined, 'rancher/rke2#7808', 'rancher/rke2#7808']);
  });
});
