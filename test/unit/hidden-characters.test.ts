import { describe, expect, it } from 'vitest';
import { findHiddenCharacters } from '../../src/util/hidden-characters.js';

describe('findHiddenCharacters', () => {
  it('finds zero-width, bidi and tag characters with their offsets and names', () => {
    const text = `a\u200Bb \u202Eevil\u202C ok\u{E0041}`;
    expect(findHiddenCharacters(text)).toEqual([
      { offset: 1, codePoint: 0x200b, label: 'U+200B ZERO WIDTH SPACE' },
      { offset: 4, codePoint: 0x202e, label: 'U+202E RIGHT-TO-LEFT OVERRIDE' },
      { offset: 9, codePoint: 0x202c, label: 'U+202C POP DIRECTIONAL FORMATTING' },
      { offset: 13, codePoint: 0xe0041, label: 'U+E0041 TAG CHARACTER' },
    ]);
  });

  it('leaves visible text alone, including joiners that build one emoji', () => {
    expect(findHiddenCharacters('Plain text, ünïcödé, 中文, §13 — fine, 👩\u200D💻.')).toEqual([]);
    expect(findHiddenCharacters('a\u200Db')).toEqual([
      { offset: 1, codePoint: 0x200d, label: 'U+200D ZERO WIDTH JOINER' },
    ]);
  });
});
