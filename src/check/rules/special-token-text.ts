import { diagnostic } from '../../diagnostics/diagnostic.js';
import { LineIndex } from '../../util/text.js';
import type { Rule } from '../rule.js';

/** `<|endoftext|>`, `<|im_start|>`, `<|fim_prefix|>`: the shape of control tokens across model families. */
const SPECIAL_TOKEN = /<\|[A-Za-z0-9_.:-]{1,40}\|>/g;

/** The special tokens of the encodings wavec counts (tiktoken's lists). */
const SPECIAL_TOKENS: Record<string, readonly string[]> = {
  o200k_base: ['<|endoftext|>', '<|endofprompt|>'],
  cl100k_base: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|endofprompt|>'],
};

export const specialTokenText: Rule = {
  code: 'special-token-text',
  severity: 'warning',
  description: 'The prompt has no text that looks like a model control token (`<|endoftext|>`, `<|im_start|>`).',
  needsSpec: false,
  check({ prompt }) {
    const matches = [...prompt.text.matchAll(SPECIAL_TOKEN)];
    if (matches.length === 0) return [];
    const index = new LineIndex(prompt.text);
    const own = SPECIAL_TOKENS[prompt.stats.encoding] ?? [];
    return matches.map((match) => {
      const what = own.includes(match[0])
        ? `a special token of ${prompt.stats.encoding} written as text`
        : 'text that looks like a special token';
      return diagnostic(
        this.code,
        this.severity,
        `"${match[0]}" is ${what}: wavec counts it as plain text, but a model or tool may read it as a control token`,
        { file: prompt.path, ...index.position(match.index) },
        { hint: 'describe the token in words instead of writing it out' },
      );
    });
  },
};
