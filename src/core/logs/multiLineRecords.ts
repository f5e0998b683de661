/**
 * Records that run over several lines of a log, which the scanner reads a line at a time: a Warning event whose
 * message goes on below its row, a klog value written over several lines, and `systemctl status`, whose unit is named
 * a few lines above its state. Each is followed within a bounded window of lines, so nothing here grows with the log.
 */
import { eventAgeSeconds, eventSpanSeconds } from './logTimestamp';
import { isStackUnit } from './structure/lineStructure';

/**
 * How many lines below a Warning event row can still be its message. An event's message keeps the line breaks of
 * what it quotes: a readiness probe's output (calico-node's probe prints one reason per line, with the peers it
 * waits for), a CNI plugin's error, `(combined from similar events):` followed by the last message.
 */
const EVENT_MESSAGE_LINES = 12;
/**
 * klog writes a multi-line value as `key=<`, its lines indented by a tab, then ` >` (k8s.io/klog/v2
 * internal/serialize writeStringValue): the kubelet's `"Failed to create sandbox for pod" err=<` says what failed only
 * on the lines below. How many lines below such an opener its value can run.
 */
const KLOG_BLOCK_LINES = 24;
const KLOG_BLOCK_OPENER = /=<\s*$/;
/**
 * `systemctl status <unit>`: the unit's header (`● rke2-agent.service - Rancher Kubernetes Engine v2 (agent)`), then
 * a few lines below its state, `Active: failed (Result: exit-code)` or `Active: activating (auto-restart) (Result:
 * exit-code)` while systemd waits to restart it (systemd src/systemctl/systemctl-show.c, print_status_info). A unit of
 * the node's stack or of Calico/flannel/Canal in that state is down.
 */
const SYSTEMCTL_HEADER = /^\s*(?:[●×*○]\s*)?([\w@.-]+)\.service - /;
const SYSTEMCTL_DOWN = /^\s*Active: (?:failed|activating \(auto-restart\)) \(Result: (?!success\))[\w-]+\)/;
const SYSTEMCTL_STATUS_LINES = 8;

/** A line held until the lines below it say what it reports. */
export interface HeldLine {
  readonly line: number;
  readonly offset: number;
  readonly length: number;
  readonly text: string;
  readonly timestamp: string | undefined;
}

/** Whether a klog line ends by opening a multi-line value (`err=<`). */
export function opensKlogValue(lineText: string): boolean {
  return KLOG_BLOCK_OPENER.test(lineText);
}

export class MultiLineRecords {
  /** The last Warning event row with a repeat span (`x20 over 10m`): the lines below it may be its message. */
  private openEvent: { readonly line: number; readonly spanSeconds: number } | undefined;
  /** The last klog error line that opened a multi-line value and made no finding by itself. */
  private openBlock: HeldLine | undefined;
  /** The last `systemctl status` header read: the unit whose state the lines below give. */
  private serviceHeader: { readonly line: number; readonly unit: string } | undefined;

  /**
   * The repeat span that applies to a line: its own when it is an event row, else that of the Warning event row just
   * above whose message it continues. An event row, Warning or Normal, ends the message of the one before.
   */
  eventSpan(lineText: string, line: number): number | undefined {
    // Only a line that names an event type can be a row; the span and age patterns are not cheap.
    const head = lineText.length > 400 ? lineText.slice(0, 400) : lineText;
    const row = head.includes('Warning') || head.includes('Normal');
    const own = row ? eventSpanSeconds(lineText) : undefined;
    if (own !== undefined || (row && eventAgeSeconds(lineText) !== undefined)) {
      this.openEvent = own !== undefined && /(?:^|\s)Warning\s/.test(head) ? { line, spanSeconds: own } : undefined;
      return own;
    }
    const open = this.openEvent;
    if (open === undefined) return undefined;
    if (line - open.line > EVENT_MESSAGE_LINES) {
      this.openEvent = undefined;
      return undefined;
    }
    return open.spanSeconds;
  }

  /**
   * Reads `systemctl status`: 'header' for a unit's header, 'down' for its Active line showing a unit of the node's
   * stack or of Calico/flannel/Canal failed or restarting, 'other' for the Active line of another unit; undefined for
   * a line that is neither.
   */
  serviceStatus(lineText: string, line: number): 'header' | 'down' | 'other' | undefined {
    const header = SYSTEMCTL_HEADER.exec(lineText);
    if (header) {
      this.serviceHeader = { line, unit: header[1] ?? '' };
      return 'header';
    }
    const unit = this.serviceHeader;
    if (unit === undefined || line - unit.line > SYSTEMCTL_STATUS_LINES || !SYSTEMCTL_DOWN.test(lineText)) return undefined;
    this.serviceHeader = undefined;
    return isStackUnit(unit.unit) ? 'down' : 'other';
  }

  /**
   * A klog line that made no finding by itself: an error line that opens a multi-line value (`held`, see
   * opensKlogValue) may have its failure named by the lines below; any other klog line ends the value before it.
   */
  klogLine(held: HeldLine | undefined): void {
    this.openBlock = held;
  }

  /** The klog line whose value a finding at `line` is part of, if it is within the value's window. */
  takeBlockOpener(line: number): HeldLine | undefined {
    const block = this.openBlock;
    this.openBlock = undefined;
    return block !== undefined && line - block.line <= KLOG_BLOCK_LINES ? block : undefined;
  }
}
