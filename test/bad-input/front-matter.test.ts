import { describe, expect, it } from 'vitest';
import { parseFragment } from '../../src/load/fragments.js';
import { compileAfter, MISSION } from './harness.js';

// Cases 1–3 of the bad-input issue: front matter is YAML or nothing, never
// executed, never cached, never "the rest of the file".

describe('front matter in another language (case 1, CVE-2022-25863)', () => {
  it.each(['js', 'javascript', 'JavaScript'])('refuses ---%s without running it', async (language) => {
    // If this body ran, it would set a global; it must stay unset.
    const probe = `wavecBadInput_${language}`;
    const outcome = await compileAfter((ws) =>
      ws.write(
        MISSION,
        `---${language}\n{ id: (globalThis.${probe} = 'executed', 'mission'), kind: 'section', title: 'x' }\n` +
          `---\n## Mission\n`,
      ),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:4 error front-matter-language front matter in "${language}" is not supported: only YAML ` +
        `front matter ("---") is read, and it is never executed`,
    ]);
    expect((globalThis as Record<string, unknown>)[probe]).toBeUndefined();
    expect(outcome.promptsUntouched).toBe(true);
  });
});

describe('the same invalid YAML read twice in one process (case 2)', () => {
  it('gives the same error both times: nothing is cached between parses', () => {
    const file = {
      path: MISSION,
      absolutePath: `/w/${MISSION}`,
      text: '---\nid: mission\nkind: [section\n---\n## Mission\n',
      hash: 'sha256:0',
    };
    const first = parseFragment(file);
    const second = parseFragment(file);
    expect(first).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'yaml-syntax',
          severity: 'error',
          message: 'Flow sequence in block collection must be sufficiently indented and end with a ] (BAD_INDENT)',
          file: MISSION,
          line: 3,
          column: 15,
        },
      ],
    });
    expect(second).toEqual(first);
  });

  it('reports it on a second compile in the same process too', async () => {
    const setup = (ws: { write: (file: string, text: string) => Promise<void> }) =>
      ws.write(MISSION, '---\nid: mission\nkind: [section\n---\n## Mission\n');
    const first = await compileAfter(setup);
    const second = await compileAfter(setup);
    expect(first.diagnostics).toEqual([
      `${MISSION}:3:15 error yaml-syntax Flow sequence in block collection must be sufficiently indented and ` +
        `end with a ] (BAD_INDENT)`,
    ]);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect([first.exit, second.exit]).toEqual([2, 2]);
    expect(second.promptsUntouched).toBe(true);
  });
});

describe('front matter that is never closed (case 3)', () => {
  it('is an error at the opening fence, not "the rest of the file is front matter"', async () => {
    const outcome = await compileAfter((ws) =>
      ws.write(MISSION, '---\nid: mission\nkind: section\ntitle: Mission\n## Mission\n\nBody.\n'),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:1 error front-matter-unclosed front matter opened on line 1 is never closed with "---"`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('is an error when a file has no front matter at all', async () => {
    const outcome = await compileAfter((ws) => ws.write(MISSION, '## Mission\n\nBody.\n'));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:1 error front-matter-missing expected YAML front matter starting with "---" on line 1`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });
});
