import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileAfter, fragment, SPEC, type Workspace } from './harness.js';

// Case 9 of the bad-input issue: nothing is read from or written to a place
// outside the workspace, whether a partial name, the config or a symbolic
// link tries to lead there. Links are judged by their real paths.

const outsideDirs: string[] = [];
afterEach(async () => {
  await Promise.all(outsideDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A folder outside every workspace, with a fragment and a spec in it. */
async function outside(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wavec-outside-'));
  outsideDirs.push(dir);
  await mkdir(path.join(dir, 'fragments'));
  await writeFile(path.join(dir, 'fragments', 'evil.md'), fragment('evil', 'section', '## Evil\n'));
  await writeFile(path.join(dir, 'evil.md'), fragment('evil', 'section', '## Evil\n'));
  return dir;
}

const config = (ws: Workspace, from: string, to: string) => ws.edit('wavec.config.yaml', (t) => t.replace(from, to));

describe('partial names are fragment ids, never paths (case 9)', () => {
  it.each([
    ['../../x', '../../x'],
    ['"/etc/passwd"', '/etc/passwd'],
  ])('{{> %s}} is an unknown partial', async (written, id) => {
    const outcome = await compileAfter((ws) =>
      ws.write('templates/sections/bad.md', fragment('bad', 'section', `{{> ${written}}}\n`)),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `templates/sections/bad.md:6:1 error template-unknown-partial unknown partial "${id}"`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });
});

describe('paths in the config stay inside the workspace (case 9)', () => {
  it.each([
    [
      'output_dir: prompts',
      'output_dir: ../elsewhere',
      '7:13 error path-outside-workspace output_dir "../elsewhere" is outside the workspace',
    ],
    [
      'output_dir: prompts',
      'output_dir: /tmp/elsewhere',
      '7:13 error path-outside-workspace output_dir "/tmp/elsewhere" is outside the workspace',
    ],
    [
      'output_dir: prompts',
      'output_dir: prompts/../../elsewhere',
      '7:13 error path-outside-workspace output_dir "prompts/../../elsewhere" is outside the workspace',
    ],
    [
      'templates_dir: templates',
      'templates_dir: ../templates',
      '5:16 error path-outside-workspace templates_dir "../templates" is outside the workspace',
    ],
    [
      'charter: charter/PLATFORM_CHARTER.md',
      'charter: /etc/passwd',
      '11:10 error path-outside-workspace charter "/etc/passwd" is outside the workspace',
    ],
  ])('%s → %s is refused at the key', async (from, to, expected) => {
    const outcome = await compileAfter((ws) => config(ws, from, to));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `wavec.config.yaml:${expected}: paths in wavec.config.yaml are relative to it and stay inside`,
    ]);
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses an output_name that climbs out of output_dir', async () => {
    const outcome = await compileAfter((ws) =>
      config(ws, 'output_name: phase-{phase:02}-wave-{wave}.md', 'output_name: ../../wave-{wave}.md'),
    );
    expect(outcome.diagnostics).toEqual([
      'wavec.config.yaml:8:14 error path-outside-workspace output_name "../../wave-{wave}.md" leads out of output_dir',
    ]);
  });

  it('never prints a line of a file outside the workspace as an excerpt', async () => {
    const outcome = await compileAfter((ws) =>
      config(ws, 'charter: charter/PLATFORM_CHARTER.md', 'charter: /etc/passwd'),
    );
    expect(outcome.stderr).not.toContain('root:');
  });
});

describe('symbolic links that lead out (case 9)', () => {
  it('refuses a fragment that links to a file outside, without printing that file', async () => {
    const dir = await outside();
    const outcome = await compileAfter((ws) =>
      symlink(path.join(dir, 'evil.md'), path.join(ws.root, 'templates/sections/evil.md')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `templates/sections/evil.md:1:1 error path-outside-workspace templates/sections/evil.md resolves outside ` +
        `the workspace (${path.join(dir, 'evil.md')})`,
    ]);
    expect(outcome.stderr).not.toContain('| ---');
    expect(outcome.promptsUntouched).toBe(true);
  });

  it('refuses a folder link that leads outside instead of listing what is there', async () => {
    const dir = await outside();
    const outcome = await compileAfter((ws) =>
      symlink(path.join(dir, 'fragments'), path.join(ws.root, 'templates/shared')),
    );
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `templates/shared:1:1 error path-outside-workspace templates/shared links outside the workspace ` +
        `(${path.join(dir, 'fragments')})`,
    ]);
  });

  it('does not follow a folder link inside the workspace either (a link to .. would loop)', async () => {
    const outcome = await compileAfter((ws) => symlink('..', path.join(ws.root, 'templates/sections/loop')));
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      'templates/sections/loop:1:1 error templates-folder-link templates/sections/loop is a link to a folder; ' +
        'wavec does not follow folder links in the fragment library',
    ]);
  });

  it('refuses a templates folder that is itself a link outside', async () => {
    const dir = await outside();
    const outcome = await compileAfter(async (ws) => {
      await rm(path.join(ws.root, 'templates'), { recursive: true });
      await symlink(path.join(dir, 'fragments'), path.join(ws.root, 'templates'));
    });
    expect(outcome.diagnostics).toEqual([
      `templates:1:1 error path-outside-workspace templates folder templates resolves outside the workspace ` +
        `(${path.join(dir, 'fragments')})`,
    ]);
  });

  it('refuses a spec that links outside', async () => {
    const dir = await outside();
    const outcome = await compileAfter(async (ws) => {
      await writeFile(path.join(dir, 'wave-4.yaml'), await readFile(path.join(ws.root, SPEC)));
      await rm(path.join(ws.root, SPEC));
      await symlink(path.join(dir, 'wave-4.yaml'), path.join(ws.root, SPEC));
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `${SPEC}:1:1 error path-outside-workspace ${SPEC} resolves outside the workspace ` +
        `(${path.join(dir, 'wave-4.yaml')})`,
    ]);
  });

  it('writes nothing through an output folder that links outside', async () => {
    const dir = await outside();
    const outcome = await compileAfter(async (ws) => {
      await rm(path.join(ws.root, 'prompts'), { recursive: true });
      await symlink(dir, path.join(ws.root, 'prompts'));
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `prompts/phase-02-wave-4.md:1:1 error output-outside-workspace output folder prompts resolves outside the ` +
        `workspace (${dir})`,
    ]);
    expect((await readdir(dir)).sort()).toEqual(['evil.md', 'fragments']);
  });

  it('creates no folder outside when the output folder is below such a link', async () => {
    const dir = await outside();
    const outcome = await compileAfter(async (ws) => {
      await symlink(dir, path.join(ws.root, 'out'));
      await config(ws, 'output_dir: prompts', 'output_dir: out/sub');
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.diagnostics).toEqual([
      `out/sub/phase-02-wave-4.md:1:1 error output-outside-workspace output folder out/sub resolves outside the ` +
        `workspace (${dir})`,
    ]);
    expect((await readdir(dir)).sort()).toEqual(['evil.md', 'fragments']);
  });
});
