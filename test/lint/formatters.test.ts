import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/diagnostics/formatters/github.js';
import { formatHuman } from '../../src/diagnostics/formatters/human.js';
import { formatJson } from '../../src/diagnostics/formatters/json.js';
import type { LintReport } from '../../src/diagnostics/formatters/lint-report.js';
import { formatSarif } from '../../src/diagnostics/formatters/sarif.js';

const DRIFT: Diagnostic = {
  code: 'prompt-drift',
  severity: 'error',
  message: 'prompts/p, 1.md was edited by hand: 100% sure',
  file: 'prompts/p, 1.md',
  line: 3,
  column: 5,
  hint: 'run `wavec compile 4`',
};
const TOKEN: Diagnostic = {
  code: 'special-token-text',
  severity: 'warning',
  message: '"<|endoftext|>" looks like a special token',
  file: 'prompts/p, 1.md',
  line: 4,
  column: 1,
  related: { file: 'prompts/p, 1.provenance.json', line: 12, column: 14, message: 'recorded hash' },
};
const NOTE: Diagnostic = {
  code: 'section-empty',
  severity: 'info',
  message: 'line one\r\nline two',
  file: 'draft.md',
  line: 1,
  column: 1,
};

const REPORT: LintReport = {
  prompts: [
    { path: 'draft.md', ok: true, compiled: false, diagnostics: [NOTE] },
    { path: 'prompts/p, 1.md', ok: false, compiled: true, diagnostics: [DRIFT, TOKEN] },
  ],
  diagnostics: [NOTE, DRIFT, TOKEN],
};
/** The findings of {@link REPORT}, as the human format reads them. */
const FINDINGS = { count: REPORT.prompts.length, diagnostics: REPORT.diagnostics };
const SOURCE = '# P\n\nText\n    Claude here\n<|endoftext|>\n';

describe('human', () => {
  it('prints file:line:col severity code message, the source line and a caret, and a summary', () => {
    expect(formatHuman(FINDINGS, { sourceOf: (file) => (file === 'prompts/p, 1.md' ? SOURCE : undefined) })).toBe(
      [
        // A message is one line: its control characters are shown as escapes.
        'draft.md:1:1 info section-empty line one\\r\\nline two',
        'prompts/p, 1.md:3:5 error prompt-drift prompts/p, 1.md was edited by hand: 100% sure',
        '  3 | Text',
        '    |     ^',
        '  hint: run `wavec compile 4`',
        'prompts/p, 1.md:4:1 warning special-token-text "<|endoftext|>" looks like a special token',
        '  4 |     Claude here',
        '    | ^',
        '  prompts/p, 1.provenance.json:12:14 recorded hash',
        '2 prompts linted: 1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    const plain = formatHuman(FINDINGS);
    expect(plain).not.toContain('\u001b[');
    expect(formatHuman(FINDINGS, { color: true })).toContain('\u001b[31merror\u001b[0m');
  });
});

describe('github', () => {
  it('writes one workflow command per finding, escaped', () => {
    expect(formatGithub(REPORT)).toBe(
      [
        '::notice file=draft.md,line=1,col=1,title=section-empty::line one%0D%0Aline two',
        '::error file=prompts/p%2C 1.md,line=3,col=5,title=prompt-drift::prompts/p, 1.md was edited by hand: ' +
          '100%25 sure%0Ahint: run `wavec compile 4`',
        '::warning file=prompts/p%2C 1.md,line=4,col=1,title=special-token-text::"<|endoftext|>" looks like a ' +
          'special token',
        '',
      ].join('\n'),
    );
  });

  it('escapes data and properties per the workflow-command rules', () => {
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
  });

  it('prints nothing for a clean run', () => {
    expect(formatGithub({ diagnostics: [] })).toBe('');
  });
});

describe('json', () => {
  it('prints every prompt and the totals', () => {
    expect(JSON.parse(formatJson(REPORT))).toEqual({
      prompts: REPORT.prompts,
      diagnostics: [],
      errors: 1,
      warnings: 1,
      infos: 1,
    });
    expect(formatJson(REPORT).endsWith('}\n')).toBe(true);
  });

  it('carries a diagnostic no prompt carries (a bad config: no prompts at all) at the top level', () => {
    const config: Diagnostic = { ...NOTE, file: 'wavec.config.yaml', code: 'config-invalid', severity: 'error' };
    expect(JSON.parse(formatJson({ prompts: [], diagnostics: [config] }))).toEqual({
      prompts: [],
      diagnostics: [config],
      errors: 1,
      warnings: 0,
      infos: 0,
    });
  });
});

describe('sarif', () => {
  it('writes SARIF 2.1.0 with the rules of the registry and one result per finding', () => {
    const rules = [
      { code: 'prompt-drift', description: 'Matches a fresh compile.', severity: 'error' as const },
      { code: 'special-token-text', description: 'No control-token text.', severity: 'warning' as const },
      { code: 'section-empty', description: 'No empty sections.', severity: 'off' as const },
    ];
    expect(JSON.parse(formatSarif(REPORT, rules, { version: '9.9.9' }))).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'wavec',
              version: '9.9.9',
              rules: [
                {
                  id: 'prompt-drift',
                  shortDescription: { text: 'Matches a fresh compile.' },
                  help: {
                    text:
                      'docs/rules.md, section "prompt-drift": what the rule checks, with a failing and a passing ' +
                      'example.',
                  },
                  defaultConfiguration: { level: 'error' },
                },
                {
                  id: 'special-token-text',
                  shortDescription: { text: 'No control-token text.' },
                  help: {
                    text:
                      'docs/rules.md, section "special-token-text": what the rule checks, with a failing and a ' +
                      'passing example.',
                  },
                  defaultConfiguration: { level: 'warning' },
                },
                {
                  id: 'section-empty',
                  shortDescription: { text: 'No empty sections.' },
                  help: {
                    text:
                      'docs/rules.md, section "section-empty": what the rule checks, with a failing and a ' +
                      'passing example.',
                  },
                  defaultConfiguration: { enabled: false },
                },
              ],
            },
          },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'section-empty',
              ruleIndex: 2,
              level: 'note',
              message: { text: 'line one\r\nline two' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'draft.md' }, region: { startLine: 1, startColumn: 1 } },
                },
              ],
            },
            {
              ruleId: 'prompt-drift',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'prompts/p, 1.md was edited by hand: 100% sure (hint: run `wavec compile 4`)' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'prompts/p,%201.md' },
                    region: { startLine: 3, startColumn: 5 },
                  },
                },
              ],
            },
            {
              ruleId: 'special-token-text',
              ruleIndex: 1,
              level: 'warning',
              message: { text: '"<|endoftext|>" looks like a special token' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'prompts/p,%201.md' },
                    region: { startLine: 4, startColumn: 1 },
                  },
                },
              ],
              relatedLocations: [
                {
                  id: 0,
                  message: { text: 'recorded hash' },
                  physicalLocation: {
                    artifactLocation: { uri: 'prompts/p,%201.provenance.json' },
                    region: { startLine: 12, startColumn: 14 },
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('gives a diagnostic from no rule its code as ruleId and no ruleIndex', () => {
    const missing: Diagnostic = {
      code: 'file-not-found',
      severity: 'error',
      message: 'file not found: x.md',
      file: 'x.md',
      line: 1,
      column: 1,
    };
    const sarif = JSON.parse(formatSarif({ diagnostics: [missing] }, [], { version: '1' }));
    expect(sarif.runs[0].results[0]).toEqual({
      ruleId: 'file-not-found',
      level: 'error',
      message: { text: 'file not found: x.md' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'x.md' }, region: { startLine: 1, startColumn: 1 } } },
      ],
    });
  });
});
