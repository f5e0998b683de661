import { locateAll, type FileFindings } from '../findings/locatedFinding';
import { terminalLine } from '../text/terminalText';

/**
 * `file:line:column severity code message`, the form editors and terminals make clickable. File names and messages
 * (which quote file content) are made terminal-safe: no escape sequence, no invisible character, no line break that
 * could forge a finding line.
 */
export function findingsToText(files: readonly FileFindings[]): string {
  const located = locateAll(files);
  const lines = located.map(({ file, finding, range }) => {
    const fix = finding.fix ? ` [fix: ${terminalLine(finding.fix.title)}]` : '';
    return `${terminalLine(file.file)}:${range.line}:${range.column}: ${finding.severity} ${finding.code}: ${terminalLine(finding.message)}${fix}`;
  });
  const count = (severity: string): number => located.filter(({ finding }) => finding.severity === severity).length;
  lines.push(`${files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`);
  return lines.join('\n');
}
