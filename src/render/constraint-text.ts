import { attributeLines } from './attribution.js';
import { normalizeLines } from './normalize.js';
import { normalizeNewlines } from '../util/text.js';

/**
 * A constraint's text as a prompt shows it, from what the `constraint` helper returned while rendering (`marked`,
 * with its attribution markers): the lines its fragment wrote (a partial it includes writes its own), normalised as
 * the prompt is (no trailing whitespace, no run of blank lines outside a fence), trimmed.
 */
export function constraintText(marked: string, fragmentIndex: number): string {
  const { lines, owners } = normalizeLines(attributeLines(normalizeNewlines(marked), fragmentIndex));
  return trimmedLines(lines.filter((_, i) => owners[i] === fragmentIndex).join('\n'));
}

/** Inline spec text gets the render stage's treatment: no trailing whitespace on a line, trimmed. */
export function inlineConstraintText(text: string): string {
  return trimmedLines(text);
}

function trimmedLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
}
