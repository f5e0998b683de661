/** Where a summary's first clause ends: "unknown: forbidden — could not read …", "ready on 2 of 3 nodes; …". */
const CLAUSE_ENDS = [' — ', '; ', ': ', ' ('];
/** Shorter clauses than this are a prefix ("unknown: …"), not the state. */
const MIN_CLAUSE = 12;

/**
 * A check's summary as a tree row's description, where a 300 px sidebar has room for a few words: the first clause
 * when the summary is long, else the words that fit, marked with "…". The whole summary is in the tooltip and in the
 * row's children.
 */
export function shortState(summary: string, max = 48): string {
  if (summary.length <= max) return summary;
  const clause = Math.min(...CLAUSE_ENDS.map((end) => summary.indexOf(end)).filter((index) => index >= MIN_CLAUSE));
  if (clause <= max) return `${summary.slice(0, clause)}…`;
  const space = summary.lastIndexOf(' ', max);
  return `${summary.slice(0, space >= MIN_CLAUSE ? space : max)}…`;
}
