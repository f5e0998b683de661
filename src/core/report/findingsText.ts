import { locateAll, type FileFindings } from '../findings/locatedFinding';

/** `file:line:column severity code message`, the form editors and terminals make clickable. */
export function findingsToText(files: readonly FileFindings[]): string {
  const located = locateAll(files);
  const lines = located.map(({ file, finding, range }) => {
    const fix = finding.fix ? ` [fix: ${finding.fix.title}]` : '';
    return `${file.file}:${range.line}:${range.column}: ${finding.severity} ${finding.code}: ${finding.message}${fix}`;
  });
  const count = (severity: string): number => located.filter(({ finding }) => finding.severity === severity).length;
  lines.push(`${files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`);
  return lines.join('\n');
}
