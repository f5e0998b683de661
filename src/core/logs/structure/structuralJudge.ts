/**
 * The second tier of the log scanner: a line no catalog wording names is still a finding when its structure says it
 * reports a failure of pod networking — an error, fatal or panic line of a Calico component, tigera-operator, BIRD
 * or the CNI, a Warning event, or a kubelet/containerd/RKE2 error line about the network, sandboxes, the supervisor
 * or networking images — and its family comes from where it was logged. Benign wordings (benignLines.ts) are
 * applied before this tier by the matcher.
 */
import { familyFinding, type FamilyId } from './failureFamilies';
import { causeFamily, isAboutPodNetworking, topicFamily } from './lineTopics';
import { isFailureLevel, readLineStructure, type LineStructure } from './lineStructure';
import { familyOfCalicoFile } from './sourceFamilies';
import type { LogSignature } from '../logSignature';

/**
 * BIRD prints no level: these words are how its failures read — a BGP notification sent (`Error: …`) or received
 * (`Received: …`, e.g. Bad peer AS, Hold timer expired) by proto/bgp/bgp.c bgp_log_error, socket errors of
 * sysdep/unix/io.c, a connection from an address no peer is configured for (`Unexpected connect from unknown address`,
 * bgp.c), configuration errors (`<file>, line N: …`, conf/cf-lex.l cf_error).
 */
const BIRD_FAILURE = /Socket error|Error: |Received: |[Ee]rror in|[Cc]annot |[Cc]ouldn't |failed|Unexpected connect from unknown address|\.cfg, line \d+: /;

/**
 * Calico logs many recoverable failures at WARNING ("Failed to connect to typha endpoint … Will try another",
 * "iptables save failed error=…"): a warning counts when its message states a failure — it opens with a failure
 * verb, or reports that something failed with the error attached — and the error is not `<nil>`.
 */
const FAILURE_STATEMENT = /^([Ff]ailed|[Uu]nable|[Ee]rror|[Cc]annot|[Cc]ould not|[Cc]ouldn't|Problem|Retrying)\b|\b[Ff]ailed\b.{0,120} error=|\bfailed: /;
const NIL_ERROR = /\berror=<nil>/;

/** What the scanner knows of the log so far, which the structure of one line may need. */
export interface StructuralContext {
  /** The log has shown Calico-format lines, so a bare Go panic is Calico's. */
  readonly calicoSeen: boolean;
}

export interface StructuralVerdict {
  readonly signature: LogSignature;
  readonly structure: LineStructure;
  readonly family: FamilyId;
  /**
   * A warning that says the component will retry ("Failed to program iptables, will retry", "Retrying..."): it counts
   * unless a later line says the retry succeeded (RETRY_SUCCEEDED).
   */
  readonly retrying: boolean;
}

/** A warning about an attempt that will be made again. */
const RETRYING = /\bwill retry\b|^Retrying\b/;

/**
 * The line that ends a retry episode: Felix's iptables/nftables table logs it when an update that failed and was
 * retried went through (felix/iptables/table.go: "Succeeded after retry."; after the last retry it panics instead).
 */
export const RETRY_SUCCEEDED = 'Succeeded after retry';

function isCalicoLine(structure: LineStructure): boolean {
  return structure.format === 'calico' || structure.format === 'bird';
}

function isOperatorLine(structure: LineStructure): boolean {
  return structure.format === 'json' && structure.logger !== undefined;
}

/** Whether the line reports a failure by its structure, before asking what it is about. */
function reportsFailure(structure: LineStructure): boolean {
  if (structure.format === 'bird') return BIRD_FAILURE.test(structure.message);
  if (structure.format === 'event') return structure.event?.type === 'Warning';
  if (structure.format === 'logfmt' && structure.level === 'warning') return statesFailure(structure.message);
  if (structure.format === 'calico' && structure.level === 'warning') return statesFailure(structure.message);
  return isFailureLevel(structure.level);
}

function statesFailure(message: string): boolean {
  if (NIL_ERROR.test(message)) return false;
  return FAILURE_STATEMENT.test(message) || (causeFamily(message) === 'datastore-access' && message.includes('error='));
}

/**
 * Event reasons that are about a pod's network, its probes, restarts or images whatever the message says (a
 * `kubectl describe pod` Events table names the pod only in its header): kubelet's event reasons
 * (pkg/kubelet/events/event.go).
 */
const POD_FAILURE_REASONS: ReadonlySet<string> = new Set(['FailedCreatePodSandBox', 'FailedKillPod', 'NetworkNotReady', 'Unhealthy', 'BackOff', 'Failed', 'ErrImagePull', 'ImagePullBackOff', 'InspectFailed', 'ErrImageNeverPull']);

/** journald or syslog units that are Calico's or Canal's own processes. */
const NETWORKING_UNITS = /^(confd|felix|bird6?|calico[\w-]*|typha|calico-typha|tigera[\w-]*|flanneld|kube-flannel)$/;

function belongsToPodNetworking(structure: LineStructure, context: StructuralContext): boolean {
  if (structure.format === 'event' && POD_FAILURE_REASONS.has(structure.event?.reason ?? '')) return true;
  if (structure.unit !== undefined && NETWORKING_UNITS.test(structure.unit)) return true;
  // The dataplane's own tools (modprobe, iptables, ipset, nft) fail on the node only for networking.
  if (isCalicoLine(structure) || isOperatorLine(structure) || structure.format === 'node-tool') return true;
  if (structure.format === 'go-crash') return context.calicoSeen || isAboutPodNetworking(structure.message);
  return isAboutPodNetworking(structure.message);
}

function familyOf(structure: LineStructure): FamilyId {
  const { message } = structure;
  if (structure.format === 'go-crash') return 'crash';
  const cause = causeFamily(message);
  if (cause) return cause;
  if (structure.format === 'bird') return 'bgp';
  if (structure.format === 'node-tool') return /^(modprobe|insmod)/.test(message) ? 'kernel-module' : 'dataplane';
  if (structure.format === 'calico' && structure.sourceFile !== undefined) {
    const byFile = familyOfCalicoFile(structure.sourceFile);
    if (byFile) return byFile;
  }
  if (isOperatorLine(structure)) return 'operator';
  if (structure.event?.reason === 'BackOff' && !/pulling image/i.test(message)) return 'crash';
  const topic = topicFamily(message);
  if (topic) return topic;
  return isCalicoLine(structure) ? 'calico-other' : 'network-other';
}

/** The family finding of a line, or undefined when its structure does not report a pod-networking failure. */
export function judgeStructure(line: string, context: StructuralContext): StructuralVerdict | undefined {
  const structure = readLineStructure(line);
  if (!reportsFailure(structure) || !belongsToPodNetworking(structure, context)) return undefined;
  const family = familyOf(structure);
  const fatal = structure.level === 'fatal' || structure.level === 'panic';
  const retrying = structure.level === 'warning' && RETRYING.test(structure.message);
  return { signature: familyFinding(family, fatal), structure, family, retrying };
}
