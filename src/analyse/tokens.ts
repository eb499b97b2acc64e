import type { Encoding } from '../schema/config.js';

/**
 * Exact token counts. gpt-tokenizer is the backend: a test proves its counts
 * identical to tiktoken's on a corpus, and it loads without WASM. Encoders
 * are loaded once per encoding, on first use, so commands that count nothing
 * never pay for the vocabulary.
 */
export interface Tokenizer {
  encoding: Encoding;
  count(text: string): number;
}

type CountFn = (text: string, options: { disallowedSpecial: Set<string> }) => number;

const loaded = new Map<Encoding, Promise<Tokenizer>>();

/** Special-token text (`<|endoftext|>`) is counted as the plain text it is, never as a control token. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Whether any vocabulary has been loaded in this process (tests hold commands that count nothing to never loading one). */
export function tokenizerLoaded(): boolean {
  return loaded.size > 0;
}

export function getTokenizer(encoding: Encoding): Promise<Tokenizer> {
  let tokenizer = loaded.get(encoding);
  if (!tokenizer) {
    tokenizer = importEncoding(encoding).then((countTokens) => ({ encoding, count: (text: string) => countTokens(text, PLAIN_TEXT) }));
    loaded.set(encoding, tokenizer);
  }
  return tokenizer;
}

async function importEncoding(encoding: Encoding): Promise<CountFn> {
  switch (encoding) {
    case 'o200k_base':
      return (await import('gpt-tokenizer/encoding/o200k_base')).countTokens as CountFn;
    case 'cl100k_base':
      return (await import('gpt-tokenizer/encoding/cl100k_base')).countTokens as CountFn;
  }
}
