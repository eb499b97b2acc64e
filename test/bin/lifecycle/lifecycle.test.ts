import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { useScratchWorkspaces } from '../../helpers/workspace.js';

/**
 * Fixture `lifecycles` through the shipped bin: a wave that adds a module
 * which does not run yet compiles and lints clean with the shipped layout,
 * and `wavec handback` holds the health observation to the containers the
 * spec declares (`books-ledger-1`, `books-ledger-2` for module `ledger-api`)
 * and to what the new module's PR adds.
 */
const scratch = useScratchWorkspaces();

const reply = (health: string) => `## PR URLs

1. https://forge.example/ops/books/pulls/1
2. https://forge.example/ops/books/pulls/2

## Per module

### ledger-api
- Audit found: two replicas of the \`ledger\` service (verified: \`docker compose ps ledger\`).
- Manifest declares: no data stores (verified).
- UNVERIFIED: none.

### nightly-export
- Audit found: the ledger API it reads is on its network (verified: \`docker network inspect books_default\`).
- Manifest declares: one file per night, no volume (verified: the compose definition in PR 2).
- UNVERIFIED: the first night's run (unknown: it does not run yet).

## Ledger subsystem health

${health}

## Noticed, not done

None.
`;

const HONEST = `\`docker compose --project-directory books ps ledger\`:

- books-ledger-1: running
- books-ledger-2: running

- nightly-export: PR 2 adds its compose service \`export-job\` and its configuration;
  validated with \`docker compose --project-directory books config --quiet\` (exit 0). Not started.

No change since the start.`;

describe('a wave that adds a module (fixture lifecycles, through the bin)', () => {
  it('compiles and lints clean with the shipped layout: the mixed wave and the wave that only adds', async () => {
    const ws = await scratch('lifecycles');
    for (const wave of ['1', '2']) {
      const compiled = wavecBin(['compile', wave], ws.root);
      expect(compiled.stderr).toBe('');
      expect(compiled.exit).toBe(0);
      const linted = wavecBin(['lint', `prompts/phase-01-wave-${wave}.md`], ws.root);
      expect(linted.exit).toBe(0);
    }
    const prompt = await ws.read('prompts/phase-01-wave-2.md');
    expect(prompt).not.toContain('List the containers of this wave');
    expect(prompt).toContain('**New.** It does not run yet');
  });

  it('accepts an honest health table that names the declared containers and what the new module adds', async () => {
    const ws = await scratch('lifecycles');
    await ws.write('reply.md', reply(HONEST));
    const run = wavecBin(['handback', '1', 'reply.md'], ws.root);
    expect(run.stdout).toMatch(/meets the hand-back contract/);
    expect(run.exit).toBe(0);
  });

  it('reports a health table naming the module id where containers differ, the containers in the hint', async () => {
    const ws = await scratch('lifecycles');
    await ws.write(
      'reply.md',
      reply(HONEST.replace('- books-ledger-1: running\n- books-ledger-2: running', '- ledger-api: running')),
    );
    const run = wavecBin(['handback', '1', 'reply.md', '--format', 'json'], ws.root);
    expect(run.exit).toBe(1);
    const findings = (JSON.parse(run.stdout) as { diagnostics: { code: string; message: string; hint?: string }[] })
      .diagnostics;
    expect(findings.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'handback-health-container',
        'the health observation does not name container books-ledger-1',
        expect.stringContaining('`books-ledger-1`'),
      ],
      [
        'handback-health-container',
        'the health observation does not name container books-ledger-2',
        expect.stringContaining('`books-ledger-2`'),
      ],
    ]);
  });

  it('asks the new module for what its PR adds, not for a running container', async () => {
    const ws = await scratch('lifecycles');
    await ws.write('reply.md', reply(HONEST.replace(/- nightly-export: .*\n/, '')));
    const run = wavecBin(['handback', '1', 'reply.md', '--format', 'json'], ws.root);
    expect(run.exit).toBe(1);
    expect(run.stdout).toContain(
      'the health observation does not name the new module nightly-export (what its PR adds and how it was validated)',
    );
  });
});

describe('a reply that calls the new module running (through the bin)', () => {
  it('warns that the run may have started it, and still accepts an honest "not started"', async () => {
    const ws = await scratch('lifecycles');
    await ws.write('reply.md', reply(HONEST.replace('Not started.', 'It is running (healthy).')));
    const run = wavecBin(['handback', '1', 'reply.md'], ws.root);
    expect(run.stdout).toMatch(
      /warning handback-new-module-running the health observation says the new module nightly-export runs/,
    );
    expect(run.exit).toBe(0);
    for (const honest of ['It is not running yet.', "It isn't running yet."]) {
      await ws.write('reply.md', reply(HONEST.replace('Not started.', honest)));
      const quiet = wavecBin(['handback', '1', 'reply.md'], ws.root);
      expect(quiet.stdout).not.toMatch(/handback-new-module-running/);
      expect(quiet.exit).toBe(0);
    }
  });
});
