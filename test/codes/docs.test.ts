import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASE_RULES } from '../../src/check/phase.js';
import { RULES } from '../../src/check/rules/index.js';
import { CODES, INPUT_GROUPS, type Code } from '../../src/schema/codes.js';
import { DOCS, writeCodeTables } from '../../scripts/code-docs.mjs';
import { REPO_ROOT } from '../helpers/workspace.js';

const read = (doc: string) => readFile(path.join(REPO_ROOT, doc), 'utf8');
const entries = Object.entries(CODES) as [Code, (typeof CODES)[Code]][];

describe('docs/errors.md and docs/rules.md', () => {
  it.each(DOCS)('%s has the tables the code table makes (npm run docs writes them)', async (doc) => {
    const text = await read(doc);
    expect(text).toBe(writeCodeTables(text, CODES).text);
  });

  it('list every code: a table per group of errors.md, in order, and rules.md indexes both kinds of rule', async () => {
    expect(writeCodeTables(await read('docs/errors.md'), CODES).groups).toEqual([...INPUT_GROUPS]);
    expect(writeCodeTables(await read('docs/rules.md'), CODES).groups).toEqual(['prompt-rule', 'phase-rule']);
  });

  it('give each rule a section with its severity in the table, and no section to a code that is no rule', async () => {
    const text = await read('docs/rules.md');
    const sections = [...text.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]!);
    const rules = entries.filter(([, entry]) => entry.group === 'prompt-rule' || entry.group === 'phase-rule');
    expect(sections).toEqual(rules.map(([code]) => code));
    for (const [code, entry] of rules) {
      const section = text.slice(text.indexOf(`\n## ${code}\n`));
      expect(section.split('\n').slice(2, 4), code).toContain(`- Severity: ${entry.severity}`);
    }
  });
});

describe('the code table and the rules agree', () => {
  const registered = [...RULES, ...PHASE_RULES];

  it('every rule has a rule code of the table, and every rule code a rule', () => {
    const ruleCodes = entries.filter(([, entry]) => entry.group === 'prompt-rule' || entry.group === 'phase-rule');
    expect(registered.map((rule) => rule.code).sort()).toEqual(ruleCodes.map(([code]) => code).sort());
    expect(PHASE_RULES.map((rule) => CODES[rule.code].group)).toEqual(PHASE_RULES.map(() => 'phase-rule'));
  });

  it.each(registered.map((rule) => [rule.code, rule] as const))(
    '%s runs at the severity the table gives it, with the table summary as its description',
    (code, rule) => {
      expect(rule.severity).toBe(CODES[code].severity);
      expect(rule.description).toBe(CODES[code].summary);
    },
  );

  it('an unreachable code says why, and is the only kind without an example', () => {
    for (const [code, entry] of entries) {
      if ('unreachable' in entry) expect(entry.unreachable.length, code).toBeGreaterThan(20);
      else if (entry.group !== 'prompt-rule' && entry.group !== 'phase-rule')
        expect('examples' in entry && entry.examples.length, code).toBeGreaterThan(0);
    }
  });
});
