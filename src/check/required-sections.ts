import type { StructureHeading } from '../analyse/structure.js';
import type { RequiredSections } from '../schema/config.js';

/**
 * Matches a prompt's headings against `required_sections`, in markdownlint
 * MD043's grammar: `## Mission` is one heading (compared as `## ` + its
 * source text, case-insensitively unless `match_case`), `*` is zero or more
 * unspecified headings, `+` one or more, `?` exactly one. wavec adds `## *`:
 * exactly one heading of that level, whatever its text.
 *
 * MD043 stops at the first mismatch. Here the list is aligned with the
 * headings at the least cost, so every missing, misplaced or unexpected
 * heading is reported in one run; a document passes exactly when MD043's
 * match would succeed (for lists whose `*` is followed by a heading or ends
 * the list; MD043 never accepts `*` followed by `+` or `?`).
 */

type Element =
  | { kind: 'literal'; entry: string; depth: number }
  | { kind: 'level'; entry: string; depth: number }
  | { kind: 'any'; entry: '?' | '+' }
  | { kind: 'star' };

export type SectionFinding =
  | {
      kind: 'missing';
      entry: string;
      description: string;
      after?: StructureHeading;
      before?: StructureHeading;
      caseVariant?: StructureHeading;
    }
  | { kind: 'order'; entry: string; heading: StructureHeading; after?: StructureHeading; before?: StructureHeading }
  | { kind: 'unexpected'; heading: StructureHeading; after?: StructureHeading; before?: StructureHeading }
  | { kind: 'empty'; entry: string; heading: StructureHeading };

// Weights: a missing named heading costs a little more than a missing
// wildcard, so `+` then `## A` against a lone `## A` reports the `+` as
// missing rather than `## A`. Any non-zero total is a failure.
const MISSING_LITERAL = 3;
const MISSING_WILDCARD = 2;
const EXTRA = 2;

export function parseRequiredSections(headings: readonly string[]): Element[] {
  const elements: Element[] = [];
  for (const entry of headings) {
    if (entry === '*') elements.push({ kind: 'star' });
    else if (entry === '?') elements.push({ kind: 'any', entry });
    else if (entry === '+') elements.push({ kind: 'any', entry }, { kind: 'star' });
    else {
      const depth = /^#+/.exec(entry)![0].length;
      const text = entry.slice(depth).trim();
      elements.push(text === '*' ? { kind: 'level', entry, depth } : { kind: 'literal', entry, depth });
    }
  }
  return elements;
}

export function headingString(heading: StructureHeading): string {
  return `${'#'.repeat(heading.depth)} ${heading.text}`;
}

export function matchRequiredSections(
  headings: readonly StructureHeading[],
  required: RequiredSections,
): SectionFinding[] {
  if (required.headings.length === 0) return [];
  const elements = parseRequiredSections(required.headings);
  const fold = (s: string) => (required.match_case ? s : s.toLowerCase());
  // Folded once each: the alignment compares every entry with every heading.
  const entryKeys = new Map(
    elements.map((element) => [element, element.kind === 'literal' ? fold(element.entry) : '']),
  );
  const headingKeys = new Map(headings.map((heading) => [heading, fold(headingString(heading))]));
  const matches = (element: Element, heading: StructureHeading): boolean => {
    if (element.kind === 'any') return true;
    if (element.kind === 'level') return element.depth === heading.depth;
    if (element.kind === 'literal') return entryKeys.get(element) === headingKeys.get(heading);
    return false;
  };
  const missingCost = (element: Element) => (element.kind === 'literal' ? MISSING_LITERAL : MISSING_WILDCARD);

  // cost[i][j]: least cost of aligning elements[i..] with headings[j..].
  const n = elements.length;
  const m = headings.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let j = m; j >= 0; j--) cost[n]![j] = (m - j) * EXTRA;
  for (let i = n - 1; i >= 0; i--) {
    const element = elements[i]!;
    for (let j = m; j >= 0; j--) {
      if (element.kind === 'star') {
        cost[i]![j] = Math.min(cost[i + 1]![j]!, j < m ? cost[i]![j + 1]! : Infinity);
        continue;
      }
      const match = j < m && matches(element, headings[j]!) ? cost[i + 1]![j + 1]! : Infinity;
      const extra = j < m ? EXTRA + cost[i]![j + 1]! : Infinity;
      cost[i]![j] = Math.min(match, missingCost(element) + cost[i + 1]![j]!, extra);
    }
  }

  // Walk one cheapest alignment, preferring a match, then moving past a
  // wildcard, then a missing element, then an extra heading.
  const matchedBy = new Map<number, number>(); // heading index -> element index
  const absorbed = new Set<number>(); // heading indexes a `*` took
  const missing: number[] = [];
  for (let i = 0, j = 0; i < n || j < m;) {
    const here = cost[i]![j]!;
    const element = elements[i];
    if (element === undefined) j++;
    else if (element.kind === 'star') {
      if (cost[i + 1]![j] === here) i++;
      else absorbed.add(j++);
    } else if (j < m && matches(element, headings[j]!) && cost[i + 1]![j + 1] === here) matchedBy.set(j++, i++);
    else if (missingCost(element) + cost[i + 1]![j]! === here) missing.push(i++);
    else j++;
  }

  const matchedInOrder = [...matchedBy].sort((a, b) => a[0] - b[0]); // [heading, element], by heading
  const neighboursOfElement = (i: number) => ({
    after: last(matchedInOrder.filter(([, e]) => e < i))?.[0],
    before: matchedInOrder.find(([, e]) => e > i)?.[0],
  });
  const neighboursOfHeading = (j: number) => ({
    after: last(matchedInOrder.filter(([h]) => h < j))?.[0],
    before: matchedInOrder.find(([h]) => h > j)?.[0],
  });
  const around = ({ after, before }: { after: number | undefined; before: number | undefined }) => ({
    ...(after === undefined ? {} : { after: headings[after]! }),
    ...(before === undefined ? {} : { before: headings[before]! }),
  });

  const findings: SectionFinding[] = [];
  const misplaced = new Set<number>();
  for (const i of missing) {
    const element = elements[i] as Exclude<Element, { kind: 'star' }>;
    const where = around(neighboursOfElement(i));
    if (element.kind === 'literal') {
      // Present, but not where the list puts it: out of order rather than missing.
      const j = headings.findIndex((h, k) => !matchedBy.has(k) && !misplaced.has(k) && matches(element, h));
      if (j !== -1) {
        misplaced.add(j);
        findings.push({ kind: 'order', entry: element.entry, heading: headings[j]!, ...where });
        continue;
      }
    }
    const caseVariant =
      element.kind === 'literal' && required.match_case
        ? headings.find((h) => headingString(h).toLowerCase() === element.entry.toLowerCase())
        : undefined;
    findings.push({
      kind: 'missing',
      entry: element.entry,
      description: describeEntry(element),
      ...where,
      ...(caseVariant ? { caseVariant } : {}),
    });
  }
  headings.forEach((heading, j) => {
    if (!matchedBy.has(j) && !absorbed.has(j) && !misplaced.has(j))
      findings.push({ kind: 'unexpected', heading, ...around(neighboursOfHeading(j)) });
  });
  for (const [j, i] of matchedInOrder) {
    const element = elements[i]!;
    if ((element.kind === 'literal' || element.kind === 'level') && headings[j]!.empty)
      findings.push({ kind: 'empty', entry: element.entry, heading: headings[j]! });
  }
  return findings;
}

function last<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

function describeEntry(element: Exclude<Element, { kind: 'star' }>): string {
  if (element.kind === 'literal') return `"${element.entry}"`;
  if (element.kind === 'level') return `"${element.entry}" (any level-${element.depth} heading)`;
  return element.entry === '?' ? '"?" (any one heading)' : '"+" (at least one heading)';
}
