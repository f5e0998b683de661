import { isScalar } from 'yaml';

/**
 * A replacement for a scalar's whole source (its quotes included) written in the scalar's own quoting, so a fix that
 * swaps a value keeps `"pod"` quoted and `pod` plain.
 */
export function sameQuoting(node: unknown, value: string): string {
  if (!isScalar(node)) return value;
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return value;
}
