import { isNameCode, pasteWrapperEnd, POD_PREFIX } from './lineStructure';
import { FLANNEL_MESSAGE_TRIGGERS, isPodNetworkingKlogFile } from './sourceFamilies';

/**
 * Literals that every line of a failure level contains in one of the formats lineStructure.ts reads, so the scanner's
 * one multi-literal search also finds the lines the catalog has no wording for. Each is at least the search's anchor
 * length (8), so the search still skips most of a log without looking at it.
 */
export const STRUCTURAL_TRIGGERS: readonly string[] = [
  // Calico: [LEVEL][pid]
  '[ERROR][', '[FATAL][', '[PANIC][', '[WARNING][',
  // logrus text
  'level=error', 'level=fatal', 'level=panic',
  // zap JSON (tigera-operator)
  '"level":"error"', '"level":"fatal"', '"level":"panic"', '"level":"dpanic"',
  // Kubernetes events (kubectl get events, kubectl describe); a Normal row (its padded column) is read only to end
  // the multi-line message of the Warning row above it
  'Warning ', 'Normal  ',
  'fatal error: ',
  // BIRD's own log file (sysdep/unix/log.c class names)
  '<ERR> ', '<WARN> ', '<RMT> ', '<AUTH> ', '<FATAL> ', '<BUG> ',
  // systemd about a service of the node's stack (src/core/service.c, job.c)
  '.service: ', 'Failed to start ', 'operation timed out. Terminating', 'entered failed state', '.service failed.', 'Dependency failed for ',
  // runit's runsv inside calico-node
  ': fatal: ',
  // CoreDNS's failure levels, and client-go's reflector failures whatever level their program logs them at
  '[ERROR] plugin/', '[FATAL] plugin/', '[WARNING] plugin/', 'ailed to list *', 'ailed to watch *',
  // a helm-install job's script trace (the log is a helm job's; see the scanner)
  '+ helm_v3 ', '+ helm_v2 ', 'helm_update ',
  // a shell failing on the CNI directories, an installer script's bash errors
  '/opt/cni/', '/etc/cni/', '.sh: line ', 'serviceaccount/token', 'calico.conf.tmp',
  // kubectl get nodes rows of a node that is not Ready
  'NotReady',
  // kubectl get pods rows whose containers cannot run
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'RunContainerError', 'CreateContainerConfigError', 'CreateContainerError', 'ContainerCannotRun', 'InvalidImageName',
  // PowerShell errors of Windows networking commands (HNS/HCN)
  'HnsRequest : ', 'HnsNetwork : ', 'HNSNetwork : ', 'HnsEndpoint : ', 'HNSEndpoint : ', 'HnsPolicyList : ', 'HcnNetwork : ', 'VMSwitch : ',
  // Multus' and whereabouts' logger: `<RFC3339> [error] …`
  '[error] ', '[panic] ',
  // zap's console encoder: an error, a warning
  '\terror\t', '\twarn\t', 'Z     error   ', 'Z     warn    ',
  // systemd's older wordings; an installer's failed Ansible task
  'holdoff time over', ']: FAILED! => ', ']: UNREACHABLE! => ', '[ERROR] ',
  // kubectl on an error answer; systemctl failing to start a unit
  'Error from server', '.service failed because',
  // systemctl status: a unit's header and its failed or restarting state (read in the scanner)
  '.service - ', 'Active: failed', 'Active: activating (auto-restart)',
  // node IPAM's node statuses, recorded as Normal events (see structuralJudge.ts)
  'CIDRNotAvailable', 'CIDRAssignmentFailed',
  // microk8s inspect finding a daemon of its snap down
  'FAIL:  Service ',
  // connectivity tests: curl's exit message and verbose connect failures, ping's summary, netcat, telnet
  'curl: (6) ', 'curl: (7) ', 'curl: (28) ', 'curl: (35) ', 'curl: (52) ', 'curl: (56) ', 'Failed to connect to ', '* connect to ', 'packets transmitted, 0 ', 'nc: connect to ', 'telnet: Unable', 'telnet: connect to',
  // Ansible saying the failed task before was ignored (its default callback)
  '...ignoring',
  // glog's prefix on lines logged before flags are parsed (golang/glog output())
  'before flag.Parse: ',
  // kubectl describe node: the reasons of failing conditions (kubelet pkg/kubelet/nodestatus/setters.go; the node
  // lifecycle controller's NodeStatusUnknown/NeverUpdated; the route controller's NoRouteCreated)
  'KubeletNotReady', 'NodeStatusUnknown', 'NodeStatusNeverUpdated', 'KubeletHasInsufficient', 'KubeletHasDiskPressure', 'NoRouteCreated',
  // flannel's warnings and failures logged at INFO, which carry no failure marker of their own
  ...FLANNEL_MESSAGE_TRIGGERS,
];

/**
 * Formats that mark a failure only at the start of a line (after a CRI or journald prefix): klog's severity letter,
 * logrus on a terminal, `Error: ` of a command-line tool, BIRD, a Go panic. Their markers are too short for the
 * literal search to skip text quickly, so the scanner looks at each line's start instead (one pass it makes anyway
 * to count lines); this is the synthetic trigger it hands the matcher for such a line.
 */
export const LINE_START_TRIGGER = '\u0000line-start';

const LINE_START_MARKERS = ['ERRO[', 'FATA[', 'PANI[', 'Error: ', 'ERROR ', 'FATAL ', 'PANIC ', 'bird: ', 'panic: ', 'modprobe: ', 'insmod: ', 'iptables', 'ip6tables', 'ipset v', 'nft: '];

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `[pod container] ` or `[pod/name/container] ` before a line (POD_PREFIX in lineStructure.ts), matched in place. */
const POD_PREFIX_AT = new RegExp(POD_PREFIX.source.slice(1), 'y');

/** Where the content of a line starts, past a paste's wrapper, a /var/log/pods CRI prefix, a journald prefix or a pod prefix. */
function contentStart(text: string, line: number): number {
  const at = pasteWrapperEnd(text, line);
  const first = text.charCodeAt(at);
  // Docker's json-file entry: {"log":"…
  if (first === 123 && text.startsWith('{"log":"', at)) return at + 8;
  if (first === 91) {
    POD_PREFIX_AT.lastIndex = at;
    return POD_PREFIX_AT.test(text) ? POD_PREFIX_AT.lastIndex : at;
  }
  if (isDigit(first) && text.charCodeAt(at + 4) === 45 && text.charCodeAt(at + 10) === 95) {
    // runit's svlogd stamp: 2016-06-15_07:13:07.98666 …
    const space = text.indexOf(' ', at + 19);
    return space !== -1 && space - at < 32 ? space + 1 : at;
  }
  if (isDigit(first) && text.charCodeAt(at + 4) === 45 && text.charCodeAt(at + 10) === 84) {
    // 2024-03-01T10:00:00.123456789Z stderr F …
    for (let index = at + 19; index < at + 48; index++) {
      if (text.charCodeAt(index) === 32 && text.charCodeAt(index + 2) === 32 && text.charCodeAt(index - 1) !== 32) {
        const stream = text.charCodeAt(index - 6);
        if (stream === 115) return index + 3;
      }
    }
    // 2018-04-27T08:49:12Z host unit[pid]: … (syslog with an RFC 3339 time)
    const colon = text.indexOf(': ', at + 20);
    if (colon !== -1 && colon - at < 160 && text.charCodeAt(colon - 1) === 93) return colon + 2;
    return at;
  }
  if (!isDigit(first) && first !== 32) {
    // Mar 01 10:00:00 host unit[pid]: … (the month in the locale's words: 2 to 6 letters, maybe a dot)
    const space = text.indexOf(' ', at + 2);
    if (space !== -1 && space - at <= 7 && text.charCodeAt(space + 6) === 58 && text.charCodeAt(space + 9) === 58) {
      const colon = text.indexOf(': ', space + 12);
      if (colon !== -1 && colon - at < 160) return colon + 2;
    }
  }
  return at;
}

/** The Go file a klog header starting at `start` names (`W1106 17:37:53.776502    6016 cni.go:202] …` → cni.go). */
function klogFileAt(text: string, start: number): string {
  const close = text.indexOf('] ', start + 22);
  if (close === -1 || close - start > 120) return '';
  const colon = text.lastIndexOf(':', close);
  const space = text.lastIndexOf(' ', colon);
  return colon > space ? text.slice(space + 1, colon) : '';
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** ` : ` at `at`: where a PowerShell error record's command ends and its message starts. */
function recordColonAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === 32 && text.charCodeAt(at + 1) === 58 && text.charCodeAt(at + 2) === 32;
}

/**
 * Past Vagrant's machine prefix (`    winw1: `, `==> winw1: `; vagrant lib/vagrant/ui.rb, Prefixed), if the line has
 * one; the indentation before it is already read as a paste wrapper.
 */
function vagrantPrefixEnd(text: string, start: number): number | undefined {
  const lead = text.startsWith('==> ', start) ? 4 : 0;
  let at = start + lead;
  while (at - start - lead <= 40 && isNameCode(text.charCodeAt(at))) at++;
  return at > start + lead && text.charCodeAt(at) === 58 && text.charCodeAt(at + 1) === 32 ? at + 2 : undefined;
}

/**
 * Whether a PowerShell error record starts at `start` (POWERSHELL_ERROR in lineStructure.ts): `Verb-Noun : `, `& : `,
 * `. : ` or `C:\…\script.ps1 : `. Read character by character, as every line start is.
 */
function powershellErrorAt(text: string, start: number): boolean {
  const machine = vagrantPrefixEnd(text, start);
  if (machine !== undefined) start = machine;
  const first = text.charCodeAt(start);
  if (first === 38 || first === 46) return recordColonAt(text, start + 1);
  if (!isUpper(first) && !isLower(first)) return false;
  if (text.charCodeAt(start + 1) === 58 && text.charCodeAt(start + 2) === 92) {
    const end = text.indexOf('\n', start);
    const script = text.slice(start, Math.min(end === -1 ? text.length : end, start + 248)).indexOf('.ps1');
    return script !== -1 && recordColonAt(text, start + script + 4);
  }
  if (!isUpper(first)) return false;
  let at = start + 1;
  while (at - start <= 21 && isLower(text.charCodeAt(at))) at++;
  if (at === start + 1 || text.charCodeAt(at) !== 45 || !isUpper(text.charCodeAt(at + 1))) return false;
  const noun = at + 1;
  at = noun + 1;
  while (at - noun <= 60) {
    const code = text.charCodeAt(at);
    if (!isUpper(code) && !isLower(code) && !isDigit(code)) break;
    at++;
  }
  return recordColonAt(text, at);
}

/** Whether the line starting at `at` reports a failure in one of the line-start formats. */
export function failureAtLineStart(text: string, at: number): boolean {
  const start = contentStart(text, at);
  const letter = text.charCodeAt(start);
  const klogHeader = isDigit(text.charCodeAt(start + 1)) && isDigit(text.charCodeAt(start + 4)) && text.charCodeAt(start + 5) === 32;
  if ((letter === 69 || letter === 70) && klogHeader) return true;
  // A klog warning counts only from the files whose every line is about pod networking (the kubelet's CNI driver).
  if (letter === 87 && klogHeader) return isPodNetworkingKlogFile(klogFileAt(text, start));
  if (powershellErrorAt(text, start)) return true;
  // E, F, P, b, p, m, i, n: the first letters of the markers below.
  if (letter !== 69 && letter !== 70 && letter !== 80 && letter !== 98 && letter !== 112 && letter !== 109 && letter !== 105 && letter !== 110) return false;
  return LINE_START_MARKERS.some((marker) => text.startsWith(marker, start));
}
