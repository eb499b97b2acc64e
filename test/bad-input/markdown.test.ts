import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAfter, fragment, MISSION, SPEC, type Workspace } from './harness.js';

// Case 11 of the bad-input issue: pathological Markdown through the whole
// pipeline is either handled (BOM, CRLF) or refused with a clear size or
// depth error at its place. Each of these shapes took remark or the
// tokenizer 4 to 100 seconds before the limits; the test timeout only
// guards against such a hang coming back.

const HANG_GUARD = { timeout: 10_000 };
const mission = (body: string) => (ws: Workspace) =>
  ws.write(MISSION, fragment('mission', 'section', `## Mission\n\n${body}\n`));

describe('pathological Markdown in a fragment (case 11)', () => {
  it.each([
    [
      '10,000 nested block quotes',
      `${'> '.repeat(10_000)}x`,
      '8:65 error markdown-too-deep lists and block quotes are nested more than 32 levels deep',
    ],
    [
      '40 nested list markers on one line',
      `${'- '.repeat(40)}x`,
      '8:65 error markdown-too-deep lists and block quotes are nested more than 32 levels deep',
    ],
    [
      'a list nested 200 levels by indentation',
      Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
      '72:131 error markdown-too-deep a line is indented by 129 columns; wavec analyses at most 128 outside ' +
        'code fences',
    ],
    [
      '10,000 emphasis markers in a row',
      `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`,
      '8:1 error markdown-too-complex a run of 10000 characters without a break (the limit is 1024); token ' +
        'counting slows down quadratically on such runs',
    ],
    [
      'deeply nested emphasis',
      '*a _b '.repeat(500),
      '8:769 error markdown-too-complex a paragraph has more than 256 emphasis and link markers (*, _, [)',
    ],
    [
      '3,000 one-item lists',
      '- x\n\ny\n'.repeat(3000),
      '6008:1 error markdown-too-complex more than 2000 list items and block quotes',
    ],
    [
      'a 1 MB single line',
      'word '.repeat(200_000),
      '8:262133 error markdown-too-large Markdown is 1000013 characters long; wavec analyses at most 262144',
    ],
  ])('refuses %s at its place', HANG_GUARD, async (_, body, expected) => {
    const outcome = await compileAfter(mission(body));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([`${MISSION}:${expected}`]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses a 20 MB file without reading it', HANG_GUARD, async () => {
    const outcome = await compileAfter(mission(`${'word '.repeat(20)}\n`.repeat(200_000)));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:1 error file-too-large ${MISSION} is 20200062 bytes; the limit is 2097152 bytes`,
    ]);
    expect(outcome.stderr).toContain(
      'hint: raise `max_file_bytes` in wavec.config.yaml if this file is really meant to be this large',
    );
  });

  it('refuses a binary file', async () => {
    const outcome = await compileAfter((ws) =>
      writeFile(path.join(ws.root, MISSION), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0xff, 0x0a])),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:1 error file-binary ${MISSION} is a binary file (it contains NUL bytes)`,
    ]);
    expect(outcome.stderr).not.toContain('\u0000');
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses invalid UTF-8 at the line and column of the first bad byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from(fragment('mission', 'section', '## Mission\n\nCaf')),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ]);
    const outcome = await compileAfter((ws) => writeFile(path.join(ws.root, MISSION), bytes));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:8:4 error file-encoding ${MISSION} is not valid UTF-8 (at byte 64)`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses a rendered prompt over the limits, at the fragment that printed the value', HANG_GUARD, async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit(SPEC, (t) => t.replace(/^mission: >-\n(?: {2}.*\n)+/m, `mission: "${'> '.repeat(40)}x"\n`)),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${MISSION}:1:1 error markdown-too-deep the compiled prompt is too much to analyse: lists and block ` +
        `quotes are nested more than 32 levels deep (prompt line 7, from this fragment or the spec values it ` +
        `prints)`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses a charter too deep to parse', HANG_GUARD, async () => {
    const outcome = await compileAfter((ws) =>
      ws.edit('charter/PLATFORM_CHARTER.md', (t) => `${t}\n${'> '.repeat(10_000)}x\n`),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      expect.stringMatching(
        new RegExp(
          /^charter\/PLATFORM_CHARTER\.md:\d+:65 error markdown-too-deep /.source +
            /lists and block quotes are nested more than 32 levels deep$/.source,
        ),
      ),
    ]);
  });
});

describe('a BOM and CRLF line endings (case 11)', () => {
  it('compile to the byte-identical prompt and provenance', async () => {
    const outcome = await compileAfter(async (ws) => {
      const files = (await readdir(ws.root, { recursive: true, withFileTypes: true }))
        .filter(
          (e) =>
            e.isFile() &&
            /\.(md|yaml)$/.test(e.name) &&
            !path.join(e.parentPath, e.name).includes(`${path.sep}prompts${path.sep}`),
        )
        .map((e) => path.join(e.parentPath, e.name));
      expect(files.length).toBeGreaterThan(30);
      for (const file of files) await writeFile(file, `\uFEFF${(await readFile(file, 'utf8')).replace(/\n/g, '\r\n')}`);
    });
    expect(outcome.exit).toBe(0);
    expect(outcome.stdout).toMatch(/^prompts\/phase-02-wave-4\.md unchanged\n/);
    expect(outcome.promptsUntouched).toBe(true);
  });
});
