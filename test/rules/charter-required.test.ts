import { describe, expect, it } from 'vitest';
import { charterRequired } from '../../src/check/rules/charter-required.js';
import { contextFor, exampleWave, positionOf, runRule } from '../helpers/rules.js';

describe('charter-required', () => {
  it('passes a prompt that cites every section the spec requires', async () => {
    const { facts, text } = await exampleWave(4);
    expect(runRule(charterRequired, text, facts)).toEqual([]);
    expect(runRule(charterRequired, '# W\n\n§3, §6 and §13.\n', facts)).toEqual([]);
  });

  it(
    'reports a required section the prompt never cites, at "Charter ' + 'references", with the spec entry as related',
    async () => {
      const { facts, text } = await exampleWave(4);
      const seeded = text.replace(/^- \*\*§6 .*\n/m, '');
      expect(seeded).not.toBe(text);
      const heading = positionOf(seeded, '## Charter references');
      const findings = charterRequired.check(contextFor(seeded, facts));
      expect(findings.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
        `prompts/hand-written.md:${heading.line}:1 charter-required the prompt never cites §6, which ` +
          'waves/phase-02/wave-4.yaml requires (charter_refs)',
      ]);
      const spec = facts.chain[facts.chain.length - 1]!;
      const at = positionOf(spec.file.text, '6\n', spec.file.text.indexOf('charter_refs:'));
      expect(findings[0]!.related).toEqual({
        message: '§6 is required here',
        file: 'waves/phase-02/wave-4.yaml',
        line: at.line,
        column: at.column,
      });
    },
  );

  it('reports at the top of a prompt without a "Charter references" section; §16 does not count as §6', async () => {
    const { facts } = await exampleWave(4);
    expect(runRule(charterRequired, '# W\n\n§3, §16 and §13.\n', facts)).toEqual([
      'prompts/hand-written.md:1:1 charter-required the prompt never cites §6, which ' +
        'waves/phase-02/wave-4.yaml requires (charter_refs)',
    ]);
  });
});
