import type { Diagnostic, Severity } from '../diagnostic.js';
import type { RuleDescriptor } from './lint-report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for code-scanning tools: one run whose driver lists every rule
 * of the registry (at the severity it runs at, disabled when `off`) and one
 * result per finding. Diagnostics that come from no rule (an unreadable file,
 * a config error) are results too, with their code as `ruleId`.
 */
export function formatSarif(
  report: { diagnostics: readonly Diagnostic[] },
  rules: readonly RuleDescriptor[],
  tool: { version: string },
): string {
  const parts: string[] = [];
  const writer = new SarifWriter((text) => parts.push(text), rules, tool);
  for (const d of report.diagnostics) writer.result(d);
  writer.end();
  return parts.join('');
}

/**
 * {@link formatSarif} written as it goes, one result at a time (each finding in its sorted place, as it is settled):
 * together, byte for byte what `formatSarif` prints for the same findings.
 */
export class SarifWriter {
  private count = 0;
  private readonly index: ReadonlyMap<string, number>;
  /** The document around its results: what comes before the first and after the last. */
  private readonly head: string;
  private readonly tail: string;

  constructor(
    private readonly write: (text: string) => void,
    rules: readonly RuleDescriptor[],
    tool: { version: string },
  ) {
    this.index = new Map(rules.map((rule, i) => [rule.code, i]));
    const empty = `${JSON.stringify(document(rules, tool), null, 2)}\n`;
    const at = empty.lastIndexOf(RESULTS);
    this.head = empty.slice(0, at + RESULTS.length - 1);
    this.tail = empty.slice(at + RESULTS.length - 1);
  }

  result(d: Diagnostic): void {
    const element = JSON.stringify(result(d, this.index.get(d.code)), null, 2).replace(/\n/g, '\n        ');
    this.write(`${this.count === 0 ? `${this.head}\n` : ',\n'}        ${element}`);
    this.count++;
  }

  end(): void {
    this.write(this.count === 0 ? `${this.head}${this.tail}` : `\n      ${this.tail}`);
  }
}

/** Where the results go in the document: its last property, an empty array until they are written. */
const RESULTS = '"results": []';

function document(rules: readonly RuleDescriptor[], tool: { version: string }) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wavec',
            version: tool.version,
            rules: rules.map((rule) => ({
              id: rule.code,
              shortDescription: { text: rule.description },
              help: {
                text:
                  `docs/rules.md, section "${rule.code}": ` +
                  'what the rule checks, with a failing and a passing example.',
              },
              defaultConfiguration: rule.severity === 'off' ? { enabled: false } : { level: LEVEL[rule.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
}

function result(d: Diagnostic, ruleIndex: number | undefined) {
  const region: Record<string, number> = { startLine: d.line, startColumn: d.column };
  if (d.endLine !== undefined) region.endLine = d.endLine;
  if (d.endColumn !== undefined) region.endColumn = d.endColumn;
  return {
    ruleId: d.code,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(d.file) }, region } }],
    ...(d.related
      ? {
          relatedLocations: [
            {
              id: 0,
              message: { text: d.related.message },
              physicalLocation: {
                artifactLocation: { uri: fileUri(d.related.file) },
                region: { startLine: d.related.line, startColumn: d.related.column },
              },
            },
          ],
        }
      : {}),
  };
}

/**
 * A SARIF `uri` is a URI reference: each path segment percent-encoded (a
 * space, `#`, `%` or a control character in a file name would otherwise
 * change what it points at); an absolute path becomes a `file://` URI.
 */
export function fileUri(file: string): string {
  const encoded = file
    .split('/')
    .map((segment) => encodeURI(segment).replace(/#/g, '%23').replace(/\?/g, '%3F'))
    .join('/');
  return file.startsWith('/') ? `file://${encoded}` : encoded;
}
