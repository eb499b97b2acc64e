import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../../src/render/normalize.js';

const normalize = (lines: string[]) => normalizeLines({ lines, owners: lines.map((_, i) => i) });

describe('normalizeLines', () => {
  it('collapses blank runs to one and drops leading and trailing blank lines', () => {
    expect(normalize(['', '', 'a', '', '', '', 'b', '', ''])).toEqual({ lines: ['a', '', 'b'], owners: [2, 3, 6] });
  });

  it('treats whitespace-only lines as blank and removes trailing whitespace', () => {
    expect(normalize(['a  ', ' \t', '', 'b\t'])).toEqual({ lines: ['a', '', 'b'], owners: [0, 1, 3] });
  });

  it('keeps blank lines inside a code fence', () => {
    const lines = ['```yaml', 'a: 1', '', '', 'b: 2', '```', '', '', 'after'];
    expect(normalize(lines).lines).toEqual(['```yaml', 'a: 1', '', '', 'b: 2', '```', '', 'after']);
  });

  it('closes a fence only with the same character, at least as long, and no info string', () => {
    const lines = ['````', '```', '', '', '~~~~', '', '````', '', '', 'x'];
    expect(normalize(lines).lines).toEqual(['````', '```', '', '', '~~~~', '', '````', '', 'x']);
  });

  it('removes trailing whitespace inside a fence too', () => {
    expect(normalize(['~~~', 'code   ', '~~~']).lines).toEqual(['~~~', 'code', '~~~']);
  });

  it('returns nothing for all-blank input', () => {
    expect(normalize(['', '  ', ''])).toEqual({ lines: [], owners: [] });
  });
});
