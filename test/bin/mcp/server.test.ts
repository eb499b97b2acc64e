import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { newWave } from '../../../src/authoring/new-wave.js';
import { compileWave } from '../../../src/compile.js';
import { explainBudget } from '../../../src/explain/explain.js';
import { lintPrompt } from '../../../src/lint.js';
import { captureIo, copyWorkspace, snapshot } from '../../helpers/workspace.js';
import { startSession, textOf, type Session } from '../../mcp/session.js';

const DEFECTIVE =
  '# Draft\n\n## Mission\n\nTODO: write the mission for [SUBSYSTEM].\n\nRun `rm -rf /srv/data` first.\n\n' +
  'Hello\u200bworld {{ leftover }}\n';

/** `wavec lint <args> --format json`, in process: the one prompt it reports. */
async function lintJson(args: string[]): Promise<{ diagnostics: unknown[]; stats: unknown }> {
  const io = captureIo(ws.root);
  await run(['lint', ...args, '--format', 'json'], io);
  const report = JSON.parse(io.out()) as { prompts: { diagnostics: unknown[]; stats: unknown }[] };
  expect(report.prompts).toHaveLength(1);
  return report.prompts[0]!;
}

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
    expect(tools.map((t) => t.name).sort()).toEqual([
      'check_hand_back',
      'compile_wave',
      'explain_budget',
      'lint_prompt',
      'list_fragments',
      'new_wave',
      'pr',
      'status',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description).toBeTruthy();
    }
    const compile = tools.find((t) => t.name === 'compile_wave')!;
    // A wave, or all / changed instead: none is required by the schema, the tool says which is missing.
    expect(compile.inputSchema.required ?? []).toEqual([]);
    expect(compile.inputSchema.properties?.wave).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(Object.keys(compile.inputSchema.properties ?? {}).sort()).toEqual([
      'all',
      'changed',
      'force',
      'phase',
      'wave',
      'write',
    ]);
  });

  it('compiles wave 4 to the same prompt as compileWave and `wavec compile --stdout`, and writes nothing', async () => {
    const before = await snapshot(path.join(ws.root, 'prompts'));
    const result = await session.call('compile_wave', { wave: 4 });
    const library = await compileWave(ws.root, { wave: 4 });
    const io = captureIo(ws.root);
    expect(await run(['compile', '4', '--stdout'], io)).toBe(0);

    expect(result.isError).toBe(false);
    const answer = result.structuredContent as Record<string, unknown>;
    expect(answer.prompt).toBe(library.prompt!.text);
    expect(answer.prompt).toBe(io.out());
    expect(answer).toMatchObject({
      ok: true,
      status: 'compiled',
      path: 'prompts/phase-02-wave-4.md',
      diagnostics: library.diagnostics,
    });
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
    expect(textOf(result).split('\n')[0]).toBe(
      'prompts/phase-02-wave-4.md compiled, not written (call again with write: true to write it)',
    );
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
          hint: 'the waves there are: 2, 3, 4 (phase-02); wavec new 9 scaffolds it',
        },
      ],
    });
    expect(textOf(result)).toBe(
      [
        'wave 9 did not compile',
        'waves:1:1 error spec-not-found no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)',
        '  hint: the waves there are: 2, 3, 4 (phase-02); wavec new 9 scaffolds it',
        '1 error, 0 warnings',
      ].join('\n'),
    );
  });

  it('writes only with write: true, and overwrites a hand-edited prompt only with force: true', async () => {
    const compiled = (await compileWave(ws.root, { wave: 4 })).prompt!.text;
    await ws.write('prompts/phase-02-wave-4.md', `${compiled}\nA line the operator added by hand.\n`);

    const refused = await session.call('compile_wave', { wave: 4, write: true });
    expect(refused.isError).toBe(true);
    const answer = refused.structuredContent as Record<string, unknown>;
    expect(answer.status).toBe('not written');
    expect(answer.diagnostics).toContainEqual({
      code: 'output-hand-edited',
      severity: 'error',
      message:
        'prompts/phase-02-wave-4.md was edited by hand (it no longer matches the hash in ' +
        'prompts/phase-02-wave-4.provenance.json); not overwriting it',
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
    for (const args of [{ wave: 'four' }, { wave: 0 }, { wave: 2.5 }, { wave: 4, write: 'yes' }, { all: 'yes' }]) {
      const result = await session.call('compile_wave', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(
        /^MCP error -32602: Input validation error: Invalid arguments for tool compile_wave: /,
      );
    }
    for (const args of [{}, { wave: 4, all: true }]) {
      const result = await session.call('compile_wave', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toBe('give either wave, or all: true, or changed: true');
    }
    const unknownKind = await session.call('list_fragments', { kind: 'partial' });
    expect(unknownKind.isError).toBe(true);
    const unknownTool = await session.call('compile_everything', {});
    expect(unknownTool.isError).toBe(true);
    expect(textOf(unknownTool)).toBe('MCP error -32602: Tool compile_everything not found');

    const after = await session.call('compile_wave', { wave: 3 });
    expect(after.structuredContent).toMatchObject({ ok: true, status: 'compiled', path: 'prompts/phase-02-wave-3.md' });
  });

  it('lists fragments with id, kind, title, path and layer, optionally of one kind', async () => {
    const all = await session.call('list_fragments', {});
    expect(all.isError).toBe(false);
    const fragments = (all.structuredContent as { fragments: Record<string, string>[] }).fragments;
    expect(fragments).toContainEqual({
      id: 'stateful-postgres-pgvector',
      kind: 'pattern',
      title: 'Stateful postgres with pgvector',
      path: 'templates/patterns/stateful-postgres-pgvector.md',
      layer: 'user',
      description: 'Postgres with the pgvector extension; the extension must exist before the data is restored.',
    });
    expect([...new Set(fragments.map((f) => f.kind))]).toEqual([
      'charter',
      'constraint',
      'layout',
      'pattern',
      'section',
    ]);

    const layouts = await session.call('list_fragments', { kind: 'layout' });
    expect((layouts.structuredContent as { fragments: unknown[] }).fragments).toEqual([
      {
        id: 'master-prompt',
        kind: 'layout',
        title: 'Wave master prompt',
        path: 'templates/layouts/master-prompt.md',
        layer: 'user',
        description: expect.any(String),
      },
      {
        id: 'pr-body',
        kind: 'layout',
        title: 'Pull request body',
        path: 'templates/layouts/pr-body.md',
        layer: 'user',
        description: expect.any(String),
      },
      {
        id: 'pr-commit-message',
        kind: 'layout',
        title: 'Pull request commit message',
        path: 'templates/layouts/pr-commit-message.md',
        layer: 'user',
        description: expect.any(String),
      },
    ]);
    expect(textOf(layouts).split('\n')[0]).toBe('3 fragments of kind layout');
  });

  it('lints a defective hand-written prompt with the same diagnostics as `wavec lint`', async () => {
    await mkdir(path.join(ws.root, 'drafts'), { recursive: true });
    await ws.write('drafts/defective.md', DEFECTIVE);
    const cli = await lintJson(['drafts/defective.md']);
    const result = await session.call('lint_prompt', { path: 'drafts/defective.md' });

    expect(result.isError).toBe(true);
    const answer = result.structuredContent as {
      [key: string]: unknown;
      diagnostics: { code: string; message: string }[];
    };
    expect(answer).toMatchObject({ ok: false, path: 'drafts/defective.md', compiled: false });
    expect(answer.diagnostics).toEqual(cli.diagnostics);
    expect(answer.stats).toEqual(cli.stats);
    expect(answer.diagnostics.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining(['leftover-placeholder', 'destructive-command', 'hidden-character', 'section-required']),
    );
    expect(textOf(result).split('\n')[0]).toBe(
      `drafts/defective.md: hand-written prompt, ${cli.diagnostics.length} errors, 0 warnings`,
    );
  });

  it('lints a hand-edited compiled prompt with every rule and drift, as `wavec lint --drift` does', async () => {
    await ws.edit('prompts/phase-02-wave-3.md', (t) =>
      t.replace('## Hand-back\n', '').replace('## Mission\n\n', '## Mission\n\nSee PR #99 for context.\n\n'),
    );
    const cli = await lintJson(['prompts/phase-02-wave-3.md', '--drift']);
    const result = await session.call('lint_prompt', { path: 'prompts/phase-02-wave-3.md', drift: true });

    const answer = result.structuredContent as {
      [key: string]: unknown;
      diagnostics: { code: string; message: string }[];
    };
    expect(answer).toMatchObject({ ok: false, compiled: true });
    expect(answer.diagnostics).toEqual(cli.diagnostics);
    expect(answer.diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'prompt-drift',
      'pr-reference-unknown',
      'section-required',
    ]);
    expect(answer.diagnostics[1]!.message).toBe(
      'PR #99 is not one the spec knows (canary_prs and similar_to name #29, #30)',
    );
  });

  it('lints inline text as lintPrompt does, and reads no file outside the workspace', async () => {
    const inline = await session.call('lint_prompt', { text: DEFECTIVE });
    const library = await lintPrompt(ws.root, { path: 'inline-prompt.md', text: DEFECTIVE });
    expect(inline.structuredContent).toEqual({
      ok: false,
      path: 'inline-prompt.md',
      compiled: false,
      stats: library.stats,
      diagnostics: library.diagnostics,
    });

    const outside = await session.call('lint_prompt', { path: '../elsewhere.md' });
    expect(outside.isError).toBe(true);
    expect(outside.structuredContent).toEqual({
      ok: false,
      path: '../elsewhere.md',
      diagnostics: [
        {
          code: 'path-outside-workspace',
          severity: 'error',
          message:
            '../elsewhere.md resolves outside the workspace ' +
            `(${path.join(path.dirname(await realpath(ws.root)), 'elsewhere.md')})`,
          file: '../elsewhere.md',
          line: 1,
          column: 1,
          hint: 'pass the prompt as text to lint it from anywhere',
        },
      ],
    });

    const neither = await session.call('lint_prompt', { strict: true });
    expect(neither.isError).toBe(true);
    expect(textOf(neither)).toContain('pass path (a prompt file) or text (a prompt to lint inline)');
  });

  it('explains where the budget of wave 4 goes, as explainBudget does', async () => {
    const result = await session.call('explain_budget', { wave: 4 });
    const library = await explainBudget(ws.root, { wave: 4 });
    expect(result.isError).toBe(false);
    expect(result.structuredContent).toEqual({ ok: true, ...library, within_budget: true });
    const modules = library.sections.find((s) => s.title === 'Modules')!;
    expect(textOf(result).split('\n').slice(0, 2)).toEqual([
      `prompts/phase-02-wave-4.md: tokens ${library.totals!.tokens} / 4500 (o200k_base), lines ` +
        `${library.totals!.lines} / 320 · within budget`,
      expect.stringMatching(new RegExp(`^largest sections: Modules ${modules.tokens} · `)),
    ]);
  });

  it('answers a base that cannot be compared with a tool error that says why', async () => {
    const result = await session.call('explain_budget', { wave: 4, base: 'no-such-revision' });
    expect(result.isError).toBe(true);
    const base = (result.structuredContent as { base: { totals: unknown; diagnostics: { code: string }[] } }).base;
    expect(base.totals).toBeNull();
    expect(base.diagnostics.map((d) => d.code)).toEqual(['explain-base']);
    expect(textOf(result)).toMatch(/^\.:1:1 error explain-base /m);
  });

  it('scaffolds the first wave of a new phase from a wave of an earlier one (from_phase)', async () => {
    const preview = await session.call('new_wave', { wave: 1, phase: 3, from: 4, from_phase: 2 });
    expect(preview.structuredContent).toMatchObject({
      ok: true,
      path: 'waves/phase-03/wave-1.yaml',
      written: false,
      diagnostics: [],
    });
    const { text } = preview.structuredContent as { text: string };
    expect(text).toBe((await newWave(ws.root, { wave: 1, phase: 3, from: { phase: 2, wave: 4 } })).text);
    expect(text).toMatch(/^predecessor: \{ phase: 2, wave: 4 \}$/m);
  });

  it(
    'scaffolds a new wave as newWave does, and writes it only with write: ' + 'true, never over an existing spec',
    async () => {
      const before = await snapshot(path.join(ws.root, 'waves'));
      const library = await newWave(ws.root, { wave: 5, write: false });
      const preview = await session.call('new_wave', { wave: 5 });
      expect(preview.isError).toBe(false);
      expect(preview.structuredContent).toEqual({
        ok: true,
        path: 'waves/phase-02/wave-5.yaml',
        text: library.text,
        written: false,
        diagnostics: [],
      });
      expect(textOf(preview).split('\n')[0]).toBe(
        'waves/phase-02/wave-5.yaml scaffolded, not written (call again with write: true to write it)',
      );
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
    },
  );

  it('logs to stderr, never to stdout', () => {
    expect(session.stderr()).toBe(`wavec mcp: serving ${ws.root} over stdio\n`);
  });
});
