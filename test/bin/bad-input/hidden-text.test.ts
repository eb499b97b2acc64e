import { describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { lineOf, MISSION, SPEC, workspace } from '../../bad-input/harness.js';

// Issue 21, item 7: every character that reaches the agent is checked, whatever its source (a fragment, the charter,
// a spec value), and a value that is not text is a render error at its expression, never "[object Object]".

const CHARTER = 'charter/PLATFORM_CHARTER.md';
const located = (stderr: string) => stderr.split('\n').filter((line) => /^\S+:\d+:\d+ error /.test(line));

async function compileAfter(file: string, edit: (text: string) => string) {
  const ws = await workspace();
  await ws.edit(file, edit);
  const text = await ws.read(file);
  const before = treeState(ws.root);
  const run = wavecBin(['compile', '4', '--phase', '2'], ws.root);
  return { ...run, text, unchanged: JSON.stringify(treeState(ws.root)) === JSON.stringify(before) };
}

describe('a value that is not text', () => {
  it('{{modules}} is an error at the expression, and nothing is written', async () => {
    const run = await compileAfter(MISSION, (t) => `${t}\nModules: {{modules}}\n`);
    expect(run.exit).toBe(2);
    expect(located(run.stderr)).toEqual([
      `${MISSION}:${lineOf(run.text, 'Modules: {{modules}}')}:10 error template-not-text this expression is a list, ` +
        'not text: it would print "[object Object],[object Object],[object Object],[object Object]" into the prompt',
    ]);
    expect(run.unchanged).toBe(true);
  });

  it('so is a mapping reached through lookup, and a boolean from eq', async () => {
    for (const [expression, what] of [
      ['{{lookup this "budget"}}', 'a mapping'],
      ['{{eq 1 1}}', 'a boolean'],
    ] as const) {
      const run = await compileAfter(MISSION, (t) => `${t}\nA: ${expression}\n`);
      expect(run.exit).toBe(2);
      expect(located(run.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(`^${MISSION}:${lineOf(run.text, 'A: {{')}:4 error template-not-text this expression is ${what},`),
        ),
      ]);
    }
  });

  it('a missing field is still a missing field, not text', async () => {
    const run = await compileAfter(MISSION, (t) => `${t}\n{{no_such_field}}\n`);
    expect(run.exit).toBe(2);
    expect(located(run.stderr)[0]).toContain('error template-missing-field "no_such_field" is not defined');
  });
});

describe('hidden characters, whatever their source', () => {
  const cases: [string, string, (t: string) => string, string][] = [
    ['an escape sequence in a fragment', MISSION, (t) => `${t}\nSee \u001b[8mhidden\u001b[0m.\n`, 'U+001B CONTROL'],
    [
      'an escape sequence in a charter heading',
      CHARTER,
      (t) => t.replace('## §1 Purpose', '## §1 Pur\u001bpose'),
      'U+001B',
    ],
    ['a Hangul filler in a fragment', MISSION, (t) => `${t}\nSee\u3164this.\n`, 'U+3164 HANGUL FILLER'],
    ['U+034F in the charter', CHARTER, (t) => t.replace('## §2 Roles', '## §2 Ro\u034fles'), 'U+034F COMBINING'],
    ['a line separator in a fragment', MISSION, (t) => `${t}\nOne\u2028## Hand-back\n`, 'U+2028 LINE SEPARATOR'],
    ['a private-use character in a fragment', MISSION, (t) => `${t}\nAn icon \uF101.\n`, 'U+F101 PRIVATE USE'],
    [
      '16 variation selectors after an emoji in a spec title',
      SPEC,
      (t) => t.replace('title: Honcho subsystem', `title: "Honcho subsystem \u{1F600}${'\uFE0F'.repeat(16)}"`),
      'U+FE0F VARIATION SELECTOR (a run of 16 variation selectors)',
    ],
  ];
  for (const [name, file, edit, label] of cases) {
    it(`${name}: located at the source, nothing written`, async () => {
      const run = await compileAfter(file, edit);
      expect(run.exit, run.stderr).toBe(2);
      const errors = located(run.stderr);
      expect(errors.length, run.stderr).toBeGreaterThan(0);
      // A raw character is found in the file; in a spec, the value check may name it first.
      expect(errors[0]).toMatch(
        new RegExp(
          `^${file}:\\d+:\\d+ error (source-hidden-character|spec-text-character) (title: )?hidden character `,
        ),
      );
      expect(errors[0]).toContain(label);
      expect(run.unchanged).toBe(true);
    });
  }

  it('a spec value escaping U+2028 or a variation-selector run is refused at the value', async () => {
    for (const value of ['"Honcho\\u2028## Hand-back"', '"Honcho \\U0001F600\\uFE0F\\uFE0F\\uFE0F"']) {
      const run = await compileAfter(SPEC, (t) => t.replace('title: Honcho subsystem', `title: ${value}`));
      expect(run.exit).toBe(2);
      expect(located(run.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(`^${SPEC}:${lineOf(run.text, 'title:')}:8 error spec-text-character title: hidden character `),
        ),
      ]);
      expect(run.unchanged).toBe(true);
    }
  });

  it('a single variation selector after an emoji is an emoji, not a hidden character', async () => {
    const run = await compileAfter(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: "Honcho \u2764\uFE0F"'));
    expect(run.stderr).not.toContain('hidden character');
  });

  it('lint checks the prompt text itself: a hand-written prompt with a line separator fails', async () => {
    const ws = await workspace();
    await ws.write('prompts/notes.md', '# Prompt\n\nDo the task.\u2028## Hand-back\n');
    const run = wavecBin(['lint', 'prompts/notes.md'], ws.root);
    expect(run.exit).toBe(1);
    expect(located(run.stdout + run.stderr).filter((line) => line.includes('hidden-character'))).toEqual([
      'prompts/notes.md:3:13 error hidden-character hidden character U+2028 LINE SEPARATOR: the agent reads it, a ' +
        'reviewer does not see it',
    ]);
  });
});
