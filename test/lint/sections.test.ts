import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { lint as markdownlint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { structureOf } from '../../src/analyse/structure.js';
import { matchRequiredSections } from '../../src/check/required-sections.js';
import { sectionEmpty } from '../../src/check/rules/section-empty.js';
import { sectionOrder } from '../../src/check/rules/section-order.js';
import { sectionRequired } from '../../src/check/rules/section-required.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { EXAMPLE } from '../helpers/workspace.js';
import { findings } from './helpers.js';

const LAYOUT = {
  required_sections: { headings: ['# *', '## Mission', '*', '## Modules', '*', '## PR plan', '## Hand-back'] },
};
const GOOD =
  '# Wave 9\n\n## Mission\n\nDo it.\n\n## Why\n\nBecause.\n\n## Modules\n\n### one\n\nText.\n\n## PR plan\n\n' +
  'One PR.\n\n## Hand-back\n\nURLs.\n';

describe('section-required', () => {
  it('passes a prompt that has every required section', async () => {
    expect(await findings(sectionRequired, GOOD, LAYOUT)).toEqual([]);
  });

  it('reports every missing section, each where it belongs', async () => {
    const text = '# Wave 9\n\n## Why\n\nBecause.\n\n## PR plan\n\nOne PR.\n';
    expect(await findings(sectionRequired, text, LAYOUT)).toEqual([
      '7:1 required section "## Mission" is missing; expected after "# Wave 9" (line 1) and before "## PR ' +
        'plan" (line 7)',
      '7:1 required section "## Modules" is missing; expected after "# Wave 9" (line 1) and before "## PR ' +
        'plan" (line 7)',
      '9:1 required section "## Hand-back" is missing; expected after "## PR plan" (line 7)',
    ]);
  });

  it('reports a level wildcard and a "?" that found no heading', async () => {
    const config = { required_sections: { headings: ['# *', '?', '## End'] } };
    expect(await findings(sectionRequired, '## End\n\nx\n', config)).toEqual([
      '1:1 required section "# *" (any level-1 heading) is missing; expected before "## End" (line 1)',
      '1:1 required section "?" (any one heading) is missing; expected before "## End" (line 1)',
    ]);
  });

  it('matches case only when match_case is on, and says when case is the difference', async () => {
    const text = '# T\n\n## mission\n\nx\n';
    expect(await findings(sectionRequired, text, { required_sections: { headings: ['# T', '## Mission'] } })).toEqual(
      [],
    );
    expect(
      await findings(sectionRequired, text, {
        required_sections: { headings: ['# T', '## Mission'], match_case: true },
      }),
    ).toEqual([
      '5:1 required section "## Mission" is missing; expected after "# T" (line 1); "## mission" (line 3) ' +
        'differs only in case, and match_case is on',
    ]);
  });
});

describe('section-order', () => {
  it('passes headings in the required order', async () => {
    expect(await findings(sectionOrder, GOOD, LAYOUT)).toEqual([]);
  });

  it('reports a section out of order, not as missing', async () => {
    const text = '# Wave 9\n\n## Mission\n\nx\n\n## PR plan\n\nx\n\n## Modules\n\nx\n\n## Hand-back\n\nx\n';
    expect(await findings(sectionOrder, text, LAYOUT)).toEqual([
      '7:1 section "## PR plan" is out of order: required_sections puts it after "## Modules" (line 11) and ' +
        'before "## Hand-back" (line 15)',
    ]);
    expect(await findings(sectionRequired, text, LAYOUT)).toEqual([]);
  });

  it('reports every heading where the list allows none', async () => {
    const text =
      '# Wave 9\n\n## Mission\n\nx\n\n## Modules\n\nx\n\n## PR plan\n\nx\n\n## Notes\n\nx\n\n## Hand-back\n\n' +
      'x\n\n## Appendix\n\nx\n';
    expect(await findings(sectionOrder, text, LAYOUT)).toEqual([
      '15:1 unexpected section "## Notes": required_sections allows no other heading after "## PR plan" (line ' +
        '11) and before "## Hand-back" (line 19)',
      '23:1 unexpected section "## Appendix": required_sections allows no other heading after "## Hand-back" (line 19)',
    ]);
  });
});

describe('section-empty', () => {
  it('passes sections with content, subsections included', async () => {
    expect(await findings(sectionEmpty, GOOD, LAYOUT)).toEqual([]);
  });

  it('reports each required section that holds only blank lines or empty subsections', async () => {
    const text = '# Wave 9\n\n## Mission\n\n\n## Modules\n\n### one\n\n## PR plan\n\nx\n\n## Hand-back\n';
    expect(await findings(sectionEmpty, text, LAYOUT)).toEqual([
      '3:1 required section "## Mission" is empty',
      '6:1 required section "## Modules" is empty',
      '14:1 required section "## Hand-back" is empty',
    ]);
  });

  it('names the entry a wildcard heading was required as', async () => {
    expect(await findings(sectionEmpty, '# Title\n', { required_sections: { headings: ['# *'] } })).toEqual([
      '1:1 required section "# Title" (required as "# *") is empty',
    ]);
  });
});

describe('required_sections derived from the layout', () => {
  const derived = async () => {
    const loaded = await loadWorkspace(EXAMPLE);
    if (!loaded.ok) throw new Error('the example workspace does not load');
    return { required_sections: loaded.workspace.config.required_sections };
  };

  it.each([2, 3, 4])('is satisfied by the compiled wave %i prompt', async (wave) => {
    const text = await readFile(path.join(EXAMPLE, `prompts/phase-02-wave-${wave}.md`), 'utf8');
    const config = await derived();
    for (const rule of [sectionRequired, sectionOrder, sectionEmpty])
      expect(await findings(rule, text, config)).toEqual([]);
  });

  it('catches the wave 4 prompt with its PR plan removed', async () => {
    const text = await readFile(path.join(EXAMPLE, 'prompts/phase-02-wave-4.md'), 'utf8');
    const cut = text.replace(/## PR plan\n[\s\S]*?(?=## Verification)/, '');
    expect(await findings(sectionRequired, cut, await derived())).toEqual([
      expect.stringMatching(
        new RegExp(
          /^\d+:1 required section "## PR plan" is missing; expected after "## Modules" /.source +
            /\(line \d+\) and before "## Wakeup honesty \(charter §13\)" \(line \d+\)$/.source,
        ),
      ),
    ]);
  });
});

describe('headings as MD043 reads them', () => {
  it('compares source text, inline markup included', () => {
    const headings = structureOf('# `pg_dump` *gate*\n\nSetext\n======\n');
    expect(headings.map((h) => [h.depth, h.text, h.line, h.headingEndLine])).toEqual([
      [1, '`pg_dump` *gate*', 1, 1],
      [1, 'Setext', 3, 4],
    ]);
  });

  // A sane list: unique headings, and a `*` is never followed by another
  // wildcard (MD043 rejects every document for such a list).
  const names = ['A', 'B', 'C', 'D', 'E'];
  const heading = fc.record({ depth: fc.integer({ min: 1, max: 3 }), name: fc.constantFrom(...names) });
  const docArb = fc.uniqueArray(heading, { selector: (h) => h.name, maxLength: 5 });
  const entryArb = fc.oneof(
    { weight: 3, arbitrary: heading.map((h) => `${'#'.repeat(h.depth)} ${h.name}`) },
    { weight: 1, arbitrary: fc.constantFrom('*', '+', '?') },
  );
  const listArb = fc
    .array(entryArb, { minLength: 1, maxLength: 6 })
    .filter(
      (list) => new Set(list.filter((e) => e.startsWith('#'))).size === list.filter((e) => e.startsWith('#')).length,
    )
    .filter((list) => list.every((e, i) => e !== '*' || i === list.length - 1 || list[i + 1]!.startsWith('#')));

  it('passes and fails exactly where markdownlint MD043 does', () => {
    fc.assert(
      fc.property(docArb, listArb, fc.boolean(), fc.boolean(), (doc, list, matchCase, lowerDoc) => {
        const text = doc
          .map((h) => `${'#'.repeat(h.depth)} ${lowerDoc ? h.name.toLowerCase() : h.name}\n\ntext\n`)
          .join('\n');
        const reference = markdownlint({
          strings: { doc: text },
          config: { default: false, MD043: { headings: list, match_case: matchCase } },
        }).doc!;
        const ours = matchRequiredSections(structureOf(text), { headings: list, match_case: matchCase }).filter(
          (f) => f.kind !== 'empty',
        );
        expect(ours.length === 0).toBe(reference.length === 0);
      }),
      { numRuns: 300 },
    );
  });
});
