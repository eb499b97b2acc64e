import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';
import { generateSchemas } from '../../src/authoring/json-schemas.js';
import { run } from '../../src/cli/run.js';
import { compileWave, emitPrompt } from '../../src/compile.js';
import { lintPrompt } from '../../src/lint.js';
import { sha256 } from '../../src/util/hash.js';
import { VERSION } from '../../src/version.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { parse } from 'yaml';
import { STARTER_CHARTER_ROLES } from '../../src/authoring/starter.js';
import { captureIo, REPO_ROOT, snapshot } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
async function emptyDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'wavec-init-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('initWorkspace', () => {
  it('writes the derived required_sections commented out; uncommented, it is what wavec derives anyway', async () => {
    const dir = await emptyDir();
    expect((await initWorkspace(dir)).written).toBe(true);
    const text = await readFile(path.join(dir, 'wavec.config.yaml'), 'utf8');
    expect(text).toMatch(
      /# Derived by wavec init from the layout \(master-prompt\)[^\n]*\n(#[^\n]*\n)+# required_sections:\n/,
    );
    const written = parse(text);
    expect(written.charter_roles).toEqual(STARTER_CHARTER_ROLES);
    expect(written.required_sections).toBeUndefined();
    const uncommented = parse(text.replace(/^# (required_sections:| {2}headings:| {4}- .*)$/gm, '$1'));
    expect(uncommented.required_sections.headings).toContain('## Honest reporting (charter §3)');
    const loaded = await loadWorkspace(dir);
    expect(loaded.ok && loaded.workspace.config.required_sections).toEqual({
      headings: uncommented.required_sections.headings,
      match_case: false,
    });
  });

  it('refuses a file where a folder goes before writing anything, so a second init is not refused', async () => {
    const dir = await emptyDir();
    // A file where the schemas folder goes: the last files could not be written.
    await writeFile(path.join(dir, 'schemas'), 'in the way\n');
    const refused = await initWorkspace(dir);
    expect(refused.written).toBe(false);
    expect(refused.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      [
        'init-exists',
        'schemas',
        'schemas exists and is not a folder; wavec init puts files under it and never replaces what is there',
      ],
    ]);
    expect(await snapshot(dir)).toEqual({ schemas: 'in the way\n' });
    await rm(path.join(dir, 'schemas'));
    expect((await initWorkspace(dir)).written).toBe(true);
  });

  it('lays out a workspace whose first wave compiles and lints clean', async () => {
    const dir = await emptyDir();
    const result = await initWorkspace(dir);
    expect(result.written).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.files.slice(0, 2)).toEqual(['wavec.config.yaml', 'charter/PLATFORM_CHARTER.md']);
    expect(result.files).toContain('waves/phase-01/wave-1.yaml');
    expect(result.files.filter((f) => f.startsWith('schemas/'))).toEqual([
      'schemas/wave-spec.schema.json',
      'schemas/fragment.schema.json',
      'schemas/wavec-config.schema.json',
    ]);

    const compiled = await compileWave(dir, { wave: 1 });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.ok).toBe(true);
    expect(compiled.prompt!.path).toBe('prompts/phase-01-wave-1.md');
    expect(await emitPrompt(compiled, dir)).toEqual({ ok: true, status: 'written', promptChanged: true });
    const lint = await lintPrompt(dir, { path: 'prompts/phase-01-wave-1.md' }, { drift: true });
    expect(lint.diagnostics).toEqual([]);
    expect(lint.ok).toBe(true);
  });

  it('writes no package fragment (the base layer), current schemas, a charter with §1, §2 and §3', async () => {
    const dir = await emptyDir();
    const { files } = await initWorkspace(dir);
    expect(files.filter((f) => f.startsWith('templates/'))).toEqual([]);
    await expect(readdir(path.join(dir, 'templates'))).rejects.toThrow(/ENOENT/);
    for (const schema of generateSchemas())
      expect(await readFile(path.join(dir, 'schemas', schema.file), 'utf8')).toBe(schema.text);
    const charter = await readFile(path.join(dir, 'charter/PLATFORM_CHARTER.md'), 'utf8');
    expect(charter.match(/^## §\d+/gm)).toEqual(['## §1', '## §2', '## §3']);
  });

  it('with eject, copies every package fragment, each recording the base it was copied from', async () => {
    const dir = await emptyDir();
    const { files } = await initWorkspace(dir, { eject: true });
    const templates = files.filter((f) => f.startsWith('templates/'));
    const shipped = (await readdir(path.join(REPO_ROOT, 'templates'), { recursive: true })).filter((f) =>
      f.endsWith('.md'),
    );
    expect(templates).toHaveLength(shipped.length);
    expect(templates).toContain('templates/layouts/master-prompt.md');
    for (const file of templates) {
      const base = await readFile(path.join(REPO_ROOT, file), 'utf8');
      const copy = await readFile(path.join(dir, file), 'utf8');
      const recorded = `overrides:\n  wavec: ${VERSION}\n  digest: ${sha256(base)}\n---\n`;
      expect(copy).toContain(recorded);
      // Only the record is added: the body is the base's, byte for byte.
      expect(copy.slice(copy.indexOf(recorded) + recorded.length)).toBe(base.slice(base.indexOf('\n---\n', 3) + 5));
    }
    const compiled = await compileWave(dir, { wave: 1 });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.provenance!.fragments.every((f) => f.layer === 'user' && f.path.startsWith('templates/'))).toBe(
      true,
    );
  });

  it('refuses when any file exists, listing every one, and writes nothing', async () => {
    const dir = await emptyDir();
    await writeFile(path.join(dir, 'wavec.config.yaml'), 'mine\n');
    await mkdir(path.join(dir, 'templates/sections'), { recursive: true });
    await writeFile(path.join(dir, 'templates/sections/mission.md'), 'mine too\n');
    await writeFile(path.join(dir, 'notes.txt'), 'unrelated\n');
    const before = await snapshot(dir);
    const result = await initWorkspace(dir, { eject: true });
    expect(result.written).toBe(false);
    expect(result.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual([
      'wavec.config.yaml init-exists wavec.config.yaml already exists; wavec init never overwrites a file',
      'templates/sections/mission.md init-exists templates/sections/mission.md already exists; wavec init never ' +
        'overwrites a file',
    ]);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('wavec init', () => {
  it('creates the workspace in the named folder and says what to run next', async () => {
    const parent = await emptyDir();
    const io = captureIo(parent);
    expect(await run(['init', 'platform'], io)).toBe(0);
    expect(io.out()).toMatch(/^Created a wavec workspace in platform:\n {2}wavec\.config\.yaml\n/);
    expect(io.out()).toContain(
      "\n  (no templates/)               wavec's own fragments apply; `wavec eject ID` copies one to edit\n",
    );
    expect(io.out().endsWith('\nNext: cd platform && wavec compile 1\n')).toBe(true);
    const compile = captureIo(path.join(parent, 'platform'));
    expect(await run(['compile', '1'], compile)).toBe(0);
    expect(compile.out()).toMatch(/^prompts\/phase-01-wave-1\.md written\n/);
  });

  it('exits 2 and lists the files that exist', async () => {
    const dir = await emptyDir();
    await mkdir(path.join(dir, 'waves/phase-01'), { recursive: true });
    await writeFile(path.join(dir, 'waves/phase-01/wave-1.yaml'), 'mine\n');
    const io = captureIo(dir);
    expect(await run(['init'], io)).toBe(2);
    expect(io.err()).toBe(
      'wavec init: 1 of the files it would write already exists in .; nothing written:\n  waves/phase-01/wave-1.yaml\n',
    );
    expect(io.out()).toBe('');
  });
});
