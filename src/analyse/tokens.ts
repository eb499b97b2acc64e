import type { Encoding } from '../schema/config.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { bpeCounter } from './bpe.js';
import { rankTable, VOCABULARY_ID } from './token-tables.js';

/**
 * Exact token counts, equal to tiktoken's (a test holds them equal on a
 * corpus and on random text). wavec counts with its own byte-pair merge
 * (./bpe.ts) over a rank table (./rank-table.ts) made from gpt-tokenizer's
 * vocabulary: `npm run build` writes the tables to `dist/tokens/`, so a
 * process reads one file and counts; without a usable table file the same
 * table is built in memory from gpt-tokenizer's vocabulary, which costs
 * about a tenth of a second.
 *
 * Counts are cached by content, in pieces: a text is cut where the
 * tokenizer's own pre-tokenizer always cuts (after a line break, before a
 * line that starts with neither whitespace nor `/`), so its count is the sum
 * of its pieces' counts (a property test holds this against whole-text
 * counts for both encodings). Sections, fragments and the whole prompt share
 * pieces, a recompile after an edit (`--watch`, the MCP server) counts only
 * the pieces that changed. The table is loaded on first use, synchronously,
 * so counting stays a plain function call.
 */
export interface Tokenizer {
  encoding: Encoding;
  count(text: string): number;
}

/** The counter and its vocabulary: results cached on disk are only valid for the one that made them. */
export const TOKENIZER_ID = `wavec-bpe@1 ${VOCABULARY_ID}`;

type CountFn = (text: string) => number;

const vocabularies = new Map<Encoding, CountFn>();
const tokenizers = new Map<Encoding, Tokenizer>();

export function getTokenizer(encoding: Encoding): Promise<Tokenizer> {
  let tokenizer = tokenizers.get(encoding);
  if (!tokenizer) {
    // Pieces by text: 32 MiB of keys at most (two bytes a character, and each entry's own cost), the oldest
    // forgotten first.
    const counts = new BoundedCache<string, number>(32 * 1024 * 1024, (piece) => 2 * piece.length + 64);
    const countPiece = (piece: string): number => {
      if (piece === '') return 0;
      const known = counts.get(piece);
      if (known !== undefined) return known;
      // A piece is a slice of the prompt it was cut from, and a slice keeps its whole parent alive: the key is a
      // copy, so the cache never pins a prompt (with changing inputs, every compile's prompt would stay in memory).
      return counts.set(ownCopy(piece), vocabulary(encoding)(piece));
    };
    tokenizer = {
      encoding,
      count(text) {
        let total = 0;
        for (const piece of tokenPieces(text)) total += countPiece(piece);
        return total;
      },
    };
    tokenizers.set(encoding, tokenizer);
  }
  return Promise.resolve(tokenizer);
}

/** A string with storage of its own, sharing nothing with the string it was cut from. */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

function vocabulary(encoding: Encoding): CountFn {
  let count = vocabularies.get(encoding);
  if (!count) {
    count = bpeCounter(rankTable(encoding));
    vocabularies.set(encoding, count);
  }
  return count;
}

/**
 * A text cut where both encodings' pre-tokenizers always cut: right after a
 * line break that is followed by a character that is neither whitespace
 * (a run of blank lines is one piece to the tokenizer) nor `/` (o200k keeps
 * `.\n/` together). Concatenated, the pieces are the text.
 */
export function tokenPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) {
    const next = text[i + 1]!;
    if (next === '/' || WHITESPACE.test(next)) continue;
    pieces.push(text.slice(start, i + 1));
    start = i + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Whitespace to JavaScript or to Unicode (tiktoken's pre-tokenizer): a line starting with either is never cut from
 * the one before.
 */
const WHITESPACE = /[\s\p{White_Space}]/u;
