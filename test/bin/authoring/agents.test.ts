import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { useStarterWorkspaces } from '../../helpers/starter-workspace.js';

const starter = useStarterWorkspaces();

const SPEC = 'waves/phase-01/wave-1.yaml';
const CONFIG = 'wavec.config.yaml';
const SIDECAR = 'prompts/phase-01-wave-1.provenance.json';

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(path.join(root, file), 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing: the test's search text is stale`);
  await writeFile(path.join(root, file), after);
}

function compiled(root: string): string {
  const run = wavecBin(['compile', '1', '--stdout', '--no-cache'], root);
  expect(run.stderr).toBe('');
  expect(run.exit).toBe(0);
  return run.stdout;
}

/** Each line of `a` that `b` does not have at the same place, paired with b's. */
function changedLines(a: string, b: string): [string, string][] {
  const left = a.split('\n');
  const right = b.split('\n');
  expect(right).toHaveLength(left.length);
  return left.flatMap((line, i): [string, string][] => (line === right[i] ? [] : [[line, right[i]!]]));
}

describe('the agent a prompt is written for', () => {
  it('one spec for codex and for claude-code differs only in the name, the trigger and the branch prefix', async () => {
    const ws = await starter();
    const codex = compiled(ws.root);
    await edit(ws.root, SPEC, (t) => t.replace('subsystem:', 'agent: claude-code\nsubsystem:'));
    const claude = compiled(ws.root);

    expect(codex).toContain('You are Codex,');
    expect(codex).toContain('codex exec < prompts/phase-01-wave-1.md');
    expect(claude).toContain('You are Claude Code,');
    expect(claude).toContain('(master prompt for Claude Code)');
    expect(claude).toContain('claude -p < prompts/phase-01-wave-1.md');
    expect(claude).toContain('claude/phase-01-wave-1/');
    const changes = changedLines(codex, claude);
    expect(changes.length).toBeGreaterThan(0);
    for (const [fromCodex, fromClaude] of changes) {
      const asCodex = fromClaude
        .replaceAll('Claude Code', 'Codex')
        .replaceAll('claude -p <', 'codex exec <')
        .replaceAll('claude/phase-01-wave-1/', 'phase-01-wave-1/');
      expect(asCodex).toBe(fromCodex);
    }
  });

  it('a config agent of the user: its name, trigger, branch prefix, encoding and budget', async () => {
    const ws = await starter();
    await edit(ws.root, CONFIG, (t) =>
      t.replace(
        'agent: codex\n',
        'agent: hermes\nagents:\n  hermes:\n    name: Hermes\n    trigger: hermes run --prompt-file {prompt}\n' +
          '    branch_prefix: agents/hermes-{phase}-{wave}/\n    encoding: cl100k_base\n' +
          '    budget: {max_tokens: 5000, max_lines: 300}\n',
      ),
    );
    const prompt = compiled(ws.root);
    expect(prompt).toContain('You are Hermes,');
    expect(prompt).toContain('hermes run --prompt-file prompts/phase-01-wave-1.md');
    expect(prompt).toContain('agents/hermes-1-1/');
    expect(prompt).not.toMatch(/codex/i);

    expect(wavecBin(['compile', '1', '--no-cache'], ws.root).exit).toBe(0);
    const sidecar = JSON.parse(await readFile(path.join(ws.root, SIDECAR), 'utf8'));
    expect(sidecar.encoding).toBe('cl100k_base');

    // The starter spec sets its own budget; without it the agent's applies, unless the config sets one.
    await edit(ws.root, SPEC, (t) => t.replace(/\nbudget:\n {2}max_tokens: \d+\n {2}max_lines: \d+\n/, '\n'));
    const budgetOf = () => {
      const run = wavecBin(['explain', '1', '--format', 'json'], ws.root);
      expect(run.exit, run.stderr).toBe(0);
      return JSON.parse(run.stdout).budget as { max_tokens: number; max_lines: number };
    };
    expect(budgetOf()).toMatchObject({ max_tokens: 5000, max_lines: 300 });
    await edit(ws.root, CONFIG, (t) => `${t}budget:\n  max_tokens: 4000\n  max_lines: 250\n`);
    expect(budgetOf()).toMatchObject({ max_tokens: 4000, max_lines: 250 });
  });

  it('an unknown agent is a located error with a did-you-mean, in the config and in a spec', async () => {
    const ws = await starter();
    await edit(ws.root, SPEC, (t) => t.replace('subsystem:', 'agent: claud-code\nsubsystem:'));
    const inSpec = wavecBin(['compile', '1'], ws.root);
    expect(inSpec.exit).toBe(2);
    expect(inSpec.stderr).toMatch(
      /^waves\/phase-01\/wave-1\.yaml:\d+:8 error spec-invalid agent: unknown agent "claud-code"/m,
    );
    expect(inSpec.stderr).toContain('did you mean "claude-code"?');

    await edit(ws.root, CONFIG, (t) => t.replace('agent: codex', 'agent: codx'));
    const inConfig = wavecBin(['compile', '1'], ws.root);
    expect(inConfig.exit).toBe(2);
    expect(inConfig.stderr).toMatch(
      /^wavec\.config\.yaml:\d+:8 error config-invalid agent: unknown agent "codx"; did you mean "codex"\?/m,
    );
    expect(inConfig.stderr).not.toMatch(/\n\s+at /);
  });

  it('a user agent whose trigger does not name the prompt is a located config error', async () => {
    const ws = await starter();
    await edit(ws.root, CONFIG, (t) =>
      t.replace(
        'agent: codex\n',
        'agent: codex\nagents:\n  mine:\n    name: Mine\n    trigger: mine run\n    branch_prefix: mine/{stage}/\n',
      ),
    );
    const run = wavecBin(['compile', '1'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(/^wavec\.config\.yaml:\d+:14 error config-invalid agents\.mine\.trigger: .*\{prompt\}/m);
    expect(run.stderr).toMatch(/^wavec\.config\.yaml:\d+:20 error config-invalid agents\.mine\.branch_prefix: /m);
    expect(existsSync(path.join(ws.root, 'prompts/phase-01-wave-1.md'))).toBe(false);
  });
});
