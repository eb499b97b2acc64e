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
  const index = new Map(rules.map((rule, i) => [rule.code, i]));
  const sarif = {
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
        results: report.diagnostics.map((d) => result(d, index.get(d.code))),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
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
