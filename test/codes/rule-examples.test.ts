import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleCode } from '../../src/schema/codes.js';
import { REPO_ROOT } from '../helpers/workspace.js';
import { RULE_SCENARIOS, type RuleContext } from './rule-scenarios.js';
import { runScenario, type Scenario } from './scenario.js';

// docs/rules.md shows, for every rule, Markdown that fails and Markdown that passes, each failure followed by what
// wavec prints for it. Each example is run here as a user would meet it: the Markdown is saved as the prompt the
// output names (with wave 4's sidecar next to it when the rule needs the spec) in a copy of the example workspace and
// linted with `wavec lint`. The rule's findings must be exactly the printed block (the source excerpts left out), and
// a passing example must give none. A failure shown without Markdown runs the scenario rule-scenarios.ts gives for it
// (a change to the workspace, or another rule's Markdown). `<U+200B>` in an example stands for that invisible
// character.

interface Example {
  kind: 'fails' | 'passes';
  /** The Markdown of the prompt, when the docs show it. */
  markdown?: string;
  /** What wavec prints for a failing example. */
  output?: string;
}

/** The examples of each `## <code>` section, in order. */
function examplesOf(doc: string): Map<string, Example[]> {
  const sections = new Map<string, Example[]>();
  let examples: Example[] | undefined;
  let kind: Example['kind'] | undefined;
  const lines = doc.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^## ([a-z0-9-]+)$/.exec(line);
    if (heading) {
      sections.set(heading[1]!, (examples = []));
      kind = undefined;
    } else if (/^(Fails|Passes)\b/.test(line)) kind = line.startsWith('Fails') ? 'fails' : 'passes';
    else if (line.startsWith('```') && examples && kind) {
      const lang = line.slice(3).trim();
      const end = lines.indexOf('```', i + 1);
      const body = lines.slice(i + 1, end).join('\n');
      i = end;
      const last = examples[examples.length - 1];
      if (lang === 'markdown') examples.push({ kind, markdown: `${body}\n` });
      else if (kind === 'fails' && last?.kind === 'fails' && last.markdown !== undefined && last.output === undefined)
        last.output = body;
      else if (kind === 'fails') examples.push({ kind, output: body });
    }
  }
  return sections;
}

const doc = await readFile(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');
const sections = examplesOf(doc);

const SIDECAR_OF_WAVE_4 = 'prompts/phase-02-wave-4.provenance.json';
const sidecarOf = (prompt: string) => prompt.replace(/\.md$/, '.provenance.json');

/** The scenario that lints `markdown` as the prompt at `prompt`, in the workspace the rule's context describes. */
function lintScenario(markdown: string, prompt: string, context: RuleContext): Scenario {
  const text = markdown.replace(/<U\+([0-9A-F]{4,6})>/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
  return {
    base: 'example',
    files: { [prompt]: text },
    ...(context.config ? { edit: { 'wavec.config.yaml': context.config } } : {}),
    setup: context.compiled
      ? (root) => copyFile(path.join(root, SIDECAR_OF_WAVE_4), path.join(root, sidecarOf(prompt)))
      : undefined,
    argv: ['lint', prompt],
  };
}

/** The rule's findings, as printed, joined as docs/rules.md shows them. */
async function findingsOf(code: string, scenario: Scenario): Promise<{ shown: string; printed: string }> {
  const outcome = await runScenario(scenario);
  const mine = outcome.findings.filter((finding) => finding.split('\n')[0]!.split(' ')[2] === code);
  return { shown: mine.join('\n'), printed: outcome.printed };
}

const codes = Object.keys(RULE_SCENARIOS) as RuleCode[];

/** The Markdown of a rule's first failing example, which another rule's section may point back to. */
function firstFailing(code: RuleCode): string {
  const markdown = sections.get(code)?.find((example) => example.kind === 'fails')?.markdown;
  if (markdown === undefined) throw new Error(`docs/rules.md shows no failing Markdown for ${code}`);
  return markdown;
}

describe('docs/rules.md', () => {
  it('has a section of examples for every rule, and the scenarios name only those', () => {
    expect([...sections.keys()].sort()).toEqual([...codes].sort());
  });

  describe.concurrent.each(codes)('%s', (code) => {
    const examples = sections.get(code) ?? [];
    const context = RULE_SCENARIOS[code];
    const failing = examples.filter((example) => example.kind === 'fails');
    const shownOnly = failing.filter((example) => example.markdown === undefined);

    it('has a failing example, each with its output, and a scenario for each one shown without Markdown', () => {
      expect(failing.length).toBeGreaterThan(0);
      expect(failing.every((example) => example.output !== undefined)).toBe(true);
      expect(context.fails ?? []).toHaveLength(shownOnly.length);
    });

    it.each(failing.map((example, i) => [i + 1, example] as const))(
      'fails as shown: example %i',
      async (_, example) => {
        const prompt = /^(\S+?):\d+:\d+ /.exec(example.output!)?.[1] ?? 'prompts/example.md';
        const given = example.markdown === undefined ? context.fails![shownOnly.indexOf(example)]! : undefined;
        const markdown =
          given === undefined ? example.markdown! : 'sameAs' in given ? firstFailing(given.sameAs) : undefined;
        const scenario = markdown === undefined ? (given as Scenario) : lintScenario(markdown, prompt, context);
        const { shown, printed } = await findingsOf(code, scenario);
        expect(shown, printed).toBe(example.output);
      },
    );

    const passing = examples.filter((example) => example.kind === 'passes' && example.markdown !== undefined);
    it.each(passing.map((example, i) => [i + 1, example] as const))(
      'passes as shown: example %i',
      async (_, example) => {
        const { shown, printed } = await findingsOf(
          code,
          lintScenario(example.markdown!, 'prompts/example.md', context),
        );
        expect(shown, printed).toBe('');
      },
    );
  });
});
