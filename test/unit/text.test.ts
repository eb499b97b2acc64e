import { describe, expect, it } from 'vitest';
import { countLines, LineIndex, normalizeNewlines, splitLines } from '../../src/util/text.js';

describe('normalizeNewlines', () => {
  it('drops a leading BOM and turns CRLF and lone CR into LF', () => {
    expect(normalizeNewlines('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('keeps a BOM that is not the first character', () => {
    expect(normalizeNewlines('a\uFEFF')).toBe('a\uFEFF');
  });

  it('turns \\r\\r\\n into two newlines, not one', () => {
    expect(normalizeNewlines('a\r\r\nb')).toBe('a\n\nb');
  });
});

describe('LineIndex', () => {
  const index = new LineIndex('ab\ncd\n\nx');

  it('maps offsets to 1-based line and column', () => {
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(2)).toEqual({ line: 1, column: 3 }); // the newline itself
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(6)).toEqual({ line: 3, column: 1 });
    expect(index.position(7)).toEqual({ line: 4, column: 1 });
  });

  it('clamps offsets outside the text', () => {
    expect(index.position(-5)).toEqual({ line: 1, column: 1 });
    expect(index.position(999)).toEqual({ line: 4, column: 2 });
  });

  it('counts lines and returns their text without the newline', () => {
    expect(index.lineCount).toBe(4);
    expect(index.lineText(2)).toBe('cd');
    expect(index.lineText(3)).toBe('');
    expect(index.lineText(4)).toBe('x');
    expect(index.lineText(5)).toBe('');
  });
});

describe('splitLines and countLines', () => {
  it('does not count the final newline as a line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\nb')).toBe(2);
  });

  it('counts blank lines before the final newline', () => {
    expect(splitLines('a\n\n')).toEqual(['a', '']);
    expect(countLines('\n')).toBe(1);
  });

  it('gives no lines for empty text', () => {
    expect(splitLines('')).toEqual([]);
    expect(countLines('')).toBe(0);
  });
});
