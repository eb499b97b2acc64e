import type { Diagnostic, Severity } from '../diagnostic.js';
import { countBySeverity, type LintReport } from './lint-report.js';

/**
 * The whole report for tools: each prompt with its stats and diagnostics, the diagnostics no prompt carries (a bad
 * config, a spec that does not load: the reason there may be no prompts at all), and the totals.
 */
export function formatJson(report: LintReport): string {
  const parts: string[] = [];
  const writer = new JsonReportWriter((text) => parts.push(text), report.diagnostics);
  for (const prompt of report.prompts) writer.prompt(prompt);
  writer.end(countBySeverity(report.diagnostics));
  return parts.join('');
}

/**
 * {@link formatJson} written as it goes: each prompt's element as soon as it is linted, so a run over many prompts
 * holds none of them. What it writes, together, is byte for byte `formatJson` of the same report (the array
 * `JSON.stringify(…, null, 2)` would print, element by element).
 */
export class JsonReportWriter {
  private count = 0;
  /** The identities of the candidates some prompt carried. */
  private readonly carried = new Set<string>();
  private readonly candidates: readonly (readonly [key: string, d: Diagnostic])[];
  private readonly candidateKeys: ReadonlySet<string>;

  /**
   * `uncarried`: every diagnostic, sorted, that may be carried by no prompt (of a lint run, those that came from no
   * prompt: the workspace's); those no prompt carries follow the prompts.
   */
  constructor(
    private readonly write: (text: string) => void,
    uncarried: readonly Diagnostic[],
  ) {
    this.candidates = uncarried.map((d) => [identity(d), d] as const);
    this.candidateKeys = new Set(this.candidates.map(([key]) => key));
  }

  prompt(prompt: LintReport['prompts'][number]): void {
    for (const d of prompt.diagnostics) {
      const key = identity(d);
      if (this.candidateKeys.has(key)) this.carried.add(key);
    }
    const element = JSON.stringify(prompt, null, 2).replace(/\n/g, '\n    ');
    this.write(`${this.count === 0 ? '{\n  "prompts": [\n' : ',\n'}    ${element}`);
    this.count++;
  }

  /** Closes the report: `counts` are of every diagnostic of the run, each once. */
  end(counts: Readonly<Record<Severity, number>>): void {
    const rest = {
      diagnostics: this.candidates.filter(([key]) => !this.carried.has(key)).map(([, d]) => d),
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
