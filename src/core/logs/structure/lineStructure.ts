/**
 * Reads the structure of one log line before its wording: the wrapper (a /var/log/pods CRI prefix, a journald
 * prefix), the format, the level, where the line comes from (the Go file Calico and klog print, the operator's
 * logger, the journald unit) and the message. Formats and their sources:
 * - Calico: `2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: msg k=v` (projectcalico/calico
 *   libcalico-go/lib/logutils/logutils.go, Formatter: the caller's parent folder and file, then the line);
 * - klog: `E0628 13:36:53.297123    1234 file.go:209] msg` (kubernetes/klog klog.go, severityChar "IWEF");
 * - logfmt: `time="…" level=error msg="…"` (sirupsen/logrus TextFormatter without a TTY: k3s, RKE2, containerd);
 * - logrus on a TTY: `ERRO[1700] msg`, the bracket holding seconds since start (k3s/RKE2 in a terminal);
 * - JSON lines: `{"level":"error","logger":"controller_installation","msg":…}` (tigera/operator, zap);
 * - Kubernetes events as `kubectl get events` and `kubectl describe` print them, with `(x20 over 10m)`;
 * - BIRD: `bird: Mesh_10_0_0_1: Socket error: …` (BIRD's stderr as calico-node forwards it: no level, which the
 *   message's template in BIRD's sources gives back) and `<time> <ERR> …` (BIRD's own log file);
 * - Go runtime crashes: `panic: …`, `fatal error: …`;
 * - systemd reporting rke2, k3s, containerd or the kubelet down (`k3s.service: Failed with result 'exit-code'.`).
 * Only the first few KiB of a line are read, so a long line costs no more than a short one.
 */

import { CRI_PREFIX, JOURNALD_PREFIX, levelOf, type LineLevel } from '../logLine';
import { birdLevel } from './birdLevels';

export type { LineLevel } from '../logLine';
export type LineFormat = 'calico' | 'klog' | 'logfmt' | 'logrus-tty' | 'json' | 'zap-console' | 'multus' | 'event' | 'bird' | 'go-crash' | 'node-tool' | 'shell' | 'powershell' | 'installer' | 'pod-row' | 'node-row' | 'node-condition' | 'service-down' | 'connectivity-test' | 'coredns' | 'plain';

export interface LineEvent {
  readonly type: 'Warning' | 'Normal';
  readonly reason: string;
  /** `(x20 over 10m)`: how often the event was seen. */
  readonly count: number | undefined;
}

export interface LineStructure {
  readonly format: LineFormat;
  readonly wrapper: 'cri' | 'journald' | 'pod-prefix' | 'docker-json' | 'none';
  readonly level: LineLevel | undefined;
  /** The journald unit or process (`rke2`, `kubelet`, `containerd`, `k3s`…), lower case. */
  readonly unit: string | undefined;
  /** The Go file as the line prints it: `routetable/route_table.go` (Calico), `pod_workers.go` (klog). */
  readonly sourceFile: string | undefined;
  /** The tigera-operator logger or controller (`controller_installation`). */
  readonly logger: string | undefined;
  readonly event: LineEvent | undefined;
  /** The message with its fields, without the prefixes above. */
  readonly message: string;
}

const HEAD_CHARS = 4096;
/**
 * syslog with an RFC 3339 time (rsyslog's default on many distributions): `2018-04-27T08:49:12Z host confd[130]: …`;
 * pastes that drop the host keep the process and its pid (`2023-12-16T04:14:34Z systemd[1]: …`).
 */
const SYSLOG_RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) (?:([\w.@-]+?)\[\d+\]|\S+ \/?([\w.@-]+?)(?:\[\d+\])?): /;
/** runit's svlogd stamp, as calico-node's runit services wrote it (`2016-06-15_07:13:07.98666 bird: …`). */
/**
 * The pod and container a multi-pod log tool puts before each line: `kubectl logs --prefix`
 * (`[pod/calico-node-x7k2p/calico-node] `, kubectl's logs command) and kubetail (`[calico-node-x7k2p calico-node] `).
 * Kubernetes names are lower case, which keeps Calico's `[INFO][12]` and Go's `[signal SIGSEGV: …]` out.
 */
export const POD_PREFIX = /^\[(?:pod\/)?[a-z0-9][a-z0-9.-]{0,252}[/ ][a-z0-9][a-z0-9-]{0,62}\] +/;
const SVLOGD = /^\d{4}-\d{2}-\d{2}_\d{2}:\d{2}:\d{2}\.\d+ /;
/**
 * glog writes this before every line a program logs before its flags are parsed (golang/glog glog.go output():
 * `os.Stderr.Write([]byte("ERROR: logging before flag.Parse: "))`), whatever the line's own severity: the klog line
 * follows it.
 */
const GLOG_BEFORE_FLAGS = 'ERROR: logging before flag.Parse: ';
/** A bare level word before the message (confd and other Go tools without logrus formatting): `ERROR Config check failed`. */
const LEVEL_WORD = /^(PANIC|FATAL|ERROR|WARNING|WARN|INFO|DEBUG) /;
// The date is optional (pastes often drop it); Calico's Python Felix (before v2.0) wrote `,mmm` and `[pid/thread]`.
const CALICO = /^\s*(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[.,]\d{3} )?\[(PANIC|FATAL|ERROR|WARNING|INFO|DEBUG|TRACE)\]\[[\d/]+\] (?:(\S+) (?:\d+|<nil>): )?/;
const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+ ([\w.-]+\.go):\d+\] /;
const LOGFMT_LEVEL = /(?:^|\s)level=(\w+)/;
const LOGFMT_MSG = /(?:^|\s)msg="((?:[^"\\]|\\.){0,4000})"/;
const TTY = /^(INFO|WARN|ERRO|FATA|PANI|DEBU|TRAC)\[[^\]]{1,40}\] /;
const JSON_LEVEL = /"level":\s?"(\w+)"/;
const JSON_LOGGER = /"(?:logger|controller)":\s?"([^"]{1,80})"/;
const EVENT = /^\s*(?:\S+\s+){0,3}?(Warning|Normal)\s+([A-Z][A-Za-z]+)\s+(.*)$/;
const EVENT_COUNT = /\(x(\d+) over [^)]{1,20}\)/;
const BIRD = /^bird: /;
/**
 * BIRD writing its own log file: `<time> <CLASS> message` (sysdep/unix/log.c log_commit, class_names; the time as
 * `timeformat log` sets it, ISO-like by default).
 */
const BIRD_FILE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? <(DBG|TRACE|INFO|RMT|WARN|ERR|AUTH|FATAL|BUG)> /;
const BIRD_CLASS_LEVELS: Readonly<Record<string, LineLevel>> = { DBG: 'debug', TRACE: 'debug', INFO: 'info', RMT: 'warning', WARN: 'warning', ERR: 'error', AUTH: 'error', FATAL: 'fatal', BUG: 'fatal' };
const RECORDED_EVENT = '"Event occurred" ';
const RECORDED_TYPE = / type="(Normal|Warning)"/;
const RECORDED_REASON = / reason="([A-Za-z]{1,80})"/;
const RECORDED_MESSAGE = / message="((?:[^"\\]|\\.){0,2000})"/;
/**
 * The node tools the dataplane runs print their failures as `<tool>[ version]: <message>`: kmod's modprobe/insmod
 * (`modprobe: FATAL: Module ip_set not found…`, `modprobe: ERROR: could not insert…`, busybox's `modprobe: can't …`),
 * iptables/ip6tables/ipset (`iptables v1.8.7 (nf_tables): …`), nft (`nft: …`).
 */
const NODE_TOOL = /^(modprobe|insmod|iptables(?:-\w+)?|ip6tables(?:-\w+)?|ipset|nft)(?: v[\d.]+(?: \([\w-]+\))?)?: (.*)$/;
// kmod (`FATAL:`, `ERROR:`), iptables/libxtables (`can't initialize iptables table`, `Cannot initialize: iptables
// who?`, iptables-restore `line N failed`), ipset's session errors (`Kernel error received`, `Kernel and userspace
// incompatible`).
const NODE_TOOL_FAILURE = /^(FATAL|ERROR|[Cc]an't|[Cc]annot|[Cc]ould not|[Cc]ouldn't|[Ff]ailed|[Ff]atal|[Ee]rror|Kernel error|Kernel and userspace incompatible|line \d+ failed)/;
/**
 * CoreDNS (the cluster DNS every RKE2/K3s cluster runs as pods): `[ERROR] plugin/errors: 2 example.org. A: read udp
 * 10.42.0.5:36953->1.1.1.1:53: i/o timeout`, `[INFO] plugin/kubernetes: …` (coredns plugin/pkg/log: the level in
 * brackets, then the plugin; releases before 1.3 put Go's log date first). Its lines tell whether a pod reaches the API Service and the outside through the pod
 * network.
 */
const COREDNS = /^\s*(?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} )?\[(INFO|WARNING|ERROR|FATAL|DEBUG)\] (?:plugin\/[\w-]+: )?/;
/**
 * zap's console encoder (controller-runtime in development mode, istio and other CNI agents): `<ISO time>\t<level>\t
 * <logger>\t<message>` (go.uber.org/zap zapcore console_encoder.go: tab-separated time, level, name, message; pastes
 * often turn the tabs into spaces).
 */
const ZAP_CONSOLE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})[\t ]+(debug|info|warn|warning|error|dpanic|panic|fatal)[\t ]+(?:([\w./-]{1,80})[\t ]+)?/i;
/**
 * Multus (the meta-plugin that runs Calico as its default network) and whereabouts (an IPAM plugin that copies its
 * logger): `2022-09-28T15:09:32Z [error] Multus: […]: error getting pod: …` (k8snetworkplumbingwg/multus-cni
 * pkg/logging/logging.go: header "%s [%s] ", RFC3339 time, levels panic, error, verbose, debug). Every line of it is a
 * CNI plugin's.
 */
const MULTUS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}) \[(panic|error|verbose|debug)\] /;
const MULTUS_LEVELS: Readonly<Record<string, LineLevel>> = { panic: 'panic', error: 'error', verbose: 'info', debug: 'debug' };
/**
 * A shell's own errors as an installer script prints them: coreutils and busybox (`cp: can't create '/host/opt/cni/bin/
 * calico': Permission denied`, `cp: cannot create regular file …`), and bash (`/install-cni.sh: line 83: …`).
 */
const SHELL_TOOL_ERROR = /^(cp|mv|rm|cat|ln|chmod|chown|mkdir|install|touch|sed): (.*)$/;
const SCRIPT_ERROR = /^(\S*\.sh): line \d+: (.*)$/;
/**
 * A PowerShell error record as Windows PowerShell's default view (NormalView) prints it, `<Command> : <message>`:
 * `Invoke-WebRequest : Unable to connect to the remote server`, `Invoke-HnsRequest : @{Error=An adapter was not
 * found. …}`. The command is a Verb-Noun cmdlet or function, `&` or `.` (the call and dot-source operators, `& : The
 * term '…' is not recognized …`), or the script itself (`C:\k\install.ps1 : …`, Write-Error in a script): 1 the
 * command, 2 the message. PowerShell 7's ConciseView (`Get-Item: …`) is not read: it cannot be told from an HTTP
 * header (`Content-Type: …`) that `curl -i` prints at the start of a line. Vagrant, which provisions Windows nodes
 * in development setups, prefixes each output line with its machine (`    winw1: `, `==> winw1: `; the indentation is
 * a paste wrapper, read before).
 */
const POWERSHELL_ERROR = /^(?:(?:==> )?[\w.-]{1,40}: )?([A-Z][a-z]{1,20}-[A-Z][A-Za-z0-9]{1,60}|&|\.|[A-Za-z]:\\[^:]{1,240}\.ps1) : (.+)$/;
/**
 * A row of `kubectl get pods` (NAMESPACE? NAME READY STATUS RESTARTS AGE …; kubectl's pod printer, pkg/printers/
 * internalversion/printers.go printPod, the restarts as `4 (85s ago)` since v1.22): 1 name, 2 status, 3 age.
 */
const POD_ROW = /^\s*(?:[a-z0-9][a-z0-9-]{0,62}\s+)?([a-z0-9][a-z0-9.-]{0,252})\s+\d+\/\d+\s+(\S+)\s+\d+(?: \([\w.]+ ago\))?\s+(\d+[smhdy][\dsmhdy]*)(?:\s|$)/;
/**
 * A row of `kubectl describe node`'s Conditions table (Type, Status, LastHeartbeatTime, LastTransitionTime, Reason,
 * Message; k8s.io/kubectl pkg/describe describeNode): 1 type, 2 status, 3 reason, 4 message. The node condition types
 * of k8s.io/api core/v1 (NodeConditionType).
 */
/**
 * A `kubectl get nodes` row (NAME STATUS ROLES AGE VERSION, `-o wide` adding columns after): STATUS is the Ready
 * condition as kubectl prints it (pkg/printers/internalversion: `Ready`, `NotReady`, `Unknown`, then
 * `,SchedulingDisabled` for a cordoned node).
 */
const NODE_ROW = /^\s*([a-z0-9][a-z0-9.-]{0,252})\s+(NotReady|Ready|Unknown)((?:,\w+)*)\s+(\S+)\s+(\d+[smhdy][\dsmhdy]*)\s+v\d+\.\d+/;
const NODE_CONDITION_ROW = /^\s*(Ready|MemoryPressure|DiskPressure|PIDPressure|NetworkUnavailable)\s+(True|False|Unknown)\s+\S.{8,80}?\s{2,}([A-Z][A-Za-z]{2,60})\s+(.*)$/;

/** Whether a node condition's status is a failing one: Ready must be True, the others (pressures, no network) False. */
function failingCondition(type: string, status: string): boolean {
  return type === 'Ready' ? status !== 'True' : status !== 'False';
}

/** Pod statuses that say its containers cannot run (the kubelet's waiting and terminated reasons kubectl shows). */
const FAILED_POD_STATUS = /^(?:Init:)?(?:CrashLoopBackOff|Error|ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull|CreateContainerConfigError|CreateContainerError|RunContainerError|ContainerCannotRun|OOMKilled|StartError)$/;
/** An installer's Ansible task failing (ansible's default callback: `fatal: [host]: FAILED! => {…}`). */
const ANSIBLE_FAILED = /^fatal: \[[^\]]{1,120}\]: (?:FAILED|UNREACHABLE)! => /;
/** A command-line tool's error (helm and kubectl print `Error: …` through cobra), as a helm-install pod logs it. */
const CLI_ERROR = /^Error: /;
/** kubectl failing on an answer of the API server (k8s.io/kubectl cmdutil: "Error from server (%s): %s", "Error from server: %s"). */
const KUBECTL_SERVER_ERROR = /^Error from server(?: \((\w+)\))?: /;
/**
 * systemd units whose failure takes a node's pod networking down: RKE2/K3s, k0s (k0scontroller, k0sworker: `k0s
 * install`), MicroK8s (each daemon of its snap is a unit snap.microk8s.daemon-<app>: kubelite, containerd, flanneld,
 * k8s-dqlite…), the container runtimes and the kubelet, and the units that run Calico, flannel or Canal on hosts
 * installed without a DaemonSet (named after them).
 */
const STACK_UNIT_NAME = String.raw`(?:rke2-server|rke2-agent|k3s|k3s-agent|containerd|kubelet|docker|cri-docker|crio|k0scontroller|k0sworker|snap\.microk8s\.daemon-[\w-]{1,40}|[\w@-]{0,60}(?:calico|flannel|canal)[\w@-]{0,60})`;
const STACK_UNIT = String.raw`${STACK_UNIT_NAME}\.service`;
const STACK_UNIT_ONLY = new RegExp(String.raw`^${STACK_UNIT_NAME}$`);

/**
 * `microk8s inspect` finding a daemon of its snap down: ` FAIL:  Service snap.microk8s.daemon-flanneld is not running`
 * (canonical/microk8s inspect, followed by "For more details look at: sudo journalctl -u <unit>").
 */
const INSPECT_SERVICE_DOWN = new RegExp(String.raw`^\s*FAIL:\s+Service ${STACK_UNIT_NAME} is not running`);

/**
 * A connectivity test failing, as users paste it beside Calico's logs: curl's exit message for a host it cannot
 * resolve, connect to or hear from in time (libcurl-errors: 6 COULDNT_RESOLVE_HOST, 7 COULDNT_CONNECT, 28
 * OPERATION_TIMEDOUT, 35 SSL_CONNECT_ERROR, 52 GOT_NOTHING, 56 RECV_ERROR) and its verbose `* Failed to connect to …`
 * / `* connect to … failed`; ping's summary with nothing received (iputils, busybox); OpenBSD netcat's `nc: connect to
 * … failed`; telnet's `Unable to connect to remote host` / `connect to address …`.
 */
const CONNECTIVITY_FAILED = /^(?:curl: \((?:6|7|28|35|52|56)\) |\* (?:Failed to connect to \S+ port \d+|connect to \S+ port \d+ failed)|\d+ packets transmitted, 0 (?:packets )?received|nc: connect to \S+ port \d+ \(\w+\) failed|telnet: (?:Unable to connect to remote host|connect to address \S+))/;

/** Whether a systemd unit (its name without `.service`) is one of those above. */
export function isStackUnit(name: string): boolean {
  return STACK_UNIT_ONLY.test(name);
}
/**
 * systemd on such a unit: its process exited with a failure (service.c "Main process exited, code=…, status=…",
 * "Control process exited…"; older releases write "main" in lower case; not a stop's SIGTERM), it entered the failed
 * state (unit.c "Unit entered failed state.", older "Unit %s entered failed state." and "%s failed."), it is restarted
 * after a failure (service.c "Service hold-off time over, scheduling restart.", older "%s holdoff time over…"), or a
 * unit it needs failed (job.c "Dependency failed for %s", "Job %s/%s failed with result 'dependency'").
 */
const SYSTEMD_UNIT_DOWN = new RegExp(String.raw`^(?:${STACK_UNIT}:? (?:[Mm]ain process exited|Control process exited), code=(?!killed,? status=15)\w+,? status=(?!0\b|0/)\d+|${STACK_UNIT}:? (?:Unit entered failed state|(?:Service )?hold-?off time over, scheduling restart|Job ${STACK_UNIT}/\w+ failed with result)|Unit ${STACK_UNIT} entered failed state|${STACK_UNIT} failed\.|Dependency failed for .{0,60}(?:[Cc]alico|[Ff]lannel|[Cc]anal))`);
/** systemctl failing to start such a unit ("Job for %s failed because the control process exited with error code."). */
const SYSTEMCTL_JOB_FAILED = new RegExp(String.raw`^Job for ${STACK_UNIT} failed\b`);
/**
 * runit inside calico-node supervises felix, bird, bird6, confd and its helpers (node/filesystem/etc/service/available
 * of projectcalico/calico); runsv's `fatal:` means a service could not be supervised (runit runsv.c fatal()).
 */
const RUNSV_FATAL = /^runsv (felix|bird6?|confd|cni|monitor-addresses|allocate-tunnel-addrs|node-status-reporter|calico-bgp-daemon): fatal: /;
/**
 * Docker's json-file log driver, as `/var/lib/docker/containers/<id>/<id>-json.log` holds a container's output:
 * `{"log":"<the line>\\n","stream":"stderr","time":"…"}` (moby daemon/logger/jsonfilelog).
 */
const DOCKER_JSON_LOG = /^\{"log":"((?:[^"\\]|\\.){0,4000})"/;
/** A JSON line behind a bare timestamp (a paste of `kubectl logs --timestamps`). */
const TIMESTAMPED_JSON = /^\d{4}-\d{2}-\d{2}T[\d:.]{8,18}(?:Z|[+-]\d{2}:\d{2}) \{/;
const GO_CRASH = /^(?:panic: |fatal error: )/;
/**
 * systemd reporting a service of the node's stack down (systemd src/core/service.c: "Failed with result", "Start
 * request repeated too quickly", "Scheduled restart job, restart counter is at N", "<Job> operation timed out.
 * Terminating." — older releases print the unit without the colon; job.c: "Failed to start <Description>" —
 * k3s.service's is "Lightweight Kubernetes", RKE2's "Rancher Kubernetes Engine v2", docker.service's "Docker
 * Application Container Engine", containerd.service's "containerd container runtime", kubelet.service's "kubelet: The
 * Kubernetes Node Agent" — or the unit's name, or a description that opens with it: NixOS's k3s module describes its
 * unit as "k3s service", nixpkgs nixos/modules/services/cluster/k3s), for the units of STACK_UNIT.
 */
const SYSTEMD_SERVICE_DOWN = new RegExp(String.raw`^(?:${STACK_UNIT}:? (?:Failed with result|Start request repeated too quickly|Scheduled restart job, restart counter is at \d|(?:[Ss]tart |[Ss]top )?operation timed out\. Terminating)|Failed to start (?:${STACK_UNIT}|${STACK_UNIT_NAME}(?=[ .:]|$)|Lightweight Kubernetes|Rancher Kubernetes Engine v2|Docker Application Container Engine|containerd container runtime|kubelet: The Kubernetes Node Agent|Container Runtime Interface for OCI|.{0,60}(?:[Cc]alico|[Ff]lannel|[Cc]anal)))`);


/** Whether a level is one that reports a failure by itself. */
export function isFailureLevel(level: LineLevel | undefined): boolean {
  return level === 'error' || level === 'fatal' || level === 'panic';
}

interface Unwrapped {
  readonly text: string;
  readonly wrapper: LineStructure['wrapper'];
  readonly unit: string | undefined;
}

/** The line a json-file entry holds, or undefined when the entry's string does not decode. */
function dockerJsonLine(head: string): string | undefined {
  const entry = DOCKER_JSON_LOG.exec(head);
  if (!entry) return undefined;
  try {
    return (JSON.parse(`"${entry[1] ?? ''}"`) as string).replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}

/** A character of a name in a prefix: a letter, a digit, `-`, `.` or `_`. */
export function isNameCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 46 || code === 95;
}

/**
 * Where a log line starts past what a paste puts before it: indentation by spaces, Markdown quote markers (`> `), a
 * terminal pane's border (`│ `, k9s and other TUIs) and docker-compose's service column (`node_1  | `). Read
 * character by character: every line start of a log goes through it.
 */
export function pasteWrapperEnd(text: string, at: number): number {
  let start = at;
  for (;;) {
    const code = text.charCodeAt(start);
    // Not a tab: klog indents the lines of a multi-line value with one, and they belong to the line that opened it.
    if (code === 32 || code === 62 || code === 0x2502 || code === 0x2503 || code === 0x2551) start++;
    else break;
  }
  let name = start;
  while (name - start < 63 && isNameCode(text.charCodeAt(name))) name++;
  if (name === start || text.charCodeAt(name) !== 32) return start;
  let bar = name;
  while (bar - name < 40 && text.charCodeAt(bar) === 32) bar++;
  return text.charCodeAt(bar) === 124 && text.charCodeAt(bar + 1) === 32 ? bar + 2 : start;
}

function unwrap(line: string): Unwrapped {
  const whole = line.length > HEAD_CHARS ? line.slice(0, HEAD_CHARS) : line;
  const pasted = pasteWrapperEnd(whole, 0);
  const head = pasted === 0 ? whole : whole.slice(pasted);
  const docker = head.startsWith('{"log":"') ? dockerJsonLine(head) : undefined;
  if (docker !== undefined) return { ...unwrap(docker), wrapper: 'docker-json' };
  const pod = POD_PREFIX.exec(head);
  if (pod) return { text: head.slice(pod[0].length), wrapper: 'pod-prefix', unit: undefined };
  const cri = CRI_PREFIX.exec(head);
  if (cri) return { text: head.slice(cri[0].length), wrapper: 'cri', unit: undefined };
  const journald = JOURNALD_PREFIX.exec(head);
  if (journald) return { text: head.slice(journald[0].length), wrapper: 'journald', unit: journald[2]?.toLowerCase() };
  const syslog = SYSLOG_RFC3339.exec(head);
  if (syslog) return { text: head.slice(syslog[0].length), wrapper: 'journald', unit: (syslog[1] ?? syslog[2])?.toLowerCase() };
  const svlogd = SVLOGD.exec(head);
  if (svlogd) return { text: head.slice(svlogd[0].length), wrapper: 'none', unit: undefined };
  if (head.startsWith(GLOG_BEFORE_FLAGS)) return { text: head.slice(GLOG_BEFORE_FLAGS.length), wrapper: 'none', unit: undefined };
  return { text: head, wrapper: 'none', unit: undefined };
}

function structure(base: Unwrapped, format: LineFormat, level: LineLevel | undefined, message: string, extra: Partial<LineStructure> = {}): LineStructure {
  return { format, wrapper: base.wrapper, unit: base.unit, level, sourceFile: undefined, logger: undefined, event: undefined, message, ...extra };
}

function fromJson(base: Unwrapped): LineStructure | undefined {
  const level = JSON_LEVEL.exec(base.text);
  if (!level) return undefined;
  const logger = JSON_LOGGER.exec(base.text)?.[1];
  return structure(base, 'json', levelOf(level[1] ?? ''), base.text, { logger });
}

function fromEvent(base: Unwrapped): LineStructure | undefined {
  const event = EVENT.exec(base.text);
  if (!event) return undefined;
  const count = EVENT_COUNT.exec(base.text)?.[1];
  const type = event[1] === 'Warning' ? 'Warning' : 'Normal';
  return structure(base, 'event', type === 'Warning' ? 'warning' : 'info', event[3] ?? '', {
    event: { type, reason: event[2] ?? '', count: count === undefined ? undefined : Number(count) },
  });
}

/**
 * An event as a controller's own log records it when it emits one (client-go tools/record event.go, structured klog:
 * `"Event occurred" object="node02" kind="Node" type="Normal" reason="CIDRNotAvailable" message="…"`).
 */
function recordedEvent(base: Unwrapped, message: string, sourceFile: string | undefined): LineStructure | undefined {
  if (!message.startsWith(RECORDED_EVENT)) return undefined;
  const type = RECORDED_TYPE.exec(message)?.[1];
  const reason = RECORDED_REASON.exec(message)?.[1];
  if (type === undefined || reason === undefined) return undefined;
  const warning = type === 'Warning';
  return structure(base, 'event', warning ? 'warning' : 'info', RECORDED_MESSAGE.exec(message)?.[1] ?? message, { sourceFile, event: { type: warning ? 'Warning' : 'Normal', reason, count: undefined } });
}

/**
 * A logfmt line's message with the fields logged after it: logrus puts what failed in `msg` and why in the fields
 * (`WithError` writes `error="…"`), e.g. k3s's `msg="Remotedialer proxy error" error="websocket: bad handshake"`.
 */
function logfmtMessage(text: string): string {
  const msg = LOGFMT_MSG.exec(text);
  if (!msg) return text;
  return `${msg[1] ?? ''}${text.slice(msg.index + msg[0].length)}`;
}

export function readLineStructure(line: string): LineStructure {
  const base = unwrap(line);
  const { text } = base;
  const calico = CALICO.exec(text);
  if (calico) {
    const file = calico[2];
    return structure(base, 'calico', levelOf(calico[1] ?? ''), text.slice(calico[0].length), { sourceFile: file === undefined || file.endsWith('<nil>') ? undefined : file });
  }
  const klog = KLOG.exec(text);
  if (klog) {
    const message = text.slice(klog[0].length);
    return recordedEvent(base, message, klog[2]) ?? structure(base, 'klog', levelOf(klog[1] ?? ''), message, { sourceFile: klog[2] });
  }
  if (text.startsWith('{') || TIMESTAMPED_JSON.test(text)) {
    const json = fromJson(base);
    if (json) return json;
  }
  const logfmt = LOGFMT_LEVEL.exec(text);
  if (logfmt) return structure(base, 'logfmt', levelOf(logfmt[1] ?? ''), logfmtMessage(text));
  const zap = ZAP_CONSOLE.exec(text);
  if (zap) return structure(base, 'zap-console', levelOf(zap[1] ?? ''), text.slice(zap[0].length), { logger: zap[2] });
  const multus = MULTUS.exec(text);
  if (multus) return structure(base, 'multus', MULTUS_LEVELS[multus[1] ?? ''], text.slice(multus[0].length));
  const tty = TTY.exec(text);
  if (tty) return structure(base, 'logrus-tty', levelOf(tty[1] ?? ''), text.slice(tty[0].length));
  if (BIRD.test(text)) {
    const message = text.slice(6);
    return structure(base, 'bird', birdLevel(message), message);
  }
  const coredns = COREDNS.exec(text);
  if (coredns) return structure(base, 'coredns', levelOf(coredns[1] ?? ''), text.slice(coredns[0].length));
  const birdFile = BIRD_FILE.exec(text);
  if (birdFile) return structure(base, 'bird', BIRD_CLASS_LEVELS[birdFile[1] ?? ''], text.slice(birdFile[0].length));
  if (GO_CRASH.test(text)) return structure(base, 'go-crash', 'panic', text);
  if (CLI_ERROR.test(text)) return structure(base, 'plain', 'error', text.slice(7));
  if (ANSIBLE_FAILED.test(text)) return structure(base, 'installer', 'error', text);
  const kubectlError = KUBECTL_SERVER_ERROR.exec(text);
  if (kubectlError) return structure(base, 'plain', 'error', text.slice(kubectlError[0].length));
  if (SYSTEMCTL_JOB_FAILED.test(text)) return structure(base, 'service-down', 'fatal', text);
  if (base.unit === 'systemd' && (SYSTEMD_SERVICE_DOWN.test(text) || SYSTEMD_UNIT_DOWN.test(text))) return structure(base, 'service-down', 'fatal', text);
  if (RUNSV_FATAL.test(text) || INSPECT_SERVICE_DOWN.test(text)) return structure(base, 'service-down', 'fatal', text);
  if (CONNECTIVITY_FAILED.test(text)) return structure(base, 'connectivity-test', 'error', text);
  const levelWord = LEVEL_WORD.exec(text);
  // Only behind a journald or syslog prefix, where the unit says which component wrote it.
  if (levelWord && base.unit !== undefined) return structure(base, 'plain', levelOf(levelWord[1] ?? ''), text.slice(levelWord[0].length));
  const shell = SHELL_TOOL_ERROR.exec(text) ?? SCRIPT_ERROR.exec(text);
  if (shell) return structure(base, 'shell', 'error', text, { sourceFile: shell[1] });
  const powershell = POWERSHELL_ERROR.exec(text);
  if (powershell) return structure(base, 'powershell', 'error', powershell[2] ?? '', { sourceFile: powershell[1] });
  const podRow = POD_ROW.exec(text);
  if (podRow && FAILED_POD_STATUS.test(podRow[2] ?? '')) return structure(base, 'pod-row', 'error', text, { logger: podRow[1] });
  const nodeRow = NODE_ROW.exec(text);
  if (nodeRow && nodeRow[2] !== 'Ready') return structure(base, 'node-row', 'error', text, { logger: nodeRow[1] });
  const condition = NODE_CONDITION_ROW.exec(text);
  if (condition) {
    const [, type = '', status = '', reason = '', said = ''] = condition;
    return structure(base, 'node-condition', failingCondition(type, status) ? 'error' : 'info', `${type} ${status}: ${reason}: ${said}`, { logger: type });
  }
  const tool = NODE_TOOL.exec(text);
  if (tool) return structure(base, 'node-tool', NODE_TOOL_FAILURE.test(tool[2] ?? '') ? 'error' : undefined, text);
  return fromEvent(base) ?? structure(base, 'plain', undefined, text);
}
