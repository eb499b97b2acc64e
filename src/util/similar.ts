/**
 * "Did you mean" suggestions for typos in keys and ids (`backup_priorty`),
 * and for a part of an id written alone (`worker` for `stateless-worker`).
 * Edit distance with transpositions; the candidate lists are short.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : partialMatch(input, candidates);
}

/**
 * The shortest candidate (then the alphabetically first) whose words, split at `-`, `_` and `.`, contain the input's
 * words in a row: whole words only, so `work` suggests nothing for `stateless-worker`.
 */
function partialMatch(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = words(input);
  if (wanted.length === 0) return undefined;
  let best: string | undefined;
  for (const candidate of candidates) {
    const have = words(candidate);
    const found = have.some((_, start) => wanted.every((word, i) => have[start + i] === word));
    if (!found) continue;
    if (best === undefined || candidate.length < best.length || (candidate.length === best.length && candidate < best))
      best = candidate;
  }
  return best;
}

function words(id: string): string[] {
  return id
    .toLowerCase()
    .split(/[-_.]+/)
    .filter((word) => word.length > 0);
}

/** Levenshtein distance where swapping two neighbours counts as one edit (`titel` → `title`), the commonest typo. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j]!, beforePrevious[j - 2]! + 1);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
