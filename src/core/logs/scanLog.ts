import type { LogSignature } from './logSignature';
import { LOG_SIGNATURES } from './logSignatures';
import { parseLogLine } from './logLine';

/** One line that matched a known signature. Lines are 1-based; offsets are into the scanned text. */
export interface LogFinding {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly signature: LogSignature;
  readonly timestamp: string | undefined;
  /** The line, cut at 2,000 characters. */
  readonly text: string;
}

export interface SignatureSummary {
  readonly signature: LogSignature;
  readonly count: number;
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly firstLine: number;
  readonly lastLine: number;
}

/** Patterns run only on a window this wide around the trigger, so a 1 MB line costs no more than a short one. */
const WINDOW = 2048;

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A compiled catalog: one pre-filter over all triggers, and per trigger the signatures that need it. */
export class SignatureMatcher {
  readonly triggers: RegExp;
  private readonly compiled: { signature: LogSignature; pattern: RegExp; order: number }[];
  private readonly byTrigger = new Map<string, { signature: LogSignature; pattern: RegExp; order: number }[]>();

  constructor(readonly signatures: readonly LogSignature[] = LOG_SIGNATURES) {
    const literals = [...new Set(signatures.map((signature) => signature.trigger))].sort((a, b) => b.length - a.length);
    this.triggers = new RegExp(literals.map(escape).join('|'), 'g');
    this.compiled = signatures.map((signature, order) => ({ signature, pattern: new RegExp(signature.pattern), order }));
    for (const entry of this.compiled) {
      const list = this.byTrigger.get(entry.signature.trigger) ?? [];
      list.push(entry);
      this.byTrigger.set(entry.signature.trigger, list);
    }
  }

  /**
   * The first signature (catalog order) among those whose trigger occurs in the line, matched on a window around
   * where the trigger was seen. `hits` are the triggers found in the line with their positions.
   */
  match(line: string, hits: readonly { trigger: string; at: number }[]): LogSignature | undefined {
    const candidates = hits.length === 1
      ? (this.byTrigger.get(hits[0]?.trigger ?? '') ?? [])
      : [...new Set(hits.flatMap((hit) => this.byTrigger.get(hit.trigger) ?? []))].sort((a, b) => a.order - b.order);
    for (const { signature, pattern } of candidates) {
      const at = hits.find((hit) => hit.trigger === signature.trigger)?.at ?? 0;
      const window = line.length <= WINDOW * 2 ? line : line.slice(Math.max(0, at - WINDOW), at + WINDOW);
      if (pattern.test(window)) return signature;
    }
    return undefined;
  }
}

const DEFAULT_MATCHER = new SignatureMatcher();

/**
 * Scans text for known failure lines, one line at a time from where the pre-filter fires; text between triggers
 * is never split into lines. `lineOffset`/`charOffset` let a caller scan a large text in chunks (cut at line ends)
 * and keep global line numbers and offsets.
 */
export function scanText(text: string, matcher: SignatureMatcher = DEFAULT_MATCHER, lineOffset = 0, charOffset = 0): LogFinding[] {
  const findings: LogFinding[] = [];
  const triggers = new RegExp(matcher.triggers.source, 'g');
  let line = lineOffset + 1;
  let counted = 0;
  let hit = triggers.exec(text);
  while (hit !== null) {
    const start = text.lastIndexOf('\n', hit.index) + 1;
    let end = text.indexOf('\n', hit.index);
    if (end === -1) end = text.length;
    // Every trigger on this line, so a later, more specific signature is not missed.
    const hits: { trigger: string; at: number }[] = [];
    while (hit !== null && hit.index < end) {
      hits.push({ trigger: hit[0], at: hit.index - start });
      hit = triggers.exec(text);
    }
    for (let next = text.indexOf('\n', counted); next !== -1 && next < start; next = text.indexOf('\n', next + 1)) line++;
    counted = start;
    const lineText = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    const signature = matcher.match(lineText, hits);
    if (signature) {
      findings.push({ line, start: charOffset + start, end: charOffset + start + lineText.length, signature, timestamp: parseLogLine(lineText).timestamp, text: lineText.slice(0, 2000) });
    }
    if (hit !== null && hit.index <= end) {
      triggers.lastIndex = end + 1;
      hit = triggers.exec(text);
    }
  }
  return findings;
}

/** Per signature: how often, and first/last time (and line) seen. */
export function summarizeFindings(findings: readonly LogFinding[]): SignatureSummary[] {
  const bySignature = new Map<string, SignatureSummary>();
  for (const finding of findings) {
    const previous = bySignature.get(finding.signature.id);
    bySignature.set(finding.signature.id, previous
      ? { ...previous, count: previous.count + 1, last: finding.timestamp ?? previous.last, lastLine: finding.line }
      : { signature: finding.signature, count: 1, first: finding.timestamp, last: finding.timestamp, firstLine: finding.line, lastLine: finding.line });
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return [...bySignature.values()].sort((a, b) => rank[a.signature.severity] - rank[b.signature.severity] || a.firstLine - b.firstLine);
}

/** Whether text looks binary (NUL bytes or mostly non-text): it is reported, not scanned. */
export function looksLikeBinary(sample: string): boolean {
  if (sample.includes('\u0000')) return true;
  const head = sample.slice(0, 4096);
  if (head.length === 0) return false;
  let control = 0;
  for (let index = 0; index < head.length; index++) {
    const code = head.charCodeAt(index);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control++;
  }
  return control / head.length > 0.1;
}
