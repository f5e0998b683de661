import { parseAllDocuments, type Document } from 'yaml';
import type { Finding } from '../findings/finding';

export interface ParsedYaml {
  readonly documents: readonly Document[];
  readonly findings: readonly Finding[];
}

/**
 * Parses every document of a YAML stream, turning the parser's errors and warnings into `yaml-syntax` findings at
 * their exact offsets. Aliases are never expanded here, so alias bombs cost nothing.
 */
export function parseYaml(text: string): ParsedYaml {
  const parsed = parseAllDocuments(text, { prettyErrors: false, strict: true, uniqueKeys: true });
  const documents: Document[] = Array.isArray(parsed) ? parsed : [];
  const findings: Finding[] = [];
  for (const document of documents) {
    for (const problem of [...document.errors, ...document.warnings]) {
      const [start, end] = problem.pos;
      findings.push({
        code: 'yaml-syntax',
        severity: problem.name === 'YAMLParseError' ? 'error' : 'warning',
        message: firstLine(problem.message),
        span: { start, end: Math.max(end, start + 1) },
      });
    }
  }
  return { documents, findings };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
