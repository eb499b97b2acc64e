import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { newWave } from '../../src/authoring/new-wave.js';
import { compileWave } from '../../src/compile.js';
import { captureIo, copyWorkspace, snapshot } from '../helpers/workspace.js';
import { startSession, textOf, type Session } from './session.js';

// One server for the file: tests run in order and share its workspace copy.
let ws: Awaited<ReturnType<typeof copyWorkspace>>;
let session: Session;
beforeAll(async () => {
  ws = await copyWorkspace();
  session = await startSession(ws.root);
});
afterAll(async () => {
  await session?.close();
  await ws?.cleanup();
});

describe('wavec mcp', () => {
  it('lists its tools, each with an input and an output schema', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['compile_wave', 'list_fragments', 'new_wave']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description).toBeTruthy();
    }
    const compile = tools.find((t) => t.name === 'compile_wave')!;
    expect(compile.inputSchema.required).toEqual(['wave']);
    expect(compile.inputSchema.properties?.wave).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(Object.keys(compile.inputSchema.properties ?? {}).sort()).toEqual(['force', 'phase', 'wave', 'write']);
  });

  it('compiles wave 4 to the same prompt as compileWave and `wavec compile --stdout`, and writes nothing', async () => {
    const before = await snapshot(path.join(ws.root, 'prompts'));
    const result = await session.call('compile_wave', { wave: 4 });
    const library = await compileWave(ws.root, { wave: 4 });
    const io = captureIo(ws.root);
    expect(await run(['compile', '4', '--stdout'], io)).toBe(0);

    expect(result.isError).toBe(false);
    const answer = result.structuredContent as Record<string, any>;
    expect(answer.prompt).toBe(library.prompt!.text);
    expect(answer.prompt).toBe(io.out());
    expect(answer).toMatchObject({ ok: true, status: 'compiled', path: 'prompts/phase-02-wave-4.md', diagnostics: library.diagnostics });
    expect(answer.stats).toEqual({
      lines: library.stats!.lines,
      tokens: library.stats!.tokens,
      encoding: 'o200k_base',
      budget: { max_tokens: 4500, max_lines: 320, reserve_tokens: 0 },
      within_budget: true,
    });
    expect(answer.sections).toEqual(library.sections);
    expect(answer.fragments).toEqual(library.stats!.fragments);
    expect(answer.provenance).toEqual(library.provenance);
    expect(textOf(result).split('\n')[0]).toBe('prompts/phase-02-wave-4.md compiled, not written (call again with write: true to write it)');
    expect(await snapshot(path.join(ws.root, 'prompts'))).toEqual(before);
  });

  it('returns input errors as a tool error that carries the diagnostics', async () => {
    const result = await session.call('compile_wave', { wave: 9 });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({
      ok: false,
      status: 'failed',
      diagnostics: [
        {
          code: 'spec-not-found',
          severity: 'error',
          message: 'no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)',
          file: 'waves',
          line: 1,
          column: 1,
        },
      ],
    });
    expect(textOf(result)).toBe(
      ['wave 9 did not compile', 'waves:1:1 error spec-not-found no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)', '1 error, 0 warnings'].join('\n'),
    );
  });

  it('writes only with write: true, and overwrites a hand-edited prompt only with force: true', async () => {
    const compiled = (await compileWave(ws.root, { wave: 4 })).prompt!.text;
    await ws.write('prompts/phase-02-wave-4.md', `${compiled}\nA line the operator added by hand.\n`);

    const refused = await session.call('compile_wave', { wave: 4, write: true });
    expect(refused.isError).toBe(true);
    const answer = refused.structuredContent as Record<string, any>;
    expect(answer.status).toBe('not written');
    expect(answer.diagnostics).toContainEqual({
      code: 'output-hand-edited',
      severity: 'error',
      message: 'prompts/phase-02-wave-4.md was edited by hand (it no longer matches the hash in prompts/phase-02-wave-4.provenance.json); not overwriting it',
      file: 'prompts/phase-02-wave-4.md',
      line: 1,
      column: 1,
      hint: 'move the edits into the wave spec or the fragments and compile again, or pass --force to discard them',
    });
    expect(await ws.read('prompts/phase-02-wave-4.md')).toMatch(/A line the operator added by hand\.\n$/);

    const forced = await session.call('compile_wave', { wave: 4, write: true, force: true });
    expect(forced.isError).toBe(false);
    expect(forced.structuredContent).toMatchObject({ ok: true, status: 'written' });
    expect(await ws.read('prompts/phase-02-wave-4.md')).toBe(compiled);

    const again = await session.call('compile_wave', { wave: 4, write: true });
    expect(again.structuredContent).toMatchObject({ ok: true, status: 'unchanged' });
  });

  it('answers malformed arguments with a tool error and keeps serving', async () => {
    for (const args of [{ wave: 'four' }, { wave: 0 }, { wave: 2.5 }, {}, { wave: 4, write: 'yes' }]) {
      const result = await session.call('compile_wave', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(/^MCP error -32602: Input validation error: Invalid arguments for tool compile_wave: /);
    }
    const unknownKind = await session.call('list_fragments', { kind: 'partial' });
    expect(unknownKind.isError).toBe(true);
    const unknownTool = await session.call('compile_everything', {});
    expect(unknownTool.isError).toBe(true);
    expect(textOf(unknownTool)).toBe('MCP error -32602: Tool compile_everything not found');

    const after = await session.call('compile_wave', { wave: 3 });
    expect(after.structuredContent).toMatchObject({ ok: true, status: 'compiled', path: 'prompts/phase-02-wave-3.md' });
  });

  it('lists fragments with id, kind, title and path, optionally of one kind', async () => {
    const all = await session.call('list_fragments', {});
    expect(all.isError).toBe(false);
    const fragments = (all.structuredContent as { fragments: Record<string, string>[] }).fragments;
    expect(fragments).toContainEqual({
      id: 'stateful-postgres-pgvector',
      kind: 'pattern',
      title: 'Stateful postgres with pgvector',
      path: 'templates/patterns/stateful-postgres-pgvector.md',
      description: 'Postgres with the pgvector extension; the extension must exist before the data is restored.',
    });
    expect([...new Set(fragments.map((f) => f.kind))]).toEqual(['charter', 'constraint', 'layout', 'pattern', 'section']);

    const layouts = await session.call('list_fragments', { kind: 'layout' });
    expect((layouts.structuredContent as { fragments: unknown[] }).fragments).toEqual([
      { id: 'master-prompt', kind: 'layout', title: 'Wave master prompt', path: 'templates/layouts/master-prompt.md', description: expect.any(String) },
    ]);
    expect(textOf(layouts).split('\n')[0]).toBe('1 fragment of kind layout');
  });

  it('scaffolds a new wave as newWave does, and writes it only with write: true, never over an existing spec', async () => {
    const before = await snapshot(path.join(ws.root, 'waves'));
    const library = await newWave(ws.root, { wave: 5, write: false });
    const preview = await session.call('new_wave', { wave: 5 });
    expect(preview.isError).toBe(false);
    expect(preview.structuredContent).toEqual({ ok: true, path: 'waves/phase-02/wave-5.yaml', text: library.text, written: false, diagnostics: [] });
    expect(textOf(preview).split('\n')[0]).toBe('waves/phase-02/wave-5.yaml scaffolded, not written (call again with write: true to write it)');
    expect(await snapshot(path.join(ws.root, 'waves'))).toEqual(before);

    const written = await session.call('new_wave', { wave: 5, from: 4, write: true });
    expect(written.structuredContent).toMatchObject({ ok: true, path: 'waves/phase-02/wave-5.yaml', written: true });
    expect(await ws.read('waves/phase-02/wave-5.yaml')).toBe(library.text);

    const again = await session.call('new_wave', { wave: 5, write: true });
    expect(again.isError).toBe(true);
    expect(again.structuredContent).toEqual({
      ok: false,
      path: 'waves/phase-02/wave-5.yaml',
      written: false,
      diagnostics: [
        {
          code: 'new-exists',
          severity: 'error',
          message: 'waves/phase-02/wave-5.yaml already exists; wavec new never overwrites a spec',
          file: 'waves/phase-02/wave-5.yaml',
          line: 1,
          column: 1,
          hint: 'edit it, or pick another wave number',
        },
      ],
    });
  });

  it('logs to stderr, never to stdout', () => {
    expect(session.stderr()).toBe(`wavec mcp: serving ${ws.root} over stdio\n`);
  });
});
