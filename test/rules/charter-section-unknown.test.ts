import { describe, expect, it } from 'vitest';
import { charterSectionUnknown } from '../../src/check/rules/charter-section-unknown.js';
import { exampleWave, runRule } from '../helpers/rules.js';

describe('charter-section-unknown', () => {
  it('passes §N references that the charter has, however they are spaced', async () => {
    const { facts } = await exampleWave(4);
    expect(runRule(charterSectionUnknown, '# Wave\n\nSee §3, § 13 and (charter §6).\n', facts)).toEqual([]);
  });

  it('reports each §N the charter lacks, at the §', async () => {
    const { facts } = await exampleWave(4);
    expect(runRule(charterSectionUnknown, '# Wave\n\nFollow §3 and §14.\n\n- Also § 21.\n', facts)).toEqual([
      'prompts/hand-written.md:3:15 charter-section-unknown §14 is not a section of ' +
        'charter/PLATFORM_CHARTER.md (it has §1–13)',
      'prompts/hand-written.md:5:8 charter-section-unknown §21 is not a section of charter/PLATFORM_CHARTER.md ' +
        '(it has §1–13)',
    ]);
  });

  it('needs the charter, so it skips hand-written prompts', () => {
    expect(charterSectionUnknown.needsSpec).toBe(true);
    expect(runRule(charterSectionUnknown, 'See §99.\n')).toEqual([]);
  });
});
