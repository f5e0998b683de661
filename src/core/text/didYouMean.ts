/** Two rows of the distance table, reused between calls (names are short; the rows grow to the longest seen). */
let previousRow = new Uint32Array(64);
let currentRow = new Uint32Array(64);

/** Edit distance with an early exit once it exceeds `limit`; keys are short, so this stays cheap. */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Uint32Array(b.length + 1);
    currentRow = new Uint32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const charA = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = charA === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? limit + 1;
}

/** Candidates are the same few hundred names call after call: each is normalised once. */
const normalised = new Map<string, string>();
const MAX_NORMALISED = 10_000;

function normalise(text: string): string {
  let known = normalised.get(text);
  if (known === undefined) {
    known = text.toLowerCase().replace(/[-_.]/g, '');
    if (normalised.size >= MAX_NORMALISED) normalised.clear();
    normalised.set(text, known);
  }
  return known;
}

/**
 * The closest candidate to a misspelt name, if one is close enough to be a plausible typo: at most a third of
 * the name's length in edits (minimum 1, maximum 3), or the same name with different separators or case.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase().replace(/[-_.]/g, '');
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (normalise(candidate) === wanted) return candidate;
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
