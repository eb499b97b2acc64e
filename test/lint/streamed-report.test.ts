import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindingStream } from '../../src/cli/lint-findings.js';
import { run } from '../../src/cli/run.js';
import {
  dedupeDiagnostics,
  sortDiagnostics,
  type Diagnostic,
  type Severity,
} from '../../src/diagnostics/diagnostic.js';
import { formatGithub } from '../../src/diagnostics/formatters/github.js';
import { formatHuman } from '../../src/diagnostics/formatters/human.js';
import { JsonReportWriter } from '../../src/diagnostics/formatters/json.js';
import { formatSarif } from '../../src/diagnostics/formatters/sarif.js';
import { countBySeverity, type LintReport } from '../../src/diagnostics/formatters/lint-report.js';
import type { Code } from '../../src/schema/codes.js';
import type { FragmentStats } from '../../src/schema/stats.js';
import { captureIo, copyWorkspace, type WorkspaceCopy } from '../helpers/workspace.js';

/** The JSON report as one `JSON.stringify` of the whole run prints it: what the streamed writer must equal. */
function wholeJson(report: LintReport): string {
  const counts = countBySeverity(report.diagnostics);
  const key = (d: Diagnostic) => JSON.stringify([d.file, d.line, d.column, d.code, d.message]);
  const carried = new Set(report.prompts.flatMap((p) => p.diagnostics.map(key)));
  const whole = {
    prompts: report.prompts,
    diagnostics: report.diagnostics.filter((d) => !carried.has(key(d))),
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
  };
  return `${JSON.stringify(whole, null, 2)}\n`;
}

// Few values of each field, so that repeats (which dedupe drops) and ties (which the sort orders) are common.
const text = fc.oneof(fc.constantFrom('a', 'b.md', 'x, "y"\n'), fc.string({ maxLength: 8 }));
const diagnosticArb: fc.Arbitrary<Diagnostic> = fc.record(
  {
    code: fc.constantFrom<Code>('prompt-drift', 'special-token-text', 'section-empty'),
    severity: fc.constantFrom<Severity>('error', 'warning', 'info'),
    message: text,
    file: fc.constantFrom('a.md', 'b.md', 'prompts/c.md'),
    line: fc.integer({ min: 1, max: 3 }),
    column: fc.integer({ min: 1, max: 3 }),
    endLine: fc.integer({ min: 1, max: 9 }),
    hint: text,
    related: fc.record({ file: text, line: fc.nat(), column: fc.nat(), message: text }),
  },
  { requiredKeys: ['code', 'severity', 'message', 'file', 'line', 'column'] },
);
const promptArb = fc.record(
  {
    path: text,
    ok: fc.boolean(),
    compiled: fc.boolean(),
    stats: fc.record({
      lines: fc.nat(),
      tokens: fc.nat(),
      encoding: fc.constant('o200k_base'),
      sections: fc.array(
        fc.record({
          title: text,
          depth: fc.nat(),
          line: fc.nat(),
          endLine: fc.nat(),
          lines: fc.nat(),
          tokens: fc.nat(),
          empty: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      fragments: fc.constant<FragmentStats[]>([]),
    }),
    diagnostics: fc.array(diagnosticArb, { maxLength: 3 }),
  },
  { requiredKeys: ['path', 'ok', 'compiled', 'diagnostics'] },
);

describe('the streamed JSON report', () => {
  it('is byte for byte the whole report stringified at once', () => {
    fc.assert(
      fc.property(
        fc.array(promptArb, { maxLength: 5 }),
        fc.array(diagnosticArb, { maxLength: 4 }),
        (prompts, extra) => {
          const diagnostics = sortDiagnostics(dedupeDiagnostics([...extra, ...prompts.flatMap((p) => p.diagnostics)]));
          let written = '';
          // As the CLI has it: those that came from no prompt may be carried by none.
          const uncarried = sortDiagnostics(dedupeDiagnostics(extra));
          const writer = new JsonReportWriter((part) => (written += part), uncarried);
          for (const prompt of prompts) writer.prompt(prompt);
          writer.end(countBySeverity(diagnostics));
          expect(written).toBe(wholeJson({ prompts, diagnostics }));
        },
      ),
    );
  });
});

describe('the streamed SARIF report', () => {
  it('is the document JSON.stringify prints of its own content', () => {
    fc.assert(
      fc.property(fc.array(diagnosticArb, { maxLength: 4 }), (diagnostics) => {
        const rules = [{ code: 'prompt-drift', description: 'd "results": []', severity: 'off' as const }];
        const sarif = formatSarif({ diagnostics }, rules, { version: '1' });
        const parsed = JSON.parse(sarif) as { runs: { results: { ruleId: string }[] }[] };
        expect(sarif).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
        expect(parsed.runs[0]!.results.map((r) => r.ruleId)).toEqual(diagnostics.map((d) => d.code));
      }),
    );
  });
});

describe('the findings of a run, gathered prompt by prompt', () => {
  it('are handed on as deduplicating and sorting them all at the end gives, whatever was settled early', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(diagnosticArb, { maxLength: 6 }), fc.constantFrom('least', 'none', 'nothing')), {
          maxLength: 6,
        }),
        (batches) => {
          const emitted: Diagnostic[] = [];
          const stream = new FindingStream((d) => emitted.push(d));
          for (const [i, [batch, kind]] of batches.entries()) {
            // The least file a later batch names: the bound a caller may give, or a lower one, or none.
            const later = batches.slice(i + 1).flatMap(([b]) => b.map((d) => d.file));
            const least = later.reduce((a, b) => (b < a ? b : a), '\u{10FFFF}');
            stream.add(batch, kind === 'least' ? least : kind === 'nothing' ? '' : undefined);
          }
          stream.end();
          const all = batches.flatMap(([batch]) => batch);
          const expected = sortDiagnostics(dedupeDiagnostics(all));
          expect(emitted).toEqual(expected);
          expect(stream.counts).toEqual(countBySeverity(expected));
        },
      ),
    );
  });
});

describe('wavec lint over many prompts', () => {
  // The compiled prompts sort after a fragment their findings are located in, and a hand-written prompt between
  // them: its findings wait until no compiled prompt is left that could report before it.
  const COMPILED = ['zprompts/phase-02-wave-2.md', 'zprompts/phase-02-wave-3.md', 'zprompts/phase-02-wave-4.md'];
  const DRAFTS: Record<string, string> = {
    'draft-a.md': '# Draft A\n\n## Mission\n\nSays <|endoftext|>. TODO: finish it.\n',
    'draft-b.md': '# Draft B\n\nNo sections at all.\n',
    'u-draft.md': '# Draft U\n\n## Mission\n\n## Hand-back\n\nTODO\n',
  };
  const FILES = [...COMPILED, ...Object.keys(DRAFTS)];
  let ws: WorkspaceCopy;
  let cacheRoot: string;
  let caches = 0;
  /** Each file linted alone (its json report), computed once. */
  const alone = new Map<string, LintReport>();

  const lint = async (argv: string[], cache: string | undefined) => {
    const io = captureIo(ws.root, cache === undefined ? {} : { WAVEC_CACHE_DIR: cache });
    const code = await run(['lint', ...argv, ...(cache === undefined ? ['--no-cache'] : [])], io);
    return { code, out: io.out() };
  };

  beforeAll(async () => {
    ws = await copyWorkspace();
    cacheRoot = await mkdtemp(path.join(tmpdir(), 'wavec-streamed-'));
    for (const [file, content] of Object.entries(DRAFTS)) await ws.write(file, content);
    // A fragment every wave shows, with a finding: each compiled prompt reports it at the fragment, the same finding.
    await ws.edit('wavec.config.yaml', (t) => t.replace('output_dir: prompts', 'output_dir: zprompts'));
    await ws.edit('templates/sections/mission.md', (t) => `${t}\nNever print <|endoftext|>.\n`);
    expect(await run(['compile', '--all'], captureIo(ws.root))).toBe(0);
    // A hand edit, so that a compiled prompt has a finding of its own too.
    await ws.edit(COMPILED[1]!, (t) => t.replace('## Mission\n\n', '## Mission\n\nNever print <|endoftext|>.\n\n'));
    for (const file of FILES)
      alone.set(file, JSON.parse((await lint([file, '--format', 'json'], undefined)).out) as LintReport);
    const located = (file: string) =>
      alone.get(file)!.prompts.flatMap((p) => p.diagnostics.map((d) => `${d.file} ${d.severity} ${d.code}`));
    expect(located(COMPILED[0]!)).toEqual(['templates/sections/mission.md warning special-token-text']);
    expect(located(COMPILED[2]!)).toEqual(located(COMPILED[0]!));
    expect(located(COMPILED[1]!)).toContain(`${COMPILED[1]} warning special-token-text`);
    expect(located('draft-a.md')).toContain('draft-a.md error leftover-placeholder');
  }, 60_000);
  afterAll(async () => {
    await ws.cleanup();
    await rm(cacheRoot, { recursive: true, force: true });
  });

  it('reports, in every format and whatever the cache holds, what linting each prompt alone reports', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(FILES, { minLength: 1 }),
        fc.subarray(FILES),
        fc.constantFrom('human', 'json', 'github'),
        async (chosen, warmed, format) => {
          const cache = path.join(cacheRoot, `cache-${caches++}`);
          // Some prompts come from the cache, the others are linted afresh, in one run.
          if (warmed.length > 0) await lint(warmed, cache);
          const sorted = [...chosen].sort();
          const prompts = sorted.flatMap((file) => alone.get(file)!.prompts);
          // A report lists each finding once: under its prompt, or after the prompts when no prompt carries it.
          const everyFinding = (report: LintReport) => [
            ...report.prompts.flatMap((p) => p.diagnostics),
            ...report.diagnostics,
          ];
          const diagnostics = sortDiagnostics(
            dedupeDiagnostics(sorted.flatMap((file) => everyFinding(alone.get(file)!))),
          );
          const expected =
            format === 'json'
              ? wholeJson({ prompts, diagnostics })
              : format === 'github'
                ? formatGithub({ diagnostics })
                : formatHuman(
                    { count: sorted.length, diagnostics },
                    { sourceOf: (file) => readFileSync(path.join(ws.root, file), 'utf8') },
                  );
          const { out } = await lint([...chosen].reverse().concat('--format', format), cache);
          expect(out).toBe(expected);
        },
      ),
      { numRuns: 16 },
    );
  }, 120_000);
});
