import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { WaveSpec } from '../../schema/spec.js';
import { formatNumberRuns, viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';

/**
 * `#29`, and ranges `#32–34`, `#32-34`, `#32–#34` (which cover 32, 33, 34).
 * Not after a word character, `&`, `#` or `/` (`a#1`, `&#123;`, `##1`, a URL's `/#12`).
 */
const PR_REFERENCE = /(?<![\w&#/])#(\d+)(?:\s?[–-]\s?#?(\d+))?(?!\w)/g;
/** A "range" wider than this is a number that happens to follow a dash, not a list of PRs. */
const MAX_RANGE = 100;

export interface PrReference {
  offset: number;
  written: string;
  numbers: number[];
}

/** Every PR reference in a text, ranges expanded. */
export function findPrReferences(text: string): PrReference[] {
  return [...text.matchAll(PR_REFERENCE)].map((match) => {
    const start = Number(match[1]);
    const end = match[2] === undefined ? undefined : Number(match[2]);
    const isRange = end !== undefined && end > start && end - start <= MAX_RANGE;
    const numbers = isRange ? Array.from({ length: end - start + 1 }, (_, i) => start + i) : [start];
    return { offset: match.index, written: isRange ? match[0] : `#${start}`, numbers };
  });
}

/** The PRs a spec vouches for: its canary PRs and the PRs its modules are modelled on. */
export function knownPrs(spec: WaveSpec): Set<number> {
  const known = new Set(spec.canary_prs.map((pr) => pr.number));
  for (const module of spec.modules) {
    for (const ref of findPrReferences(module.similar_to ?? '')) for (const n of ref.numbers) known.add(n);
  }
  return known;
}

export const prReferenceUnknown: Rule = {
  code: 'pr-reference-unknown',
  severity: 'error',
  description:
    "Every PR reference in the prompt (`#29`, `#32–34`) is one the spec knows: a canary PR or a module's `similar_to`.",
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const spec = compiled.chain[compiled.chain.length - 1]!.spec;
    const known = knownPrs(spec);
    const knownText =
      known.size > 0
        ? `canary_prs and similar_to name ${formatNumberRuns(known, '#')}`
        : 'the spec names no PRs in canary_prs or similar_to';
    const view = viewOf(prompt);
    return findPrReferences(prompt.text)
      .filter((ref) => !view.inCode(ref.offset))
      .flatMap((ref) => {
        const unknown = ref.numbers.filter((n) => !known.has(n));
        if (unknown.length === 0) return [];
        const message =
          ref.numbers.length === 1
            ? `PR ${ref.written} is not one the spec knows (${knownText})`
            : `"${ref.written}" covers ${unknown.length === 1 ? 'PR' : 'PRs'} ${formatNumberRuns(unknown, '#')}, ` +
              `which the spec does not know (${knownText})`;
        return [diagnostic(this.code, this.severity, message, view.locate(ref.offset))];
      });
  },
};
