import { describe, expect, it } from 'vitest';
import { destructiveCommand } from '../../src/check/rules/destructive-command.js';
import { exampleWave, positionOf, runRule } from '../helpers/rules.js';

const HINT =
  'move it under "Hard constraints", put it behind DO NOT or an operator confirmation, or into a runbook ' +
  'Restore step list';

describe('destructive-command', () => {
  it('passes commands inside every kind of gate', () => {
    const text = [
      '# Wave',
      '',
      '## Hard constraints',
      '',
      '- No `docker compose down -v`, `docker volume rm` or `rm -rf` on a data path.',
      '',
      '### Additional',
      '',
      '- `DROP DATABASE` is never run by the agent.',
      '',
      '## Modules',
      '',
      '- DO NOT run `pg_dump` against a running postgres.',
      '- Backup: a `pg_dump -Fc` gated on operator confirmation.',
      '- Take it only after the operator approves: `docker volume rm honcho_old`.',
      '- The pgvector extension brings a new restore step: `CREATE EXTENSION vector` before `pg_restore`.',
      '',
      '**Runbook.** Health: `pg_isready`. Restore, in this order:',
      '',
      '1. Stop the writers.',
      '2. `DROP DATABASE honcho;` then `pg_restore -d honcho dump.pgc`.',
      '',
      '#### Restore',
      '',
      'From the last dump:',
      '',
      '- `rm -rf /srv/restore-tmp` before unpacking.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text)).toEqual([]);
  });

  it('reports docker compose down -v in a plain workflow step', () => {
    const text = [
      '# Wave',
      '',
      '## Workflow per module',
      '',
      '1. **Audit, read-only.** `docker compose -p honcho config`.',
      '2. **Reset the stack** with `docker compose -p honcho down -v` before you start.',
      '',
    ].join('\n');
    const findings = destructiveCommand.check({
      prompt: {
        path: 'prompts/p.md',
        text,
        stats: { lines: 6, tokens: 0, encoding: 'o200k_base', sections: [], fragments: [] },
      },
      budget: { max_tokens: 1, max_lines: 1, reserve_tokens: 0 },
      compiled: undefined,
    });
    expect(findings).toEqual([
      {
        code: 'destructive-command',
        severity: 'error',
        message:
          'destructive command "docker compose -p honcho down -v" outside a hard-constraint or runbook gate ' +
          '(in "Workflow per module")',
        file: 'prompts/p.md',
        line: 6,
        column: 30,
        hint: HINT,
      },
    ]);
  });

  it('reports each ungated command, and a gate in another sentence does not count', () => {
    const text = [
      '# Wave',
      '',
      'Clean up with `rm -rf /var/lib/docker/volumes/x` first. Do not wait for review.',
      '',
      '- Note: `drop table messages` is faster than a restore.',
      '- Run `pg_restore` now, and `docker volume prune` after.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text)).toEqual([
      'prompts/hand-written.md:3:16 destructive-command destructive command "rm -rf" outside a hard-constraint ' +
        'or runbook gate (in "Wave")',
      'prompts/hand-written.md:5:10 destructive-command destructive command "drop table" outside a ' +
        'hard-constraint or runbook gate (in "Wave")',
      'prompts/hand-written.md:6:8 destructive-command destructive command "pg_restore" outside a ' +
        'hard-constraint or runbook gate (in "Wave")',
      'prompts/hand-written.md:6:30 destructive-command destructive command "docker volume prune" outside a ' +
        'hard-constraint or runbook gate (in "Wave")',
    ]);
  });

  it('passes the example wave 4 prompt, and catches down -v added to a module note', async () => {
    const { text, path } = await exampleWave(4);
    expect(runRule(destructiveCommand, text)).toEqual([]);
    const note = '- Useless alone:';
    const seeded = text.replace(note, '- Recreate it with `docker compose down -v` if the audit looks odd.\n' + note);
    const at = positionOf(seeded, 'docker compose down -v` if');
    expect(runRule(destructiveCommand, seeded).map((d) => d.replace('prompts/hand-written.md', path))).toEqual([
      `${path}:${at.line}:${at.column} destructive-command destructive command "docker compose down -v" ` +
        'outside a hard-constraint or runbook gate (in "Modules")',
    ]);
  });
});
