import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { checkReply } from '../../src/handback/check.js';
import { handBackContract, type HandBackContract } from '../../src/handback/contract.js';
import { EXAMPLE, useScratchWorkspaces } from '../helpers/workspace.js';
import { codeForDropped, replyFromContract } from './reply-from-contract.js';

/**
 * One source for the contract: the prompt's Hand-back section and the
 * checker read the same render context. A reply written from the contract
 * passes; dropping any one part fails with a finding about that part.
 */
async function waveContract(wave: number): Promise<{ contract: HandBackContract; section: string }> {
  const result = await compileWave(EXAMPLE, { wave });
  const text = result.prompt!.text;
  const start = text.indexOf('## Hand-back');
  return {
    contract: handBackContract(result.facts!.composition.context),
    section: text.slice(start, text.indexOf('\n## ', start + 1)),
  };
}

describe.each([2, 3, 4])('the hand-back contract of wave %i', (wave) => {
  it(
    'is what the prompt states: the PR count from the plan, every ' + 'container, the labels, the noticed list',
    async () => {
      const { contract, section } = await waveContract(wave);
      expect(section).toContain(`The ${contract.prs.length} PR URLs, in PR-plan order.`);
      expect(section).toContain(
        'Per module, three lines: what the audit found, what the manifest declares, and anything marked UNVERIFIED',
      );
      expect(section).toContain(
        `Label each claim verified, assumed or unknown (charter §${contract.labels!.section}).`,
      );
      expect(section).toContain(`The ${contract.subsystem} subsystem health observation`);
      for (const module of contract.modules)
        for (const container of module.containers) expect(section).toContain(`\`${container}\``);
      expect(section).toContain('**noticed, not done**');
    },
  );

  it('accepts a reply written from it', async () => {
    const { contract } = await waveContract(wave);
    expect(checkReply(contract, { path: 'reply.md', text: replyFromContract(contract).text() })).toEqual([]);
  });

  it('rejects the reply without any one of its parts, with a finding about that part', async () => {
    const { contract } = await waveContract(wave);
    const reply = replyFromContract(contract);
    expect(reply.keys.length).toBeGreaterThan(10);
    for (const key of reply.keys) {
      const codes = new Set(checkReply(contract, { path: 'reply.md', text: reply.text(key) }).map((d) => d.code));
      expect([...codes], `without ${key}`).toEqual([codeForDropped(key)]);
    }
  });
});

describe('a contract without a wakeup-honesty section in the charter', () => {
  it('asks for no labels', async () => {
    const { contract } = await waveContract(4);
    const unlabelled = { ...contract, labels: null };
    const reply = replyFromContract(unlabelled);
    expect(checkReply(unlabelled, { path: 'reply.md', text: reply.text('label:honcho-api') })).toEqual([]);
  });
});

describe('hand_back.items in the spec', () => {
  const scratch = useScratchWorkspaces();
  it('are extra items, numbered after the derived ones, carried by the contract as free text', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('hand_back:\n', 'hand_back:\n  items:\n    - The time the run started and ended.\n'),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    expect(result.diagnostics).toEqual([]);
    expect(result.prompt!.text).toContain(
      'anything that changed since the start.\n4. The time the run started and ended.\n\n' +
        'Add a short **noticed, not done** list',
    );
    expect(
      handBackContract(result.facts!.composition.context)
        .parts.filter((part) => part.kind === 'item')
        .map((part) => part.text),
    ).toEqual(['The time the run started and ended.']);
  });
});

describe('one contract, by construction: the Hand-back fragment asks for every part the checker demands', () => {
  const scratch = useScratchWorkspaces();
  const FRAGMENT = 'templates/sections/hand-back.md';

  it('a fragment that drops a part is a compile error at the fragment, naming the part', async () => {
    const ws = await scratch();
    await ws.edit(FRAGMENT, (t) =>
      t.replace(
        '{{#each hand_back.parts}}\n{{number}}. {{text}}\n{{/each}}',
        '1. The PR URLs, in PR-plan order.\n' +
          '2. Per module, what the audit found, what the manifest declares and what is UNVERIFIED.',
      ),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    const found = result.diagnostics.filter((d) => d.code === 'hand-back-contract');
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.message.split(',')[0]}`)).toEqual([
      `${FRAGMENT}:14:1 the prompt does not ask for the PR URLs (hand-back part 1)`,
      `${FRAGMENT}:14:1 the prompt does not ask for the health observation (hand-back part 3)`,
      `${FRAGMENT}:14:1 the prompt does not ask for the per-module lines (hand-back part 2)`,
    ]);
    expect(found[0]!.related).toMatchObject({ file: 'prompts/phase-02-wave-4.md' });
    expect(result.ok).toBe(false);
  });

  it('dropping the noticed-not-done request, or an extra item, is one too', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('hand_back:\n', 'hand_back:\n  items:\n    - The time the run started and ended.\n'),
    );
    await ws.edit(FRAGMENT, (t) =>
      t
        .replace('{{#each hand_back.parts}}', '{{#each hand_back.parts}}{{#unless (eq kind "item")}}')
        .replace('{{/each}}', '{{/unless}}{{/each}}')
        .replace('{{hand_back.noticed.text}} ', ''),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    expect(
      result.diagnostics.filter((d) => d.code === 'hand-back-contract').map((d) => d.message.split(':')[0]),
    ).toEqual([
      'the prompt does not ask for an extra item of hand_back.items (hand-back part 4), ' +
        'which `wavec handback` checks a reply for',
      'the prompt does not ask for the "noticed, not done" list, which `wavec handback` checks a reply for',
    ]);
  });

  it('rewording around the parts is free', async () => {
    const ws = await scratch();
    await ws.edit(FRAGMENT, (t) =>
      t.replace('reply with exactly this and stop:', 'reply with these parts, in this order, then stop:'),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
