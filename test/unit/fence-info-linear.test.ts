import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../src/syntax/blocks.js';
import { fenceOpening } from '../../src/syntax/markdown-lines.js';
import { expectLinear, fastest } from '../helpers/linear.js';

// Issue 21, item 5: every regex over untrusted text is linear. A fence's info string (a prompt, a fragment, an agent's
// reply) was trimmed by a pattern that tries every start in a run of spaces: `x`, 64 KB of spaces, `x` took 16 s.

const spaced = (size: 'small' | 'large') => ' '.repeat(size === 'small' ? 64 * 1024 : 256 * 1024);

describe('a fence info string with a long run of spaces inside', () => {
  it('is trimmed as before', () => {
    expect(fenceOpening('```  ts  a \t')?.info).toBe('ts  a');
    expect(fenceOpening('~~~')?.info).toBe('');
  });

  it('is read in linear time by the one fence reader', () => {
    expectLinear(
      (size) => fastest(() => fenceOpening(`\`\`\`a${spaced(size)}b`), 3),
      'fenceOpening on `a`, spaces, `b`',
    );
  });

  it('is read in linear time by the block scanner (its meta)', () => {
    expectLinear(
      (size) => fastest(() => scanBlocks(`\`\`\`ts a${spaced(size)}b\ncode\n\`\`\`\n`), 3),
      'scanBlocks on a fence whose meta is `a`, spaces, `b`',
    );
  });
});
