import { describe, expect, it } from 'vitest';
import { attributeLines, closeMarker, MARKER_PATTERN, openMarker } from '../../src/render/attribution.js';

const wrap = (index: number, text: string) => openMarker(index) + text + closeMarker();

describe('attributeLines', () => {
  it('gives each line to the innermost fragment open at its first non-blank character', () => {
    // Layout 0 includes section 1, which includes constraint 2.
    const marked = wrap(0, `# Prompt\n${wrap(1, `## Section\n${wrap(2, '- DO NOT x\n')}after\n`)}end\n`);
    expect(attributeLines(marked, 0)).toEqual({
      lines: ['# Prompt', '## Section', '- DO NOT x', 'after', 'end'],
      owners: [0, 1, 2, 1, 0],
    });
  });

  it('gives an indented line to the fragment that wrote its text, not its indentation', () => {
    const marked = wrap(0, `  ${wrap(3, 'indented')}\n`);
    expect(attributeLines(marked, 0)).toEqual({ lines: ['  indented'], owners: [3] });
  });

  it('gives a blank line to the fragment open at its end', () => {
    const marked = wrap(0, `a\n${wrap(1, '\nb\n')}`);
    expect(attributeLines(marked, 0)).toEqual({ lines: ['a', '', 'b'], owners: [0, 1, 1] });
  });

  it('keeps a last line without a newline and never pops the root', () => {
    const marked = `${closeMarker()}${closeMarker()}x\n${wrap(2, 'tail')}`;
    expect(attributeLines(marked, 5)).toEqual({ lines: ['x', 'tail'], owners: [5, 2] });
  });

  it('strips every marker from the text', () => {
    const { lines } = attributeLines(wrap(0, `a${wrap(1, 'b')}c\n`), 0);
    expect(lines.some((line) => MARKER_PATTERN.test(line))).toBe(false);
    expect(lines).toEqual(['abc']);
  });
});
