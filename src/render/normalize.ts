import { FenceTracker } from '../syntax/markdown-lines.js';
import type { AttributedLines } from './attribution.js';

/**
 * Makes rendered Markdown deterministic and tidy whatever the templates'
 * whitespace: no trailing spaces, no leading blank lines, at most one blank
 * line in a row outside code fences, exactly one final newline. Code fences
 * keep their blank lines: inside them whitespace is content.
 */
export function normalizeLines({ lines, owners }: AttributedLines): AttributedLines {
  const outLines: string[] = [];
  const outOwners: number[] = [];
  const fences = new FenceTracker();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/[ \t]+$/, '');
    const outside = fences.next(line) === 'outside';
    const blank = line === '';
    if (blank && outside && (outLines.length === 0 || outLines[outLines.length - 1] === '')) continue;
    outLines.push(line);
    outOwners.push(owners[i]!);
  }
  while (outLines.length > 0 && outLines[outLines.length - 1] === '') {
    outLines.pop();
    outOwners.pop();
  }
  return { lines: outLines, owners: outOwners };
}
