import type { CodeEntry } from '../src/schema/codes.js';

/** The docs whose tables the code table writes. */
export const DOCS: readonly string[];

/** `text` with every marked table written afresh from `codes`; the groups it marks, in order. */
export function writeCodeTables(
  text: string,
  codes: Readonly<Record<string, CodeEntry>>,
): { text: string; groups: string[] };
