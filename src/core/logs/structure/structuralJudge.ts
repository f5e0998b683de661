/**
 * The second tier of the log scanner: a line no catalog wording names is still a finding when its structure says it
 * reports a failure of pod networking — an error, fatal or panic line of a Calico component, tigera-operator, BIRD
 * or the CNI, a Warning event, or a kubelet/containerd/RKE2 error line about the network, sandboxes, the supervisor
 * or networking images — and its family comes from where it was logged. Formats around the cluster say the same
 * in their own ways (flannel's files, CoreDNS, CNI installers' shell errors, `kubectl get pods` rows, an installer's
 * Ansible tasks, a helm-install job's log). Benign wordings (benignLines.ts) are applied before this tier by the
 * matcher.
 */
import { familyFinding, STARTUP_GRACE_SECONDS, type FamilyId } from './failureFamilies';
import { causeFamily, isAboutPodNetworking, isAgentTunnelLine, topicFamily } from './lineTopics';
import { isFailureLevel, readLineStructure, type LineFormat, type LineStructure } from './lineStructure';
import { durationSeconds } from '../logTimestamp';
import { familyOfCalicoFile, familyOfFlannelFile, familyOfKlogFile, isFlannelInfoFailure, isFlannelLine, isPodNetworkingKlogFile } from './sourceFamilies';
import type { LogSignature } from '../logSignature';

/**
 * Where BIRD's level is not known (a message no template of its sources fits), these words are how its failures read — a BGP notification sent (`Error: …`) or received
 * (`Received: …`, e.g. Bad peer AS, Hold timer expired) by proto/bgp/bgp.c bgp_log_error, socket errors of
 * sysdep/unix/io.c, a connection from an address no peer is configured for (`Unexpected connect from unknown address`,
 * bgp.c), configuration errors (`<file>, line N: …`, conf/cf-lex.l cf_error). Not BIRD's `Netlink: …` replies
 * (sysdep/linux/netlink.c): the kernel answers "File exists" or "No such process" when BIRD races it for a route, in
 * healthy operation too.
 */
const BIRD_FAILURE = /Socket error|Error: |Received: |[Ee]rror in|[Cc]annot |[Cc]ouldn't |failed|Unexpected connect from unknown address|\.cfg, line \d+: /;

/**
 * Calico logs many recoverable failures at WARNING ("Failed to connect to typha endpoint … Will try another",
 * "iptables save failed error=…"): a warning counts when its message states a failure — it opens with a failure
 * verb, or reports that something failed with the error attached — and the error is not `<nil>`.
 */
const FAILURE_STATEMENT = /^([Ff]ailed|[Uu]nable|[Ee]rror|[Cc]annot|[Cc]ould not|[Cc]ouldn't|Problem|Retrying)\b|\b[Ff]ailed\b.{0,120} error=|\bfailed: /;
const NIL_ERROR = /\berror=<nil>/;
/**
 * client-go's reflector failing to list or watch what a controller caches (tools/cache/reflector.go: "%s: failed to
 * list %v: %v", "Failed to watch"): a failure whatever level the program that embeds client-go gives it (CoreDNS
 * relays klog at INFO).
 */
const REFLECTOR_FAILURE = /\b(?:[Ff]ailed to list|[Ff]ailed to watch) \*?[\w.]+(?:\/[\w.]+)?:/;
/**
 * A Go network error: the connection itself failed (net.OpError: dial or read timed out, refused, unroutable). The
 * errno texts are Linux's as Go's syscall package prints them (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
 * ECONNRESET); `i/o timeout` is Go's own deadline.
 */
const GO_NETWORK_ERROR = /i\/o timeout|connection refused|connection timed out|no route to host|network is unreachable|connection reset by peer/;
/** A warning carrying a Go network error in its error field (net.OpError, url.Error): the connection failed. */
const NETWORK_ERROR_FIELD = /\berror=.{0,200}(dial tcp|dial unix|connection refused|connection timed out|i\/o timeout|no route to host|connection reset by peer|context deadline exceeded)/;

/** What the scanner knows of the log so far, which the structure of one line may need. */
export interface StructuralContext {
  /** The log has shown Calico-format lines, so a bare Go panic is Calico's. */
  readonly calicoSeen: boolean;
  /** The log is a helm-install job's (the trace of its entry script, `+ helm_v3 …`), so helm's `Error:` is the job failing. */
  readonly helmJobSeen: boolean;
  /**
   * The kubelet has exited because kubeadm has not written its configuration yet (KUBELET_AWAITS_KUBEADM), so systemd
   * restarting kubelet.service is that wait, not a failure.
   */
  readonly kubeletAwaitsKubeadm?: boolean;
}

/**
 * A kubeadm node's kubelet before `kubeadm init` or `join` has written /var/lib/kubelet/config.yaml: it exits for the
 * missing file and systemd restarts it every 10 s — "the kubelet is now restarting every few seconds, as it waits in
 * a crashloop for kubeadm to tell it what to do" (kubernetes.io, Installing kubeadm; kubeadm's 10-kubeadm.conf
 * drop-in points `--config` at that file).
 */
export const KUBELET_AWAITS_KUBEADM = /failed to (?:load|read) [Kk]ubelet config file.{0,40}\/var\/lib\/kubelet\/config\.yaml.{0,200}no such file or directory/;
const KUBELET_UNIT = /\bkubelet\.service\b|Kubernetes Node Agent/;

export interface StructuralVerdict {
  readonly signature: LogSignature;
  readonly structure: LineStructure;
  readonly family: FamilyId;
  /**
   * A warning that says the component will retry ("Failed to program iptables, will retry", "Retrying..."): it counts
   * unless a later line says the retry succeeded (RETRY_SUCCEEDED). An installer's failed task too: it counts unless
   * the next line says its failure is ignored (INSTALLER_IGNORED).
   */
  readonly retrying: boolean;
}

/** A warning about an attempt that will be made again. */
const RETRYING = /\bwill retry\b|^Retrying\b/;

/** An Ansible task result of a task that ran `until` a condition, retrying (its `attempts` count). */
const ANSIBLE_RETRIED = /"attempts": \d/;

/**
 * The line that ends a retry episode: Felix's iptables/nftables table logs it when an update that failed and was
 * retried went through (felix/iptables/table.go: "Succeeded after retry."; after the last retry it panics instead).
 */
export const RETRY_SUCCEEDED = 'Succeeded after retry';

/**
 * Ansible's default callback prints this line right after a failed task whose failure the playbook ignores
 * (`ignore_errors`; lib/ansible/plugins/callback/default.py, v2_runner_on_failed): installers such as Kubespray probe
 * for Calico objects that way before creating them.
 */
export const INSTALLER_IGNORED = /^\s*\.\.\.ignoring\s*$/;

function isCalicoLine(structure: LineStructure): boolean {
  return structure.format === 'calico' || structure.format === 'bird';
}

function isOperatorLine(structure: LineStructure): boolean {
  return structure.format === 'json' && structure.logger !== undefined;
}

/** Whether the line reports a failure by its structure, before asking what it is about. */
function reportsFailure(structure: LineStructure): boolean {
  if (structure.format === 'bird') return isFailureLevel(structure.level) || BIRD_FAILURE.test(structure.message) || (structure.level === 'warning' && statesFailure(structure.message));
  // A controller's klog echoes the events it records right after its own error line, which is the finding; in an
  // events table the event is all there is.
  if (structure.format === 'event') return structure.event?.type === 'Warning' || (structure.sourceFile === undefined && FAILED_NODE_STATUSES.has(structure.event?.reason ?? ''));
  if (structure.format === 'logfmt' && structure.level === 'warning') return statesFailure(structure.message);
  if ((structure.format === 'coredns' || structure.format === 'zap-console') && structure.level === 'warning') return statesFailure(structure.message);
  // A pod row counts once the pod is older than a start-up (calico-kube-controllers restarts until calico-node is up).
  if (structure.format === 'pod-row') return podRowAgeSeconds(structure.message) >= STARTUP_GRACE_SECONDS;
  // A node NotReady for longer than a start-up (a joining node is NotReady until its CNI config is written).
  if (structure.format === 'node-row') return podRowAgeSeconds(structure.message) >= STARTUP_GRACE_SECONDS;
  if (REFLECTOR_FAILURE.test(structure.message) && !isFailureLevel(structure.level)) return causeFamily(structure.message) !== undefined;
  if (structure.format === 'calico' && structure.level === 'warning') return statesFailure(structure.message);
  if (structure.format === 'klog' && structure.level === 'warning' && isPodNetworkingKlogFile(structure.sourceFile ?? '')) return statesFailure(structure.message);
  if (isFlannelKlog(structure)) {
    if (structure.level === 'warning') return statesFailure(structure.message);
    if (structure.level === 'info') return isFlannelInfoFailure(structure.sourceFile ?? '', structure.message);
  }
  return isFailureLevel(structure.level);
}

function isFlannelKlog(structure: LineStructure): boolean {
  return structure.format === 'klog' && structure.sourceFile !== undefined && isFlannelLine(structure.sourceFile, structure.message);
}

function statesFailure(message: string): boolean {
  if (NIL_ERROR.test(message)) return false;
  return FAILURE_STATEMENT.test(message) || (causeFamily(message) === 'datastore-access' && message.includes('error=')) || NETWORK_ERROR_FIELD.test(message);
}

/**
 * The CNI's directories on the node, as an installer container sees them mounted (under /host) or not, and the files
 * Calico's install-cni.sh works with: the pod's service-account token it writes into the CNI kubeconfig and the
 * `calico.conf.tmp` it renders the config in (projectcalico/cni-plugin k8s-install/scripts/install-cni.sh, v1.4:
 * `SERVICEACCOUNT_TOKEN=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)`, `sed -i … calico.conf.tmp`).
 */
const CNI_PATHS = /\/opt\/cni\b|\/etc\/cni\b|\/cni\/net\.d\b|\/cni\/bin\b|\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/token\b|\bcalico\.conf\.tmp\b/;
/** Installer scripts of the CNI (Calico's install-cni.sh, flannel's, multus's). */
const NETWORKING_SCRIPT = /cni|calico|flannel|canal/i;
/**
 * Cilium's logrus field naming the subsystem that logged (cilium pkg/logging/logfields: LogSubsys = "subsys"): a
 * logfmt line carrying it is the Cilium agent's or operator's, pod networking beside or instead of Calico.
 */
const CILIUM_SUBSYS = /(?:^|\s)subsys=[\w-]+/;
/** Pods, and zap loggers, of pod networking: Calico, Canal/flannel, other CNIs and their installers, kube-proxy. */
const NETWORKING_POD = /calico|canal|flannel|tigera|typha|cni|multus|cilium|weave|kube-router|kube-ovn|antrea|kube-proxy/;

/**
 * CoreDNS failing to reach the API Service or its upstream servers through the pod network, or dying (its loop
 * detection stops it when the node's resolver forwards back to it).
 */
function corednsCannotServe(structure: LineStructure): boolean {
  const dying = structure.level === 'fatal' || structure.level === 'panic';
  return dying || GO_NETWORK_ERROR.test(structure.message) || structure.message.includes('no upstream host');
}

/** The AGE column of a `kubectl get pods` or `kubectl get nodes` row. */
function podRowAgeSeconds(row: string): number {
  const age = /\s(\d+[smhdy][\dsmhdy]*)(?:\s|$)/.exec(row.replace(/\(\S+ ago\)/, ''));
  return age ? durationSeconds(age[1]) : 0;
}

/**
 * Event reasons that are about a pod's network, its probes, restarts or images whatever the message says (a
 * `kubectl describe pod` Events table names the pod only in its header): kubelet's event reasons
 * (pkg/kubelet/events/event.go).
 */
const POD_FAILURE_REASONS: ReadonlySet<string> = new Set(['FailedCreatePodSandBox', 'FailedKillPod', 'NetworkNotReady', 'Unhealthy', 'BackOff', 'Failed', 'ErrImagePull', 'ImagePullBackOff', 'InspectFailed', 'ErrImageNeverPull']);

/**
 * Node statuses Kubernetes' node IPAM records as Normal events although the node gets no pod CIDR
 * (pkg/controller/nodeipam/ipam: nodeutil.RecordNodeStatusChange(…, "CIDRNotAvailable"), "CIDRAssignmentFailed").
 */
const FAILED_NODE_STATUSES: ReadonlySet<string> = new Set(['CIDRNotAvailable', 'CIDRAssignmentFailed']);

/** journald or syslog units that are Calico's or Canal's own processes. */
const NETWORKING_UNITS = /^(confd|felix|bird6?|calico[\w-]*|typha|calico-typha|tigera[\w-]*|flanneld|kube-flannel)$/;

/**
 * Causes that are in scope whichever component logged them: a node or pod that cannot reach the API server, an
 * agent that cannot reach or use its RKE2/K3s server (the corpus rules: API reachability and the supervisor).
 */
const IN_SCOPE_CAUSES: ReadonlySet<FamilyId> = new Set(['api-unreachable', 'rke2-supervisor', 'pod-egress']);

/**
 * Go's runtime prints `fatal error: …` (runtime.throw: concurrent map access, out of memory, deadlock) only as the
 * process dies, and nothing recovers from it; every process of this stack (calico-node, Typha, the CNI plugin,
 * containerd, kubelet, rke2/k3s) is a Go program, so such a line is a crash to report whoever printed it. A bare
 * `panic:` can be a recovered panic's text quoted elsewhere, so it still needs the log to be Calico's or the words.
 */
const GO_RUNTIME_FATAL = /^fatal error: /;

/** journald units of the node's own stack: a Go crash of any of them takes pod networking on the node down with it. */
const NODE_STACK_UNITS = /^(rke2|k3s|containerd|kubelet|kube-proxy|crio)$/;

/**
 * An error line quoting a kernel-module tool's own failure (`… exit status 3: modprobe: ERROR: could not open moddep
 * file …`, kube-proxy and the iptables it runs; kmod's `FATAL:`/`ERROR:` prefixes): the node lacks a module the
 * dataplane needs. A warning that a module did not load is not enough (built-in modules do not load).
 */
const QUOTED_MODULE_FAILURE = /\bmodprobe: (FATAL|ERROR)\b|\binsmod: (ERROR|can't)/;

/**
 * A container whose spec refers to a Secret, ConfigMap or key that does not exist (kubelet kuberuntime
 * generateContainerConfig: `secret "x" not found`, `configmap "x" not found`, `couldn't find key x in …`; reason
 * Failed, CreateContainerConfigError): it is that workload's configuration, about pod networking only when the object
 * is (calico-config, canal-config, a CNI's secret).
 */
const MISSING_CONFIG_REFERENCE = /(?:^|\s)Error: (?:(?:secret|configmap|configMap) "[^"]{1,253}" not found|couldn't find key )/;

/**
 * A Kubernetes component that gives up at start (k8s.io/component-base cli/run.go: klog.ErrorS(err, "command failed")
 * before it exits): an unknown flag, a config or certificate file it cannot read.
 */
function nodeComponentCannotStart(structure: LineStructure): boolean {
  return structure.format === 'klog' && structure.sourceFile === 'run.go' && structure.message.startsWith('"command failed"') && NODE_STACK_UNITS.test(structure.unit ?? '');
}

/**
 * Formats whose level is the logger's own field, where `fatal` means the logger ends the process: klog's Fatal
 * (`F0408 …`) flushes and calls os.Exit(255) (k8s.io/klog/v2 klog.go), logrus' Fatal exits with 1 (`level=fatal`,
 * sirupsen/logrus logger.go), zap's Fatal calls os.Exit(1) after writing (`"level":"fatal"`, go.uber.org/zap), and
 * Calico's `[FATAL]` is logrus'. On a node that runs pod networking, whichever program exits so — an agent, a CNI
 * daemon, a controller, kubelet — takes something the pods need down with it and restarts (CrashLoopBackOff).
 */
const LEVELLED_FORMATS: ReadonlySet<LineFormat> = new Set(['calico', 'klog', 'logfmt', 'logrus-tty', 'json', 'zap-console', 'multus']);

function processExits(structure: LineStructure): boolean {
  return structure.level === 'fatal' && LEVELLED_FORMATS.has(structure.format);
}

/**
 * A request refused because it came without credentials the API server accepts: the apiserver's authorizer names the
 * user `system:anonymous` in its Forbidden message (k8s.io/apiserver endpoints/handlers/responsewriters: `… is
 * forbidden: User "system:anonymous" cannot …`), and 401 answers read `Unauthorized`.
 */
const REFUSED_CREDENTIALS = /User \\?"system:anonymous\\?"|\bUnauthorized\b/;

/**
 * A K3s/RKE2 node that can never join as it is configured: the server refuses an agent whose node password does not
 * match the one it stored when the node first joined (k3s pkg/nodepassword, and before it pkg/server: "Node password
 * validation failed for '%s', using passwd file '%s'" / "… for [%s]": a reinstalled node or a reused hostname), or
 * the agent's join token pins another cluster's CA (k3s pkg/clientaccess/token.go: "token CA hash does not match the
 * Cluster CA certificate hash: %s != %s": a token of a recreated server). No retry fixes either.
 */
const AGENT_REJECTED = /Node password validation failed for ['[]|token CA hash does not match the Cluster CA certificate hash/;

/** A node component's own request refused for its credentials: the node cannot register, report status or watch. */
function nodeCredentialsRefused(structure: LineStructure): boolean {
  if (!isFailureLevel(structure.level)) return false;
  return (NODE_STACK_UNITS.test(structure.unit ?? '') && REFUSED_CREDENTIALS.test(structure.message)) || AGENT_REJECTED.test(structure.message);
}

/**
 * CRI-O sets up no network but the pods' (through ocicni, whose "Error adding network: %v" and "Error deleting network:
 * %v" come from the kubelet's CNI driver it was forked from): its errors that speak of a network are the CNI's.
 */
function isCrioNetworkLine(structure: LineStructure): boolean {
  return /^cri-?o$/.test(structure.unit ?? '') && /\b[Nn]etwork\b/.test(structure.message);
}

function belongsToPodNetworking(structure: LineStructure, context: StructuralContext): boolean {
  if (nodeComponentCannotStart(structure) || processExits(structure) || nodeCredentialsRefused(structure) || isCrioNetworkLine(structure)) return true;
  if (structure.format === 'event' && MISSING_CONFIG_REFERENCE.test(structure.message)) return isAboutPodNetworking(structure.message);
  if (structure.format === 'event' && (POD_FAILURE_REASONS.has(structure.event?.reason ?? '') || FAILED_NODE_STATUSES.has(structure.event?.reason ?? ''))) return true;
  if (structure.unit !== undefined && NETWORKING_UNITS.test(structure.unit)) return true;
  // The dataplane's own tools (modprobe, iptables, ipset, nft) fail on the node only for networking.
  if (isCalicoLine(structure) || isOperatorLine(structure) || structure.format === 'node-tool' || structure.format === 'service-down') return true;
  if (structure.format === 'go-crash') {
    return GO_RUNTIME_FATAL.test(structure.message) || NODE_STACK_UNITS.test(structure.unit ?? '') || context.calicoSeen || isAboutPodNetworking(structure.message);
  }
  if (isFailureLevel(structure.level) && QUOTED_MODULE_FAILURE.test(structure.message)) return true;
  if (isFlannelKlog(structure)) return true;
  // An installer's shell failing on the CNI directories, or a CNI installer script failing.
  if (structure.format === 'shell') return CNI_PATHS.test(structure.message) || NETWORKING_SCRIPT.test(structure.sourceFile ?? '');
  if (structure.format === 'pod-row') return NETWORKING_POD.test(structure.logger ?? '');
  if (structure.format === 'powershell' || structure.format === 'node-condition' || structure.format === 'node-row' || structure.format === 'connectivity-test' || structure.format === 'multus') return true;
  if (structure.format === 'zap-console' && NETWORKING_POD.test(structure.logger ?? '')) return true;
  if (structure.format === 'logfmt' && CILIUM_SUBSYS.test(structure.message)) return true;
  if (context.helmJobSeen && structure.format === 'plain' && structure.level === 'error') return true;
  if (structure.format === 'coredns' && corednsCannotServe(structure)) return true;
  // An installer waiting in vain for the node's stack or pod networking.
  if (structure.format === 'installer') return isAboutPodNetworking(structure.message) || /\b(kubelet|containerd|rke2|k3s)\b/.test(structure.message);
  if (structure.format === 'klog' && structure.sourceFile !== undefined && isPodNetworkingKlogFile(structure.sourceFile)) return true;
  const cause = causeFamily(structure.message);
  if (cause !== undefined && IN_SCOPE_CAUSES.has(cause)) return true;
  if (isAgentTunnelLine(structure.unit, structure.message)) return true;
  return isAboutPodNetworking(structure.message);
}

/** PowerShell commands that program a Windows node's dataplane: HNS/HCN networks and endpoints, VM switches, adapters. */
const WINDOWS_DATAPLANE_COMMAND = /Hns|HNS|Hcn|HCN|VMSwitch|NetAdapter|NetIPAddress|NetRoute/;

function familyOf(structure: LineStructure, context: StructuralContext): FamilyId {
  const { message } = structure;
  if (structure.format === 'go-crash' || structure.format === 'service-down' || nodeComponentCannotStart(structure)) return 'crash';
  if (structure.format === 'shell') return 'cni';
  if (structure.format === 'powershell') return WINDOWS_DATAPLANE_COMMAND.test(structure.sourceFile ?? '') ? 'dataplane' : 'windows-script';
  if (structure.format === 'pod-row') return /Image|ErrImage/.test(structure.message) ? 'images' : 'crash';
  if (structure.format === 'node-condition') return causeFamily(message) ?? topicFamily(message) ?? 'node-condition';
  if (structure.format === 'node-row') return 'node-condition';
  if (structure.format === 'connectivity-test') return 'connectivity';
  if (context.helmJobSeen && structure.format === 'plain') return 'helm-job';
  if (nodeCredentialsRefused(structure)) return 'node-credentials';
  if (isCrioNetworkLine(structure) && causeFamily(message) === undefined) return 'cni';
  const cause = causeFamily(message) ?? (isAgentTunnelLine(structure.unit, message) ? 'rke2-supervisor' : undefined);
  if (cause) return cause;
  if (structure.format === 'bird') return 'bgp';
  if (structure.format === 'node-tool') return /^(modprobe|insmod)/.test(message) ? 'kernel-module' : 'dataplane';
  if (structure.format === 'calico' && structure.sourceFile !== undefined) {
    const byFile = familyOfCalicoFile(structure.sourceFile);
    if (byFile) return byFile;
  }
  if (isOperatorLine(structure)) return 'operator';
  if (structure.event?.reason === 'BackOff' && !/pulling image/i.test(message)) return 'crash';
  const topic = topicFamily(message) ?? (structure.format === 'zap-console' ? topicFamily(structure.logger ?? '') : undefined);
  if (topic) return topic;
  if (structure.format === 'klog' && structure.sourceFile !== undefined) {
    const byFile = familyOfKlogFile(structure.sourceFile) ?? (isFlannelKlog(structure) ? familyOfFlannelFile(structure.sourceFile) : undefined);
    if (byFile) return byFile;
  }
  if (processExits(structure)) return 'crash';
  return isCalicoLine(structure) ? 'calico-other' : 'network-other';
}

/** The family finding of a line, or undefined when its structure does not report a pod-networking failure. */
export function judgeStructure(line: string, context: StructuralContext): StructuralVerdict | undefined {
  const structure = readLineStructure(line);
  if (!reportsFailure(structure) || !belongsToPodNetworking(structure, context)) return undefined;
  if (structure.format === 'service-down' && context.kubeletAwaitsKubeadm === true && KUBELET_UNIT.test(structure.message)) return undefined;
  const family = familyOf(structure, context);
  const fatal = structure.level === 'fatal' || structure.level === 'panic';
  // An installer's failed one-shot task is held like a retry: the next line may say the playbook ignores it. A task
  // that retried (`until`: Ansible adds "attempts" to its result) waited in vain for something, ignored or not.
  const retrying = (structure.level === 'warning' && RETRYING.test(structure.message)) || (structure.format === 'installer' && !ANSIBLE_RETRIED.test(structure.message));
  return { signature: familyFinding(family, fatal), structure, family, retrying };
}
