import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Encoding } from '../schema/config.js';
import { encodeRankTable, readRankTable, type RankTable } from './rank-table.js';

/** Where the ranks come from: a table made from another vocabulary is not used. */
export const VOCABULARY_ID = 'gpt-tokenizer@4.0.0';

/** The folder, relative to the package root, where `npm run build` writes one table per encoding. */
export const TABLE_FOLDER = 'dist/tokens';

const PATTERNS: Record<Encoding, string> = {
  o200k_base: 'O200K_TOKEN_SPLIT_REGEX',
  cl100k_base: 'CL100K_TOKEN_SPLIT_REGEX',
};

/** The name a table records its vocabulary by. */
export function vocabularyName(encoding: Encoding): string {
  return `${VOCABULARY_ID} ${encoding}`;
}

/**
 * The encoding's rank table: the one `npm run build` wrote if it is there
 * and made from this vocabulary, else built now from gpt-tokenizer's
 * vocabulary (slower, same ranks).
 */
export function rankTable(encoding: Encoding): RankTable {
  return tableFromFile(encoding) ?? readRankTable(buildRankTable(encoding), vocabularyName(encoding))!;
}

/** The table file's contents, if the build wrote a usable one. */
export function tableFromFile(encoding: Encoding, folder = packageTableFolder()): RankTable | undefined {
  if (folder === undefined) return undefined;
  let buffer: Buffer;
  try {
    buffer = readFileSync(path.join(folder, `${encoding}.bin`));
  } catch {
    return undefined;
  }
  return readRankTable(buffer, vocabularyName(encoding));
}

/** The table for an encoding, built from gpt-tokenizer's vocabulary (what the build writes to disk). */
export function buildRankTable(encoding: Encoding): Uint8Array {
  const load = createRequire(import.meta.url);
  const ranks = (load(`gpt-tokenizer/bpeRanks/${encoding}`) as { default: (string | number[] | undefined)[] }).default;
  const pattern = (load('gpt-tokenizer/encodingParams/constants') as Record<string, RegExp>)[PATTERNS[encoding]]!;
  const encoder = new TextEncoder();
  const tokens = Array.from(ranks, (token) =>
    token === undefined ? undefined : typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token),
  );
  return encodeRankTable(tokens, { vocabulary: vocabularyName(encoding), pattern: asTiktokenReadsIt(pattern.source) });
}

/**
 * The pre-tokenizer with whitespace as tiktoken's regular expressions know
 * it, Unicode's White_Space: JavaScript's `\s` also takes U+FEFF (so
 * `.\uFEFFusing` would be cut before `using`) and leaves out U+0085.
 */
function asTiktokenReadsIt(pattern: string): string {
  return pattern.replaceAll('\\s', '\\p{White_Space}').replaceAll('\\S', '\\P{White_Space}');
}

/**
 * `dist/tokens` of the package this module belongs to: the nearest folder up with a package.json (src/analyse,
 * dist/analyse or dist/bundle/chunks).
 */
function packageTableFolder(): string | undefined {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    folder = path.dirname(folder);
    if (existsSync(path.join(folder, 'package.json'))) return path.join(folder, TABLE_FOLDER);
  }
  return undefined;
}
