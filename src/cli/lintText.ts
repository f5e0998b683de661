import type { Finding } from '../core/findings/finding';
import { locateAll, type FileFindings } from '../core/findings/locatedFinding';
import { terminalLine } from '../core/text/terminalText';
import type { Palette } from './palette';

export interface LintTextOptions {
  readonly palette: Palette;
  /** The terminal's width: messages wrap within it, under their own column. Unwrapped when absent (a pipe, a CI log). */
  readonly columns?: number;
}

/** Below this a wrapped message would be a column of single words: it is left unwrapped. */
const MIN_MESSAGE_WIDTH = 30;

function wrap(text: string, width: number | undefined): string[] {
  if (width === undefined || width < MIN_MESSAGE_WIDTH || text.length <= width) return [text];
  const lines = [''];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1] ?? '';
    if (last !== '' && last.length + 1 + word.length > width) lines.push(word);
    else lines[lines.length - 1] = last === '' ? word : `${last} ${word}`;
  }
  return lines;
}

function severityText(severity: Finding['severity'], palette: Palette): (text: string) => string {
  return severity === 'error' ? palette.red : severity === 'warning' ? palette.yellow : palette.dim;
}

/**
 * Findings grouped under their file, as eslint's stylish output: `line:column  severity  code  message`, the
 * message wrapped under its column on a terminal, and one summary line. File names and messages (which quote file
 * content) are terminal-safe: no escape sequence, no invisible character, no line break that could forge a line.
 */
export function lintToText(files: readonly FileFindings[], options: LintTextOptions): string {
  const { palette } = options;
  const located = locateAll(files);
  const lines: string[] = [];
  const byFile = new Map<FileFindings, typeof located>();
  for (const entry of located) {
    const list = byFile.get(entry.file);
    if (list) list.push(entry);
    else byFile.set(entry.file, [entry]);
  }
  for (const [file, entries] of byFile) {
    lines.push(palette.underline(terminalLine(file.file)));
    const rows = entries.map(({ finding, range }) => ({ finding, place: `${range.line}:${range.column}` }));
    const placeWidth = Math.max(...rows.map((row) => row.place.length));
    const codeWidth = Math.max(...rows.map((row) => row.finding.code.length));
    for (const { finding, place } of rows) {
      const fix = finding.fix ? ` [fix: ${terminalLine(finding.fix.title)}]` : '';
      const lead = `  ${place.padEnd(placeWidth)}  ${finding.severity.padEnd(7)}  ${finding.code.padEnd(codeWidth)}  `;
      const message = wrap(`${terminalLine(finding.message)}${fix}`, options.columns === undefined ? undefined : options.columns - lead.length);
      const colouredLead = `  ${palette.dim(place.padEnd(placeWidth))}  ${severityText(finding.severity, palette)(finding.severity.padEnd(7))}  ${palette.dim(finding.code.padEnd(codeWidth))}  `;
      lines.push(...message.map((text, index) => `${index === 0 ? colouredLead : ' '.repeat(lead.length)}${text}`));
    }
    lines.push('');
  }
  const count = (severity: Finding['severity']): number => located.filter(({ finding }) => finding.severity === severity).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  const summary = `${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s), ${infos} info.`;
  lines.push(errors > 0 ? palette.bold(palette.red(`✖ ${summary}`)) : warnings > 0 ? palette.bold(palette.yellow(`⚠ ${summary}`)) : palette.green(`✔ ${summary}`));
  return lines.join('\n');
}
