import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { getTokenizer, TOKENIZER_ID, tokenPieces } from '../../src/analyse/tokens.js';

const o200k = get_encoding('o200k_base');
const cl100k = get_encoding('cl100k_base');
const COUNTERS = {
  o200k_base: (text: string) => o200k.encode_ordinary(text).length,
  cl100k_base: (text: string) => cl100k.encode_ordinary(text).length,
};

/**
 * Text from the shapes that decide where the pre-tokenizers cut: line breaks, runs of whitespace, `/` after
 * punctuation.
 */
const piece = fc.constantFrom(
  'a',
  'foo',
  'Bar',
  'HTTP',
  '\n',
  '\n',
  '\n\n',
  ' ',
  '  ',
  '\u00a0',
  '\u3000',
  '.',
  '/',
  '//',
  '://',
  ',',
  '!',
  '?',
  "'s",
  "'LL",
  '1',
  '123',
  '4567',
  'é',
  '日本',
  '🙂',
  '\u200b',
  '<|endoftext|>',
  '#',
  '## ',
  '- ',
  '`',
  '```',
  '\t',
  '\r\n',
  'x.',
  'e\u0301',
  '\uFEFF',
  '\u0085',
  '\u2028',
);
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('token counts in pieces', () => {
  it.each(Object.entries(COUNTERS))('%s: the pieces count as much as the whole text (property)', (_, count) => {
    fc.assert(
      fc.property(text, (t) => {
        const pieces = tokenPieces(t);
        expect(pieces.join('')).toBe(t);
        expect(pieces.reduce((sum, p) => sum + count(p), 0)).toBe(count(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts the wave 4 prompt into many pieces that count as the whole', async () => {
    const prompt = await readFile('prompts/phase-02-wave-4.md', 'utf8');
    const pieces = tokenPieces(prompt);
    expect(pieces.length).toBeGreaterThan(100);
    expect((await getTokenizer('o200k_base')).count(prompt)).toBe(COUNTERS.o200k_base(prompt));
  });

  it('names the counter and the installed vocabulary version (cached counts are only valid for them)', async () => {
    const { version } = JSON.parse(await readFile('node_modules/gpt-tokenizer/package.json', 'utf8')) as {
      version: string;
    };
    expect(TOKENIZER_ID).toBe(`wavec-bpe@1 gpt-tokenizer@${version}`);
  });
});
