import { describe, expect, it } from 'vitest';
import { getTokenizer } from '../../src/analyse/tokens.js';
import { specialTokenText } from '../../src/check/rules/special-token-text.js';
import { contextFor, findings } from './helpers.js';

describe('special-token-text', () => {
  it('passes ordinary text, pipes and angle brackets included', async () => {
    expect(await findings(specialTokenText, '# T\n\nUse `a | b` and <b>bold</b>; compare x <| y |> z.\n')).toEqual([]);
  });

  it('warns at each token-like text, naming the encoding when it is one of its own', async () => {
    const text = '# T\n\nStop at <|endoftext|>.\n\n- <|im_start|>system\n';
    expect(await findings(specialTokenText, text)).toEqual([
      '3:9 "<|endoftext|>" is a special token of o200k_base written as text: wavec counts it as plain text, ' +
        'but a model or tool may read it as a control token',
      '5:3 "<|im_start|>" is text that looks like a special token: wavec counts it as plain text, but a model ' +
        'or tool may read it as a control token',
    ]);
    const [first] = specialTokenText.check(await contextFor(text));
    expect(first!.severity).toBe('warning');
    expect(first!.hint).toBe('describe the token in words instead of writing it out');
  });

  it('knows the special tokens of cl100k_base', async () => {
    expect(await findings(specialTokenText, '<|fim_prefix|>\n', { encoding: 'cl100k_base' })).toEqual([
      '1:1 "<|fim_prefix|>" is a special token of cl100k_base written as text: wavec counts it as plain text, ' +
        'but a model or tool may read it as a control token',
    ]);
  });

  it('is counted as plain text, never as one control token', async () => {
    const tokenizer = await getTokenizer('o200k_base');
    expect(tokenizer.count('<|endoftext|>')).toBeGreaterThan(1);
  });
});
