import path from 'node:path';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { annotation } from '../diagnostics/formatters/github.js';
import { summaryLine } from '../diagnostics/formatters/human.js';
import { JsonReportWriter } from '../diagnostics/formatters/json.js';
import type { LintReport, RuleDescriptor } from '../diagnostics/formatters/lint-report.js';
import { SarifWriter } from '../diagnostics/formatters/sarif.js';
import { readTextFile } from '../load/read-source.js';
import { VERSION } from '../version.js';
import type { CliIo } from './io.js';
import { useColor } from './report.js';

export const LINT_FORMATS = ['human', 'json', 'github', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/**
 * A lint report written as the run goes, in the format asked for: each prompt as it is linted (json lists them),
 * each finding in its sorted place once it is settled (human, github and sarif list them), then what closes the
 * report. Together, byte for byte what the format prints of the whole run.
 */
export interface LintOutput {
  prompt(prompt: LintReport['prompts'][number]): void;
  finding(d: Diagnostic): void;
  /** `prompts`: how many were linted; `counts`: of every finding, each once. */
  end(prompts: number, counts: Readonly<Record<Severity, number>>): void;
}

/** `uncarried`: the findings, sorted, that came from no prompt (the json report lists those no prompt carries). */
export function lintOutput(
  io: CliIo,
  format: LintFormat,
  context: { rules: readonly RuleDescriptor[]; root: string; uncarried: readonly Diagnostic[] },
): LintOutput {
  const write = (text: string) => io.stdout.write(text);
  const none = () => {};
  switch (format) {
    case 'json': {
      const json = new JsonReportWriter(write, context.uncarried);
      return { prompt: (prompt) => json.prompt(prompt), finding: none, end: (_, counts) => json.end(counts) };
    }
    case 'github':
      return { prompt: none, finding: (d) => write(annotation(d)), end: none };
    case 'sarif': {
      const sarif = new SarifWriter(write, context.rules, { version: VERSION });
      return { prompt: none, finding: (d) => sarif.result(d), end: () => sarif.end() };
    }
    case 'human': {
      const options = { color: useColor(io, 'stdout'), sourceOf: lastFileRead(context.root) };
      return {
        prompt: none,
        finding: (d) => write(`${formatDiagnostic(d, options)}\n`),
        end: (prompts, counts) => write(`${summaryLine(prompts, counts)}\n`),
      };
    }
  }
}

/** An excerpt's source. Findings come sorted by file: the one file last read is all an excerpt needs. */
function lastFileRead(root: string): (file: string) => string | undefined {
  let last: { file: string; text: string | undefined } | undefined;
  return (file) => (last?.file === file ? last : (last = { file, text: readQuietly(root, file) })).text;
}

/** Only a regular file, only up to the input size limit. */
function readQuietly(root: string, file: string): string | undefined {
  const read = readTextFile(path.resolve(root, file), file, 2 * 1024 * 1024);
  return read.ok ? read.text : undefined;
}
