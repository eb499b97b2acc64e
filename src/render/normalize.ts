import type { AttributedLines } from './attribution.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Makes rendered Markdown deterministic and tidy whatever the templates'
 * whitespace: no trailing spaces, no leading blank lines, at most one blank
 * line in a row outside code fences, exactly one final newline. Code fences
 * keep their blank lines: inside them whitespace is content.
 */
export function normalizeLines({ lines, owners }: AttributedLines): AttributedLines {
  const outLines: string[] = [];
  const outOwners: number[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/[ \t]+$/, '');
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    }
    const blank = line === '';
    if (blank && fence === undefined && (outLines.length === 0 || outLines[outLines.length - 1] === '')) continue;
    outLines.push(line);
    outOwners.push(owners[i]!);
  }
  while (outLines.length > 0 && outLines[outLines.length - 1] === '') {
    outLines.pop();
    outOwners.pop();
  }
  return { lines: outLines, owners: outOwners };
}
