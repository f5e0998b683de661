import type { Severity } from '../knowledge/knownIssue';
import { locateAll, type FileFindings } from '../findings/locatedFinding';

/** The `lint --format json` object: a public contract for scripts and CI. Lines and columns are 1-based. */
export interface FindingsJson {
  findings: {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
    knownIssue?: string;
    fix?: string;
  }[];
}

export function findingsToJson(files: readonly FileFindings[]): FindingsJson {
  return {
    findings: locateAll(files).map(({ file, finding, range }) => ({
      file: file.file,
      ...range,
      severity: finding.severity,
      code: finding.code,
      message: finding.message,
      ...(finding.knownIssue !== undefined ? { knownIssue: finding.knownIssue } : {}),
      ...(finding.fix ? { fix: finding.fix.title } : {}),
    })),
  };
}
