import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingsOf, parseMarkdown } from '../../src/syntax/markdown.js';
import { PHASE_RULES } from '../../src/check/phase.js';
import { RULES } from '../../src/check/rules/index.js';
import { RULE_CODES } from '../../src/schema/rules.js';
import { REPO_ROOT } from '../helpers/workspace.js';

/** docs/rules.md, split at its `## <code>` headings as Markdown reads them (not the ones inside code blocks). */
let cached: Promise<Map<string, string>> | undefined;
function ruleSections(): Promise<Map<string, string>> {
  return (cached ??= readSections());
}

async function readSections(): Promise<Map<string, string>> {
  const text = await readFile(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');
  const lines = text.split('\n');
  const headings = headingsOf(parseMarkdown(text)).filter((h) => h.depth <= 2);
  const sections = new Map<string, string>();
  headings.forEach((heading, i) => {
    if (heading.depth !== 2) return;
    const end = headings[i + 1]?.line ?? lines.length + 1;
    sections.set(heading.text, lines.slice(heading.line, end - 1).join('\n'));
  });
  return sections;
}

describe('docs/rules.md', () => {
  it.each(RULES.map((rule) => [rule.code, rule] as const))(
    'documents %s with its severity, whether it needs the spec, and a failing and a passing example',
    async (code, rule) => {
      const section = (await ruleSections()).get(code);
      expect(section, `docs/rules.md has no "## ${code}" section`).toBeDefined();
      expect(section).toContain(`- Severity: ${rule.severity}`);
      expect(section).toMatch(new RegExp(`^- Needs the spec: ${rule.needsSpec ? 'yes' : 'no'}\\b`, 'm'));
      expect(section).toMatch(/^Fails\b/m);
      expect(section).toMatch(/^Passes\b/m);
    },
  );

  it.each(PHASE_RULES.map((rule) => [rule.code, rule] as const))('documents the phase-wide %s', async (code, rule) => {
    const section = (await ruleSections()).get(code);
    expect(section, `docs/rules.md has no "## ${code}" section`).toBeDefined();
    expect(section).toContain(`- Severity: ${rule.severity}`);
    expect(section).toMatch(/^Fails\b/m);
    expect(section).toMatch(/^Passes\b/m);
  });

  it('documents no rule that does not exist', async () => {
    const codes = new Set<string>([...RULES, ...PHASE_RULES].map((rule) => rule.code));
    expect([...(await ruleSections()).keys()].filter((code) => !codes.has(code))).toEqual([]);
  });
});

describe('the list of rule codes the loader checks rules: against', () => {
  it('is the registry: every rule code of the code table has its rule, and every rule its code', () => {
    expect([...RULES, ...PHASE_RULES].map((rule) => rule.code).sort()).toEqual([...RULE_CODES].sort());
  });
});
