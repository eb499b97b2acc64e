import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { compileWave } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { excerptWindow, formatDiagnostic } from '../src/diagnostics/format.js';
import { lintPrompt } from '../src/lint.js';
import { compileWaveTool } from '../src/mcp/tools/compile-wave.js';
import { captureIo, useScratchWorkspaces } from './helpers/workspace.js';

const workspace = useScratchWorkspaces();
const SPEC = 'waves/phase-02/wave-4.yaml';
const PROMPT = 'prompts/phase-02-wave-4.md';

/** A copy of the example with placeholders left in a plain scalar, a folded scalar and a fragment. */
async function withPlaceholders() {
  const ws = await workspace();
  await ws.edit(SPEC, (t) =>
    t
      .replace('title: Honcho subsystem', 'title: Honcho TODO subsystem')
      .replace('  honcho-redis, honcho-api,', '  honcho-redis, TODO honcho-api,'),
  );
  await ws.edit('templates/sections/mission.md', (t) =>
    t.replace('## Mission\n\n', '## Mission\n\nFIXME: a note left in the fragment.\n\n'),
  );
  return ws;
}

const placeholders = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.code === 'leftover-placeholder');

describe('a finding on text from a spec value or a fragment', () => {
  it('is reported where that text is written, with the prompt position as related', async () => {
    const ws = await withPlaceholders();
    const result = await compileWave(ws.root, { wave: 4 });
    const prompt = result.prompt!.text.split('\n');
    const lineOf = (needle: string) => prompt.findIndex((l) => l.includes(needle)) + 1;
    const at = (needle: string) => ({
      message: 'the prompt line it produced',
      file: PROMPT,
      line: lineOf(needle),
      column: prompt[lineOf(needle) - 1]!.indexOf(needle.includes('FIXME') ? 'FIXME' : 'TODO') + 1,
    });
    // Sorted by file; the title's second use (in the mission line) is the same edit, reported once.
    expect(
      placeholders(result.diagnostics).map(({ file, line, column, related }) => ({ file, line, column, related })),
    ).toEqual([
      { file: 'templates/sections/mission.md', line: 9, column: 1, related: at('FIXME: a note') },
      { file: SPEC, line: 6, column: 15, related: at('# Phase 02 · Wave 4: Honcho TODO') },
      { file: SPEC, line: 15, column: 17, related: at('honcho-redis, TODO') },
    ]);
  });

  it('is located the same by compile and by lint of the written prompt', async () => {
    const ws = await withPlaceholders();
    await ws.edit('wavec.config.yaml', (t) => `${t.trimEnd()}\nrules:\n  leftover-placeholder: warning\n`);
    const io = captureIo(ws.root);
    expect(await run(['compile', '4'], io)).toBe(0);
    const compiled = placeholders((await compileWave(ws.root, { wave: 4 })).diagnostics);
    const linted = placeholders((await lintPrompt(ws.root, { path: PROMPT })).diagnostics);
    expect(compiled).toHaveLength(3);
    expect(linted).toEqual(compiled);
  });

  it('says a prompt position is in the compiled text when the prompt was not written', async () => {
    const ws = await withPlaceholders();
    const io = captureIo(ws.root);
    expect(await run(['compile', '4'], io)).toBe(1);
    expect(io.err()).toContain(
      [
        `${SPEC}:6:15 error leftover-placeholder leftover placeholder "TODO": unfinished text`,
        '  6 | title: Honcho TODO subsystem',
        '    |               ^',
        `  ${PROMPT}:1:29 the prompt line it produced (in the compiled text, not written)`,
      ].join('\n'),
    );
    await ws.edit(SPEC, (t) =>
      t
        .replace('title: Honcho TODO subsystem', 'title: Honcho subsystem')
        .replace('max_tokens: 4500', 'max_tokens: 1000'),
    );
    const over = captureIo(ws.root);
    expect(await run(['compile', '4'], over)).toBe(1);
    // Not on disk: no excerpt from the old file, and the message says where the line is.
    expect(over.err()).toMatch(
      new RegExp(
        `^${PROMPT}:\\d+:1 error budget-tokens .* \\(in the compiled text, not written\\)\\n  \\d+ \\| ## `,
        'm',
      ),
    );
  });
});

describe('the MCP compile_wave tool', () => {
  it('says a prompt position is in the returned text unless the prompt is on disk', async () => {
    const ws = await withPlaceholders();
    const answer = await compileWaveTool(ws.root, { wave: 4, write: false, force: false });
    const diagnostics = (answer.structuredContent as { diagnostics: Diagnostic[] }).diagnostics;
    const related = placeholders(diagnostics).map((d) => d.related?.message);
    expect(related).toEqual(Array(3).fill('the prompt line it produced (in the compiled text, not written)'));
  });
});

describe('the excerpt of a long line', () => {
  it('is a window around the column, cut with an ellipsis, caret under the column', () => {
    const line = `${'a'.repeat(300)}TODO${'b'.repeat(300)}`;
    expect(excerptWindow(line, 300)).toEqual({ text: `…${'a'.repeat(60)}TODO${'b'.repeat(56)}…`, caret: 61 });
    expect(excerptWindow('short TODO line', 6)).toEqual({ text: 'short TODO line', caret: 6 });
    expect(excerptWindow(`${'c'.repeat(230)} TODO`, 231)).toEqual({ text: `${'c'.repeat(230)} TODO`, caret: 231 });
    expect(excerptWindow(`TODO${'b'.repeat(300)}`, 0)).toEqual({ text: `TODO${'b'.repeat(116)}…`, caret: 0 });
    expect(excerptWindow(`${'b'.repeat(300)}TODO`, 300)).toEqual({ text: `…${'b'.repeat(116)}TODO`, caret: 117 });
    const printed = formatDiagnostic(
      { code: 'leftover-placeholder', severity: 'error', message: 'm', file: 'f.md', line: 1, column: 301 },
      { sourceOf: () => `${line}\n` },
    );
    expect(printed).toBe(
      `f.md:1:301 error leftover-placeholder m\n  1 | …${'a'.repeat(60)}TODO${'b'.repeat(56)}…\n` +
        `    | ${' '.repeat(61)}^`,
    );
  });
});
