import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { run } from '../../../src/cli/run.js';
import { captureIo, copyWorkspace } from '../../helpers/workspace.js';
import { spawnWatch, until } from '../../helpers/watch.js';

/**
 * The README's "Adding wave 5", as a user runs it on a copy of the example
 * workspace: `wavec new 5`, `wavec explain 5`, edit with `wavec compile 5
 * --watch` running, and end with a compiled, lint-clean phase-02-wave-5.md.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** What the author writes over the scaffold's placeholders. */
function fillIn(scaffold: string): string {
  const doc = parseDocument(scaffold);
  doc.set('title', 'Paperless subsystem');
  doc.set('subsystem', 'Paperless');
  doc.setIn(['compose', 'profile'], 'paperless');
  doc.set(
    'mission',
    'Write manifests and runbooks for paperless and paperless-redis, one PR each. Nothing that runs is changed.',
  );
  doc.set('why', {
    stakes:
      "Paperless holds the operator's scanned documents: contracts, letters and tax records that exist nowhere else.",
    reasons: ['A stateful archive and its redis broker exercise the wave 4 patterns on a second subsystem.'],
  });
  doc.set('modules', [
    {
      id: 'paperless',
      pattern: 'stateful-volume',
      kind: 'stateful',
      backup_priority: 'critical',
      notes: ['The archive volume is the only copy of most scans.'],
    },
    {
      id: 'paperless-redis',
      pattern: 'stateful-redis',
      kind: 'stateful',
      backup_priority: 'non-critical',
      notes: ['A task broker: expect a pure cache, and prove it with the audit.'],
    },
  ]);
  doc.set('hard_constraints', {
    add: [
      {
        id: 'paperless-read-only',
        text:
          '**DO NOT modify Paperless documents or their index.** Read them to verify; halt and escalate on any ' +
          'accidental write.',
      },
    ],
  });
  doc.set('new_patterns', ['The archive volume and the search index are restored together, index last.']);
  doc.setIn(['charter_refs', 0, 'why'], 'manifests and runbooks only; nothing is deployed by this wave.');
  doc.setIn(
    ['charter_refs', 1, 'why'],
    'the document archive is protected state; read it to verify, never write to it.',
  );
  doc.setIn(['charter_refs', 2, 'why'], 'every claim is labelled verified, assumed or unknown.');
  doc.setIn(['hand_back', 'merge_gate'], 'The operator owns the merge gate.');
  doc.deleteIn(['trigger', 'note']);
  doc.setIn(
    ['hand_back', 'items'],
    [
      'The 2 PR URLs, in PR-plan order.',
      'Per module, three lines: what the audit found, what the manifest declares, and anything marked UNVERIFIED.',
      'A Paperless health observation at the end of the run (verified, with the command).',
    ],
  );
  doc.setIn(['trigger', 'after'], "wave 4's Codex run has finished, so the working tree has no conflicts.");
  return doc.toString();
}

describe('adding wave 5 with only the README', () => {
  it('new → explain → edit under --watch → a compiled, lint-clean phase-02-wave-5.md', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const spec = 'waves/phase-02/wave-5.yaml';

    const created = captureIo(ws.root);
    expect(await run(['new', '5'], created)).toBe(0);
    expect(created.out()).toMatch(/^waves\/phase-02\/wave-5\.yaml written \(from wave 4\)\n/);
    const scaffold = await ws.read(spec);
    expect(scaffold).toMatch(/^predecessor: 4$/m);

    const explained = captureIo(ws.root);
    expect(await run(['explain', '5'], explained)).toBe(0);
    expect(explained.out()).toMatch(
      /^prompts\/phase-02-wave-5\.md \(wave 5, phase 2\)\n {2}tokens {2}\d+ \/ 4500 \(o200k_base\), \d+ left\n/,
    );
    expect(explained.out()).toMatch(/^ {2}Modules +\d+ +\d+ +#+ +\|$/m);
    expect(explained.err()).toContain('error leftover-placeholder leftover placeholder "TODO": unfinished text');

    const w = spawnWatch(['compile', '5', '--watch', '--root', ws.root]);
    cleanups.push(w.dispose);

    await until(
      () => w.out.includes('[watch] the prompt fails a check, not written; waiting for changes'),
      'the scaffold to fail on its TODOs',
      w.output,
    );
    expect(w.err).toContain('leftover-placeholder');

    await ws.write(spec, `${fillIn(scaffold)}modules: [half-typed\n`); // a save in the middle of an edit
    await until(
      () => w.out.includes('[watch] input errors, nothing written; waiting for changes'),
      'the broken save',
      w.output,
    );

    await ws.write(spec, fillIn(scaffold));
    await until(() => w.out.includes('[watch] ok; waiting for changes'), 'the finished spec to compile', w.output);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    expect(w.out).toContain('prompts/phase-02-wave-5.md written\n');

    const prompt = await ws.read('prompts/phase-02-wave-5.md');
    expect(prompt).toMatch(/^# Phase 02 · Wave 5: Paperless subsystem/);
    expect(prompt).toContain('## Why this wave\n');
    expect(prompt).not.toMatch(/\bTODO\b/);
    expect(prompt.split('### Additional vs wave 4\n')[1]!.split('\n## ')[0]).toContain(
      '**DO NOT modify Paperless documents or their index.**',
    );
    expect(prompt.split('### Inherited from earlier waves\n')[1]!.split('###')[0]).toContain(
      '**DO NOT modify Honcho data, ever.**',
    );

    const linted = captureIo(ws.root);
    expect(await run(['lint', 'prompts/phase-02-wave-5.md'], linted)).toBe(0);
    expect(linted.err()).toBe('');

    const diffed = captureIo(ws.root);
    expect(await run(['diff', '4', '5'], diffed)).toBe(0);
    expect(diffed.out()).toContain('  + paperless (stateful, stateful-volume)\n');
    expect(diffed.out()).toContain('  + paperless-read-only (inline)\n');
  });
});
