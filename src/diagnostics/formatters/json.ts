import type { Diagnostic } from '../diagnostic.js';
import { countBySeverity, type LintReport } from './lint-report.js';

/**
 * The whole report for tools: each prompt with its stats and diagnostics, the diagnostics no prompt carries (a bad
 * config, a spec that does not load: the reason there may be no prompts at all), and the totals.
 */
export function formatJson(report: LintReport): string {
  const parts: string[] = [];
  const writer = new JsonReportWriter((text) => parts.push(text));
  for (const prompt of report.prompts) writer.prompt(prompt);
  writer.end(report.diagnostics);
  return parts.join('');
}

/**
 * {@link formatJson} written as it goes: each prompt's element as soon as it is linted, so a run over many prompts
 * holds none of them. What it writes, together, is byte for byte `formatJson` of the same report (the array
 * `JSON.stringify(…, null, 2)` would print, element by element). Only the identities of the diagnostics the
 * prompts carried are kept, to leave them out of the trailing list.
 */
export class JsonReportWriter {
  private count = 0;
  private readonly carried = new Set<string>();

  constructor(private readonly write: (text: string) => void) {}

  prompt(prompt: LintReport['prompts'][number]): void {
    for (const d of prompt.diagnostics) this.carried.add(identity(d));
    const element = JSON.stringify(prompt, null, 2).replace(/\n/g, '\n    ');
    this.write(`${this.count === 0 ? '{\n  "prompts": [\n' : ',\n'}    ${element}`);
    this.count++;
  }

  /** Closes the report: `diagnostics` is every diagnostic of the run, sorted, as {@link LintReport} has it. */
  end(diagnostics: readonly Diagnostic[]): void {
    const counts = countBySeverity(diagnostics);
    const rest = {
      diagnostics: diagnostics.filter((d) => !this.carried.has(identity(d))),
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
    };
    // The rest of the object, without its opening brace, follows the prompts' array.
    const tail = JSON.stringify(rest, null, 2).slice(1);
    this.write(`${this.count === 0 ? '{\n  "prompts": []' : '\n  ]'},${tail}\n`);
  }
}

function identity(d: Diagnostic): string {
  return JSON.stringify([d.file, d.line, d.column, d.code, d.message]);
}
