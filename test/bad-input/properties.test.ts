import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText, stringify } from 'yaml';
import { z } from 'zod';
import { markdownLimitProblem } from '../../src/syntax/markdown-limits.js';
import { compileWave, type CompileResult } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintPrompt } from '../../src/lint.js';
import { loadWorkspace, type Workspace as LoadedWorkspace } from '../../src/load/workspace.js';
import { SpecStore } from '../../src/load/spec-store.js';
import { WaveSpec } from '../../src/schema/spec.js';
import { EXAMPLE } from '../helpers/workspace.js';
import { fragment, MISSION, SPEC, workspace } from './harness.js';

// Property tests of the bad-input issue: random specs, fragments and
// Markdown never make compileWave or lintPrompt throw, every diagnostic
// they return points at a real place, and a compile that succeeds is
// deterministic. numRuns stay modest: each run is a whole compile.

const realSpec = parseYamlText(readFileSync(path.join(EXAMPLE, SPEC), 'utf8')) as Record<string, unknown>;

/** Pieces of text that stress the parsers and the renderer, joined at random. */
const PIECES = [
  'word',
  ' ',
  '\n',
  '\n\n',
  '# ',
  '## ',
  '- ',
  '1. ',
  '> ',
  '```',
  '`',
  '*',
  '_',
  '[',
  '](x)',
  '|',
  '{{',
  '}}',
  '{{title}}',
  '{{> mission}}',
  '{{#each modules}}',
  '{{/each}}',
  '<|endoftext|>',
  '<b>',
  '&amp;',
  '\\',
  '"',
  "'",
  ':',
  '---',
  '===',
  '\t',
  'é',
  '中文',
  '🚀',
  '§3',
];
const pieces = (maxLength: number) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength }).map((parts) => parts.join(''));
const prose = fc.oneof(pieces(20), fc.string({ maxLength: 40 })).map((text) => (text.trim() === '' ? 'x' : text));

/** Ids that exist in the example workspace, so random specs often get past composition. */
const PATTERN_IDS = ['stateful-postgres', 'stateful-redis', 'stateless-api', 'stateless-worker'];
const CONSTRAINT_IDS = ['no-merge', 'no-secrets', 'redis-no-flush'];
const idLike = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?$/);

/**
 * A value of the shape a zod schema describes (required keys present, lists
 * not empty, ids mostly ones that exist), with now and then a value of any
 * shape instead: most runs get through validation into compose and render,
 * the rest exercise the validator's reports.
 */
function shaped(schema: z.ZodType, junk: boolean, key = ''): fc.Arbitrary<unknown> {
  if (!junk) return exact(schema, junk, key);
  return fc.oneof(
    { weight: 30, arbitrary: exact(schema, junk, key) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** Specs that are mostly valid, and specs with a wrong value here and there. */
const randomSpec = fc.oneof(
  { weight: 2, arbitrary: shaped(WaveSpec, false) },
  { weight: 1, arbitrary: shaped(WaveSpec, true) },
);

function exact(schema: z.ZodType, junk: boolean, key: string): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return fc.option(shaped(schema.unwrap() as z.ZodType, junk, key), { nil: undefined, freq: 3 });
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const entries = Object.fromEntries(Object.entries(shape).map(([name, inner]) => [name, shaped(inner, junk, name)]));
    return fc
      .record(entries)
      .map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));
  }
  if (schema instanceof z.ZodArray)
    return fc.array(shaped(schema.element as z.ZodType, junk, key), { minLength: 1, maxLength: 3 });
  if (schema instanceof z.ZodUnion)
    return fc.oneof(...(schema.options as z.ZodType[]).map((option) => shaped(option, junk, key)));
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...(schema.options as string[]));
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  if (schema instanceof z.ZodNumber) {
    if (key === 'phase')
      return fc.oneof({ weight: 9, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constant(1) });
    if (key === 'wave')
      return fc.oneof({ weight: 9, arbitrary: fc.constant(4) }, { weight: 1, arbitrary: fc.constant(3) });
    if (key === 'predecessor') return fc.constantFrom(3, 3, 2, 4);
    if (key === 'max_tokens') return fc.constantFrom(4500, 100);
    if (key === 'max_lines') return fc.constantFrom(320, 10);
    if (!junk) return fc.integer({ min: 1, max: 6 });
    return fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5) },
    );
  }
  if (schema instanceof z.ZodString) {
    if (key === 'pattern')
      return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PATTERN_IDS) }, { weight: 1, arbitrary: idLike });
    if (key === 'add')
      return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...CONSTRAINT_IDS) }, { weight: 1, arbitrary: idLike });
    if (key === 'layout') return fc.constantFrom('master-prompt', 'master-prompt', 'mission');
    if (key === 'id') return idLike;
    return prose;
  }
  return fc.jsonValue({ maxDepth: 1 });
}

/** Every diagnostic names a file and a 1-based position, and those in files we wrote point inside them. */
function expectWellFormed(diagnostics: Diagnostic[], files: Record<string, string> = {}): void {
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^[a-z0-9-]+$/);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1).toBe(true);
    const text = files[d.file];
    if (text !== undefined) {
      const lines = text
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
        .split('\n');
      expect(d.line).toBeLessThanOrEqual(lines.length);
      expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
    }
  }
}

/** What two compiles of the same input must agree on. */
const essence = (result: CompileResult) => ({
  ok: result.ok,
  text: result.prompt?.text,
  diagnostics: result.diagnostics,
  provenance: result.provenance,
  stats: result.stats,
});

async function loaded(root: string): Promise<LoadedWorkspace> {
  const result = await loadWorkspace(root);
  if (!result.ok) throw new Error('the example workspace must load');
  return result.workspace;
}

/** A loaded workspace keeps the specs it read: after a spec is rewritten, the same library with its specs read anew. */
const specsReread = (library: LoadedWorkspace): LoadedWorkspace => ({
  ...library,
  specs: new SpecStore(library.root, library.config),
});

describe('random wave specs', () => {
  it(
    'never throw through compileWave, every diagnostic points into the spec, and a produced prompt is reproducible',
    { timeout: 60_000 },
    async () => {
      const ws = await workspace();
      const library = await loaded(ws.root);
      await fc.assert(
        fc.asyncProperty(randomSpec, async (spec) => {
          const text = stringify(spec);
          await ws.write(SPEC, text);
          const current = specsReread(library);
          const result = await compileWave(current, { wave: 4 });
          if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          expectWellFormed(result.diagnostics, { [SPEC]: text });
          if (result.prompt) expect(essence(await compileWave(current, { wave: 4 }))).toEqual(essence(result));
        }),
        { numRuns: 40 },
      );
    },
  );

  it(
    "compile to the same bytes twice when valid, and never change the prompt's section structure, whatever " +
      'their strings say',
    { timeout: 60_000 },
    async () => {
      const ws = await workspace();
      const library = await loaded(ws.root);
      const baseline = await compileWave(library, { wave: 4 });
      const structure = (result: CompileResult) => result.stats!.sections.map((section) => section.depth);
      const text = fc.oneof(
        prose,
        fc.string({ unit: 'binary', maxLength: 30 }).map((t) => (t.trim() === '' ? 'x' : t)),
      );
      const edits = fc.array(
        fc.tuple(fc.constantFrom('title', 'subsystem', 'mission', 'stakes', 'note', 'notes', 'merge_gate'), text),
        { maxLength: 5 },
      );
      await fc.assert(
        fc.asyncProperty(edits, async (changes) => {
          const spec = structuredClone(realSpec) as Record<string, unknown> & {
            why: { stakes: string };
            trigger: { note: string };
            modules: [{ notes: string[] }, ...unknown[]];
            hand_back: { merge_gate: string };
          };
          for (const [field, value] of changes) {
            if (field === 'stakes') spec.why.stakes = value;
            else if (field === 'note') spec.trigger.note = value;
            else if (field === 'notes') spec.modules[0].notes.push(value);
            else if (field === 'merge_gate') spec.hand_back.merge_gate = value;
            else spec[field] = value;
          }
          await ws.write(SPEC, stringify(spec));
          const first = await compileWave(specsReread(library), { wave: 4 });
          const second = await compileWave(specsReread(library), { wave: 4 });
          expect(essence(second)).toEqual(essence(first));
          if (!first.prompt) {
            // Spec strings are data: the only refusal is of a string that would create structure or carry a
            // control character.
            expect(first.diagnostics.length).toBeGreaterThan(0);
            for (const d of first.diagnostics)
              expect(d.code).toMatch(/^spec-text-(structure|character)$|^source-hidden-character$/);
            return;
          }
          expect(structure(first)).toEqual(structure(baseline));
        }),
        { numRuns: 30 },
      );
    },
  );
});

describe('random fragment bodies', () => {
  it('never throw through compileWave, and every diagnostic points into a real line', { timeout: 60_000 }, async () => {
    const ws = await workspace();
    const bodies = fc.oneof(pieces(40), fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const text = fragment('mission', 'section', body);
        await ws.write(MISSION, text);
        const result = await compileWave(ws.root, { wave: 4 });
        expectWellFormed(result.diagnostics, { [MISSION]: text });
      }),
      { numRuns: 20 },
    );
  });
});

describe('random Markdown', () => {
  it('never throws through the limits check and lintPrompt', { timeout: 60_000 }, async () => {
    const library = await loaded(EXAMPLE);
    const markdown = fc.oneof(
      pieces(120),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => {
        const problem = markdownLimitProblem(text);
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
        const result = await lintPrompt(library, { path: 'prompts/random.md', text });
        expectWellFormed(result.diagnostics);
      }),
      { numRuns: 60 },
    );
  });
});
