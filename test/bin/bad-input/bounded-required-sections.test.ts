import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { workspace } from '../../bad-input/harness.js';

// Issue 21, item 3: `required_sections` is aligned with every prompt's headings on each lint (entries × headings
// steps); a hostile list made one lint take 55 s. The list is bounded, refused at its key when it is not.

const CONFIG = 'wavec.config.yaml';

function headings(count: number): string {
  const entries = Array.from({ length: count }, (_, i) => `'*', '## x${i}'`).join(', ');
  return `\nrequired_sections:\n  headings: [${entries}, '*']\n`;
}

describe('required_sections is bounded', () => {
  it('a list of thousands of entries is a located config error, not a minute of matching', async () => {
    const ws = await workspace();
    await ws.edit(CONFIG, (t) => t + headings(1500));
    const run = wavecBin(['lint'], ws.root);
    expect(run.exit).toBe(2);
    const printed = run.stdout + run.stderr;
    expect(printed).toMatch(
      /wavec\.config\.yaml:\d+:\d+ error config-invalid required_sections\.headings: at most 200 entries/,
    );
  });

  it('a list near the bound, of wildcards between entries no prompt has, lints within the time limit', async () => {
    const ws = await workspace();
    await ws.edit(CONFIG, (t) => t + headings(99));
    const run = wavecBin(['lint'], ws.root);
    // Every entry is missing: the lint fails on its findings, in time (wavecBin kills a run after 10 s).
    expect(run.exit).toBe(1);
    expect(run.stdout + run.stderr).toContain('section-required');
  });
});
