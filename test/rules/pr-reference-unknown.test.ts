import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumberRuns } from '../../src/check/prompt-view.js';
import { findPrReferences, prReferenceUnknown } from '../../src/check/rules/pr-reference-unknown.js';
import { exampleWave, positionOf, runRule } from '../helpers/rules.js';

const KNOWN = 'canary_prs and similar_to name #29, #30, #32–34';

describe('pr-reference-unknown', () => {
  it('passes the PRs the spec knows, singly and as ranges', async () => {
    const { facts, text } = await exampleWave(4);
    expect(runRule(prReferenceUnknown, text, facts)).toEqual([]);
    expect(runRule(prReferenceUnknown, '# W\n\nSee #29, #30, #32–34, #32-34 and #32–#34.\n', facts)).toEqual([]);
  });

  it('does not read code, HTML entities or anchors as PR references', async () => {
    const { facts } = await exampleWave(4);
    expect(
      runRule(
        prReferenceUnknown,
        '# W\n\nRun `gh pr view #99`; &#35;, a#12 and https://example.org/#12 are not PRs.\n\n```sh\nkill %1 #41\n```\n',
        facts,
      ),
    ).toEqual([]);
  });

  it('reports an unknown PR, and a range that covers one, at the reference', async () => {
    const { facts } = await exampleWave(4);
    expect(runRule(prReferenceUnknown, '# W\n\nLike #99 and #32-36.\n', facts)).toEqual([
      `prompts/hand-written.md:3:6 pr-reference-unknown PR #99 is not one the spec knows (${KNOWN})`,
      'prompts/hand-written.md:3:14 pr-reference-unknown "#32-36" covers PRs #35, #36, which the spec does not ' +
        `know (${KNOWN})`,
    ]);
  });

  it('catches an unknown #99 added to a module note of the example', async () => {
    const { facts, text } = await exampleWave(4);
    const seeded = text.replace('- Useless alone:', '- Same shape as #99.\n- Useless alone:');
    const at = positionOf(seeded, '#99');
    expect(runRule(prReferenceUnknown, seeded, facts)).toEqual([
      `prompts/hand-written.md:${at.line}:${at.column} pr-reference-unknown PR #99 is not one the spec knows ` +
        `(${KNOWN})`,
    ]);
  });

  it('expands ranges only when they are plausible', () => {
    expect(findPrReferences('#32–34 #7-3 #1-500').map((r) => r.numbers)).toEqual([[32, 33, 34], [7], [1]]);
  });

  it('reads back exactly the PRs a summary names (the canary summary round-trips)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 30 }), (numbers) => {
        const read = findPrReferences(`These PRs (${formatNumberRuns(numbers, '#')}) set the bar.`).flatMap(
          (r) => r.numbers,
        );
        expect(read.sort((a, b) => a - b)).toEqual([...numbers].sort((a, b) => a - b));
      }),
    );
  });
});
