/** Where a summary's clauses end: "unknown: forbidden — could not read …", "ready on 2 of 3 nodes; …". */
const CLAUSE_ENDS = [' — ', '; ', ': ', ' ('];
/** Shorter clauses than this are a prefix ("unknown: …"), not the state. */
const MIN_CLAUSE = 12;

/** Every index at which `needle` starts in `text`. */
function positions(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) found.push(index);
  return found;
}

/**
 * A check's summary as a tree row's description, where a 300 px sidebar has room for a few words: the whole
 * clauses that fit when the summary is long ("rancher/rke2#7808: Cluster-init race…", not just the issue id), else
 * the words that fit, marked with "…". The whole summary is in the tooltip and in the row's children.
 */
export function shortState(summary: string, max = 48): string {
  if (summary.length <= max) return summary;
  const ends = CLAUSE_ENDS.flatMap((end) => positions(summary, end)).filter((index) => index >= MIN_CLAUSE && index <= max);
  if (ends.length > 0) return `${summary.slice(0, Math.max(...ends))}…`;
  const space = summary.lastIndexOf(' ', max);
  return `${summary.slice(0, space >= MIN_CLAUSE ? space : max)}…`;
}
