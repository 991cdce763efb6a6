/**
 * How well `query` matches `text` as a subsequence (case-insensitive): `undefined` when some character of the query is
 * missing in order, else a score that rewards runs of adjacent characters and matches at the start of a word, so
 * "pay" ranks "payments" above "spray".
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const needle = query.toLowerCase();
  const haystack = text.toLowerCase();
  if (needle.length === 0) return 0;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of needle) {
    const at = haystack.indexOf(char, from);
    if (at < 0) return undefined;
    score += 1;
    if (at === previous + 1) score += 3;
    if (at === 0 || /[^a-z0-9]/.test(haystack[at - 1]!)) score += 2;
    previous = at;
    from = at + 1;
  }
  // among equal matches the shorter text is the closer one
  return score - haystack.length / 1000;
}

/**
 * The score of a search of several words against the fields of one item: every word must match some field (its best
 * one counts), so "web eu-1" finds a "web" environment on host "eu-1"; `undefined` when a word matches none.
 */
export function fuzzyMatch(query: string, fields: readonly string[]): number | undefined {
  const words = query.trim().split(/\s+/).filter(Boolean);
  let total = 0;
  for (const word of words) {
    let best: number | undefined;
    for (const field of fields) {
      const score = fuzzyScore(word, field);
      if (score !== undefined && (best === undefined || score > best)) best = score;
    }
    if (best === undefined) return undefined;
    total += best;
  }
  return total;
}
