import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkPrompt } from '../../src/check/check.js';
import { ruleSettingProblems } from '../../src/load/rule-settings.js';
import { WavecConfig } from '../../src/schema/config.js';
import { loadWorkspace } from '../../src/load/workspace.js';
import { REPO_ROOT } from '../helpers/workspace.js';
import { contextFor } from './helpers.js';

const NO_SECTIONS = '# Title\n\nJust text.\n';
const MISSION = { required_sections: { headings: ['# *', '## Mission'] } };

describe('rules: per-rule severity in wavec.config.yaml', () => {
  it('runs a rule at its own severity by default', async () => {
    const found = checkPrompt(await contextFor(NO_SECTIONS, MISSION)).filter((d) => d.code === 'section-required');
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((d) => d.severity))).toEqual(new Set(['error']));
  });

  it('turns a rule off', async () => {
    const found = checkPrompt(await contextFor(NO_SECTIONS, { ...MISSION, rules: { 'section-required': 'off' } }));
    expect(found.filter((d) => d.code === 'section-required')).toEqual([]);
  });

  it.each([['warning'], [{ severity: 'info' }]])("changes a rule's severity (%j)", async (setting) => {
    const found = checkPrompt(
      await contextFor(NO_SECTIONS, { ...MISSION, rules: { 'section-required': setting } }),
    ).filter((d) => d.code === 'section-required');
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((d) => d.severity))).toEqual(
      new Set([typeof setting === 'string' ? setting : setting.severity]),
    );
  });

  it('reports an unknown rule code at its key, with a suggestion', () => {
    const text = 'rules:\n  section-requird: off\n';
    expect(
      ruleSettingProblems(
        { 'section-requird': 'off' },
        { path: 'wavec.config.yaml', absolutePath: '/x', text, hash: '' },
      ),
    ).toEqual([
      {
        code: 'config-invalid',
        severity: 'error',
        message: 'rules.section-requird: unknown rule "section-requird"; did you mean "section-required"?',
        file: 'wavec.config.yaml',
        line: 2,
        column: 3,
      },
    ]);
  });

  it('rejects a severity that does not exist', () => {
    const parsed = WavecConfig.safeParse({ rules: { 'section-required': 'fatal' } });
    expect(parsed.success).toBe(false);
  });
});

describe('required_sections config', () => {
  it('rejects an entry that is neither a heading nor a wildcard', () => {
    const parsed = WavecConfig.safeParse({ required_sections: { headings: ['Mission'] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe(
      'an entry is "*", "+", "?" or a heading such as "## Mission" (or "## *" for any level-2 heading)',
    );
  });

  it('derives the default from the layout, as the README documents it for the example', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /```yaml\n(required_sections:[\s\S]*?)```/.exec(readme)![1]!;
    expect(WavecConfig.parse({}).required_sections).toBeUndefined();
    const loaded = await loadWorkspace(REPO_ROOT);
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && loaded.workspace.config.required_sections).toEqual(parse(block).required_sections);
  });
});
