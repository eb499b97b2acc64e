/**
 * For each heading, the index of the next heading of the same or a higher
 * level (a smaller or equal depth), or -1: where its section ends. One pass
 * from the end with a stack, instead of a search ahead from every heading,
 * which is quadratic in the number of headings.
 */
export function nextSameOrHigher(headings: readonly { depth: number }[]): number[] {
  const next = new Array<number>(headings.length).fill(-1);
  const stack: number[] = [];
  for (let i = headings.length - 1; i >= 0; i--) {
    while (stack.length > 0 && headings[stack[stack.length - 1]!]!.depth > headings[i]!.depth) stack.pop();
    if (stack.length > 0) next[i] = stack[stack.length - 1]!;
    stack.push(i);
  }
  return next;
}
