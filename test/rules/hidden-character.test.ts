import { describe, expect, it } from 'vitest';
import { hiddenCharacter } from '../../src/check/rules/hidden-character.js';
import { runRule } from '../helpers/rules.js';

describe('hidden-character', () => {
  it('passes visible text, including an emoji built with a zero-width joiner', () => {
    expect(runRule(hiddenCharacter, '# Wave\n\nPlain text, ünïcödé, §13, and 👩\u200D💻 as one emoji.\n')).toEqual([]);
  });

  it('reports zero-width, bidi and tag characters at their own positions', () => {
    const text = '# Wave\n\nRun the\u200B audit.\n- \u202Eevil\u202C ok\n- tag\u{E0041}here\n';
    expect(runRule(hiddenCharacter, text)).toEqual([
      'prompts/hand-written.md:3:8 hidden-character hidden character U+200B ZERO WIDTH SPACE: the agent reads ' +
        'it, a reviewer does not see it',
      'prompts/hand-written.md:4:3 hidden-character hidden character U+202E RIGHT-TO-LEFT OVERRIDE: the agent ' +
        'reads it, a reviewer does not see it',
      'prompts/hand-written.md:4:8 hidden-character hidden character U+202C POP DIRECTIONAL FORMATTING: the ' +
        'agent reads it, a reviewer does not see it',
      'prompts/hand-written.md:5:6 hidden-character hidden character U+E0041 TAG CHARACTER: the agent reads ' +
        'it, a reviewer does not see it',
    ]);
  });

  it('reports a joiner that joins no emoji', () => {
    expect(runRule(hiddenCharacter, 'a\u200Db\n')).toEqual([
      'prompts/hand-written.md:1:2 hidden-character hidden character U+200D ZERO WIDTH JOINER: the agent reads ' +
        'it, a reviewer does not see it',
    ]);
  });

  it('runs without a spec', () => {
    expect(hiddenCharacter.needsSpec).toBe(false);
  });
});
