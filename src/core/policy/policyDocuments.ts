import { parseAllDocuments } from 'yaml';
import type { PolicyInputCollector } from './policyInputs';

/**
 * Adds every object of a YAML stream or JSON file to `collector`; returns the parse errors, one line each. JSON is
 * YAML, so one parser reads both. Aliases stay unexpanded beyond the parser's own limit.
 */
export function addPolicyDocuments(text: string, origin: string, collector: PolicyInputCollector): string[] {
  const errors: string[] = [];
  const documents = parseAllDocuments(text, { prettyErrors: false });
  for (const document of Array.isArray(documents) ? documents : []) {
    if (document.errors.length > 0) {
      errors.push(`${origin}: ${document.errors[0]?.message.split('\n')[0] ?? 'YAML error'}`);
      continue;
    }
    collector.add(document.toJS({ maxAliasCount: 100 }), origin);
  }
  return errors;
}
