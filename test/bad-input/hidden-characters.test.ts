import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE } from '../helpers/workspace.js';
import { compileAfter, fragment, lineOf, MISSION, SPEC } from './harness.js';

// Case 12 of the bad-input issue: characters a reviewer cannot see are
// reported at their position in the file that holds them, before anything
// is rendered. All kinds are errors, as in the prompt-level hidden-character
// rule: each one reaches the agent unseen.

const titleLine = lineOf(readFileSync(path.join(EXAMPLE, SPEC), 'utf8'), 'title: Honcho subsystem');
const message = (label: string) =>
  `error source-hidden-character hidden character ${label}: a reviewer does not see it, the agent reads it`;

describe('hidden characters (case 12)', () => {
  it('a zero-width space in a fragment, at its column', async () => {
    const outcome = await compileAfter((ws) =>
      ws.write(MISSION, fragment('mission', 'section', '## Mission\n\nRead\u200Bthis.\n')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${MISSION}:8:5 ${message('U+200B ZERO WIDTH SPACE')}`]);
    expect(outcome.stderr).toContain('hint: delete it (most editors can show invisible characters)');
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('a right-to-left override in a spec value', async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho \u202Esubsystem')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${SPEC}:${titleLine}:15 ${message('U+202E RIGHT-TO-LEFT OVERRIDE')}`]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('tag characters spelling a hidden word, each at its column, in front matter too', async () => {
    const outcome = await compileAfter(async (ws) => {
      await ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: Honcho subsystem\u{E0048}\u{E0049}'));
      await ws.write(MISSION, fragment('mission', 'section\ndescription: "\u2066x\u2069"', '## Mission\n'));
    });
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:4:15 ${message('U+2066 LEFT-TO-RIGHT ISOLATE')}`,
      `${MISSION}:4:17 ${message('U+2069 POP DIRECTIONAL ISOLATE')}`,
      `${SPEC}:${titleLine}:24 ${message('U+E0048 TAG CHARACTER')}`,
      // A tag character is two UTF-16 code units: columns count them as editors do.
      `${SPEC}:${titleLine}:26 ${message('U+E0049 TAG CHARACTER')}`,
    ]);
  });

  it('leaves a zero-width joiner inside an emoji alone', async () => {
    const outcome = await compileAfter((ws) =>
      ws.write('templates/sections/unused.md', fragment('unused', 'section', 'Pair with 👩\u200D💻.\n')),
    );
    expect(outcome.exit).toBe(0);
    expect(outcome.diagnostics).toEqual([]);
  });
});
