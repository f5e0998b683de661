import type { Severity } from '../knowledge/knownIssue';
import { FINDING_CODES } from '../findings/finding';
import { locateAll, oneBasedRange, type FileFindings } from '../findings/locatedFinding';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A path as a SARIF artifact URI: forward slashes, percent-encoded, relative paths kept relative. */
function artifactUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 for code-scanning services; one rule per finding code, columns in UTF-16 code units. */
export function findingsToSarif(files: readonly FileFindings[], toolVersion: string): object {
  const located = locateAll(files);
  const ruleIds = Object.keys(FINDING_CODES) as (keyof typeof FINDING_CODES)[];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rke2-calico-diag',
            version: toolVersion,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: FINDING_CODES[id] } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: located.map(({ file, finding, range, index }) => ({
          ruleId: finding.code,
          ruleIndex: Math.max(0, ruleIds.indexOf(finding.code as keyof typeof FINDING_CODES)),
          level: LEVELS[finding.severity],
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file.file) }, region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn } } }],
          ...(finding.related && finding.related.length > 0
            ? {
                relatedLocations: finding.related.map((location, id) => {
                  // A location in another file has no text here to place it by line, so only the file is named.
                  const sameFile = location.file === undefined;
                  const region = sameFile ? oneBasedRange(index, location.span) : undefined;
                  return {
                    id,
                    message: { text: location.message },
                    physicalLocation: {
                      artifactLocation: { uri: artifactUri(location.file ?? file.file) },
                      ...(region ? { region: { startLine: region.line, startColumn: region.column, endLine: region.endLine, endColumn: region.endColumn } } : {}),
                    },
                  };
                }),
              }
            : {}),
          ...(finding.knownIssue !== undefined ? { properties: { knownIssue: finding.knownIssue, ...(finding.url ? { helpUri: finding.url } : {}) } } : {}),
        })),
      },
    ],
  };
}
