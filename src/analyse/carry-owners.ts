/**
 * Line owners for a text that is a compiled prompt, possibly edited: lines
 * that survive from the compile keep the fragment that produced them, and
 * lines that do not (typed in by hand) get `edited`. A longest common
 * subsequence of lines, after trimming the common head and tail, which is
 * all an edit of a few lines costs.
 */
export const EDITED_OWNER = '(edited by hand)';

/**
 * The table below costs a×b cells: a prompt rewritten by hand throughout
 * (10,000 lines against 10,000) would need 400 MB. Past this many cells,
 * lines are matched greedily in order instead, in linear time: an edit that
 * large leaves little to attribute anyway.
 */
const MAX_LCS_CELLS = 4_000_000;

/** Each line of `a` matched to the next equal line of `b` after the last match, if there is one. */
function greedyOwners(a: readonly string[], b: readonly string[], match: (i: number, j: number) => void): void {
  const positions = new Map<string, number[]>();
  b.forEach((line, j) => {
    const list = positions.get(line);
    if (list) list.push(j);
    else positions.set(line, [j]);
  });
  const next = new Map<string, number>();
  let after = -1;
  a.forEach((line, i) => {
    const list = positions.get(line);
    if (!list) return;
    let k = next.get(line) ?? 0;
    while (k < list.length && list[k]! <= after) k++;
    next.set(line, k);
    if (k === list.length) return;
    after = list[k]!;
    match(i, after);
  });
}

export function carryOwners(
  compiledLines: readonly string[],
  owners: readonly string[],
  lines: readonly string[],
): string[] {
  const result = new Array<string>(lines.length).fill(EDITED_OWNER);
  let head = 0;
  while (head < lines.length && head < compiledLines.length && lines[head] === compiledLines[head]) {
    result[head] = owners[head]!;
    head++;
  }
  let tail = 0;
  while (
    tail < lines.length - head &&
    tail < compiledLines.length - head &&
    lines[lines.length - 1 - tail] === compiledLines[compiledLines.length - 1 - tail]
  ) {
    result[lines.length - 1 - tail] = owners[compiledLines.length - 1 - tail]!;
    tail++;
  }
  const a = lines.slice(head, lines.length - tail);
  const b = compiledLines.slice(head, compiledLines.length - tail);
  if (a.length === 0 || b.length === 0) return result;
  if (a.length * b.length > MAX_LCS_CELLS) {
    greedyOwners(a, b, (i, j) => (result[head + i] = owners[head + j]!));
    return result;
  }

  // lcs[i][j]: longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      result[head + i] = owners[head + j]!;
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return result;
}
