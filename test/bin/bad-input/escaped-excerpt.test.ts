import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { SPEC, workspace } from '../../bad-input/harness.js';

// Issue 21, item 7: the excerpt under a finding shows hidden characters as escapes, never raw: a right-to-left
// override printed raw would reorder the rest of the terminal line it is printed on.

describe('the excerpt of a hidden character, through the bin', () => {
  it('shows the override as \\u202e with the caret under it, and no raw override anywhere', async () => {
    const ws = await workspace();
    await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho \u202esubsystem'));
    const run = wavecBin(['compile', '4', '--phase', '2'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stdout + run.stderr).not.toContain('\u202e');
    const lines = run.stderr.split('\n');
    const excerpt = lines.findIndex((line) => /^\s+\d+ \| .*title: Honcho \\u202esubsystem/.test(line));
    expect(excerpt, run.stderr).toBeGreaterThan(0);
    const caretLine = lines[excerpt + 1]!;
    const column = caretLine.indexOf('^') - caretLine.indexOf('| ') - 2;
    expect(lines[excerpt]!.slice(lines[excerpt]!.indexOf('| ') + 2).slice(column)).toMatch(/^\\u202esubsystem/);
  });
});
