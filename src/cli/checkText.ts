import { checkReportToText, terminalField, type CheckReportJson } from '../core/checks/checkReport';
import type { CheckStatus } from '../core/checks/checkResult';
import type { Palette } from './palette';

/** Why the cluster could not be read, as the nodes read says it (the first read every check needs). */
export interface UnreachableCluster {
  readonly kind: string;
  readonly message: string;
}

export interface CheckTextOptions {
  readonly palette: Palette;
  /** Only checks that fail, warn or are unknown (`--problems`); the counts still count every check. */
  readonly problemsOnly: boolean;
  /** Set when the cluster could not be read: one line per cause instead of a row of "unknown" per check. */
  readonly unreachable?: UnreachableCluster;
}

const PROBLEMS: ReadonlySet<CheckStatus> = new Set(['fail', 'warn', 'unknown']);
const MARK = /^( {2})(PASS|WARN|FAIL|UNKNOWN|SKIP)( +)/;
/** A read's evidence line as the checks write it: `what: kind: why`. */
const READ_FAILURE = /^(.+?): (unreachable|timeout|unauthorized|malformed|cancelled): (.+)$/;

function markColour(mark: string, palette: Palette): (text: string) => string {
  if (mark === 'FAIL') return (text) => palette.bold(palette.red(text));
  if (mark === 'WARN' || mark === 'UNKNOWN') return palette.yellow;
  if (mark === 'PASS') return palette.green;
  return palette.dim;
}

function verdictColour(status: string | undefined, palette: Palette): (text: string) => string {
  if (status === 'pass') return (text) => palette.bold(palette.green(text));
  if (status === 'fail') return (text) => palette.bold(palette.red(text));
  return (text) => palette.bold(palette.yellow(text));
}

/** Colour around the marks, verdicts and headings this tool wrote; the fields inside stay as they were made safe. */
function coloured(text: string, report: CheckReportJson, palette: Palette, verdictStatus: string | undefined): string {
  if (!palette.enabled) return text;
  const areas = new Set(report.checks.map((check) => check.area));
  return text.split('\n').map((line) => {
    const mark = MARK.exec(line);
    if (mark) return `${mark[1] ?? ''}${markColour(mark[2] ?? '', palette)(mark[2] ?? '')}${mark[3] ?? ''}${line.slice(mark[0].length)}`;
    if (line.startsWith('Verdict: ')) return verdictColour(verdictStatus, palette)(line);
    if (line.startsWith('Root cause')) return palette.bold(line);
    if (areas.has(line)) return palette.bold(line);
    if (/^ {10}(→|·)/.test(line)) return line.startsWith('          ·') ? palette.dim(line) : line;
    return line;
  }).join('\n');
}

/** What to try first when the cluster could not be read, by how the read failed. */
function unreachableHint(kind: string, report: CheckReportJson): string | undefined {
  const context = report.cluster.context ?? '';
  const probe = `kubectl${context === '' ? '' : ` --context ${terminalField(context)}`} get --raw /readyz`;
  if (kind === 'unreachable') return `Is the API server up and reachable at ${terminalField(report.cluster.server ?? 'its address')}? Try: ${probe}`;
  if (kind === 'timeout') return `The API server did not answer in time: is it overloaded or behind a slow network? Try: ${probe}, or a longer --timeout`;
  if (kind === 'unauthorized') return 'The API server refused the kubeconfig\'s credentials: an expired token or client certificate? Renew them, then run again';
  if (kind === 'malformed') return `What answered is not a Kubernetes API server (a proxy or a load balancer page?). Try: ${probe}`;
  return undefined;
}

/**
 * An unreachable cluster in a few lines: the verdict, one line per distinct cause (the reads it stopped, not a row
 * of "unknown" per check), what to try, and the checks that did not need the cluster.
 */
function unreachableText(report: CheckReportJson, unreachable: UnreachableCluster, palette: Palette): string {
  const unknown = report.checks.filter((check) => check.status === 'unknown');
  const causes = new Map<string, Set<string>>();
  for (const check of unknown) {
    for (const line of check.evidence) {
      const failure = READ_FAILURE.exec(line);
      if (!failure) continue;
      const cause = `${failure[2] ?? ''}: ${failure[3] ?? ''}`;
      causes.set(cause, (causes.get(cause) ?? new Set()).add(failure[1] ?? ''));
    }
  }
  if (causes.size === 0) causes.set(`${unreachable.kind}: ${unreachable.message}`, new Set());
  const lines = [
    `Cluster: ${terminalField(report.cluster.context ?? '?')} (${terminalField(report.cluster.server ?? '?')})`,
    palette.bold(palette.red(`Verdict: unreachable — the cluster could not be read, so ${unknown.length} of ${report.checks.length} checks could not run`)),
  ];
  for (const [cause, reads] of causes) {
    const named = [...reads];
    const listed = named.length === 0 ? '' : ` (${named.slice(0, 3).map(terminalField).join(', ')}${named.length > 3 ? ` and ${named.length - 3} more reads` : ''})`;
    lines.push(`  ${palette.red('✖')} ${terminalField(cause)}${listed}`);
  }
  const hint = unreachableHint(unreachable.kind, report);
  if (hint !== undefined) lines.push(`  → ${hint}`);
  const others = report.checks.filter((check) => check.status !== 'unknown');
  if (others.length > 0) {
    const ran = checkReportToText({ ...report, checks: others, rootCauses: [] }).split('\n');
    // The rows only: the header, verdict and counts of the full text are said above and below.
    const rows = ran.slice(ran.indexOf('') + 1, ran.lastIndexOf('') === ran.indexOf('') ? undefined : ran.lastIndexOf(''));
    lines.push('', 'Checks that did not need the cluster', ...coloured(rows.filter((line) => line !== '').join('\n'), { ...report, checks: others }, palette, undefined).split('\n'));
  }
  const counts = report.summary;
  lines.push('', `${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.unknown} unknown, ${counts.skipped} skipped`);
  return lines.join('\n');
}

/** `check`'s text output: the full report, only its problems, or an unreachable cluster's causes. */
export function checkToText(report: CheckReportJson, options: CheckTextOptions): string {
  if (options.unreachable) return unreachableText(report, options.unreachable, options.palette);
  const shown = options.problemsOnly ? { ...report, checks: report.checks.filter((check) => PROBLEMS.has(check.status)) } : report;
  let text = checkReportToText(shown);
  if (options.problemsOnly && shown.checks.length === 0) text = text.replace(/\n\n(\d+ pass)/, '\n\nNo problems: every check passes or was skipped.\n\n$1');
  return coloured(text, report, options.palette, report.verdict?.status);
}
