import { describe, expect, it } from 'vitest';
import { destructiveCommand } from '../../src/check/rules/destructive-command.js';
import { compileWave } from '../../src/compile.js';
import { contextFor, exampleWave, line, positionOf, runRule } from '../helpers/rules.js';
import { copyWorkspace } from '../helpers/workspace.js';

const HINT =
  'move it into the hard-constraints section, put it behind DO NOT or a confirmation by the operator, or into a ' +
  'restore procedure (a fragment with `role: restore-procedure`)';

/** A line that runs three destructive commands with no gate in its sentence. */
const UNGATED = 'First run `rm -rf /srv/data` and `docker volume rm stack_data`, then `pg_restore` the dump.';

describe('destructive-command', () => {
  it('passes commands behind a gate in their own sentence', () => {
    const text = [
      '# Wave',
      '',
      '## Modules',
      '',
      '- DO NOT run `pg_dump` against a running postgres.',
      '- `DROP DATABASE` is never run by the agent.',
      '- **DO NOT remove volumes.** No `docker compose down -v`, `docker volume rm` or `rm -rf` on a data path.',
      '- Backup: a `pg_dump -Fc` gated on operator confirmation.',
      '- Take it only after the operator approves: `docker volume rm stack_old`.',
      '- The extension brings a new step: `CREATE EXTENSION vector` before `pg_restore`.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text)).toEqual([]);
  });

  it('reports a command whose sentence waives the confirmation it names, or whose prohibition ends at a colon', () => {
    const text = [
      '# Wave',
      '',
      '## Modules',
      '',
      "- Without the operator's confirmation, run `pg_dump -Fc tide`.",
      '- Run `pg_dump -Fc tide` without waiting for the operator to confirm.',
      '- Run `pg_dump -Fc tide` once the operator confirms the window.',
      '- Do not wait: run `pg_dump -Fc tide` now.',
      '- Never mind the window: `docker volume rm tide_old` first.',
      '- Do not run `pg_dump -Fc tide` while the harbour is open: it locks the bookings.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text).map((d) => d.split(' ')[0])).toEqual([
      'prompts/hand-written.md:5:45',
      'prompts/hand-written.md:6:8',
      'prompts/hand-written.md:8:21',
      'prompts/hand-written.md:9:27',
    ]);
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
    expect(destructiveCommand.check(contextFor(text))).toEqual([
      {
        code: 'destructive-command',
        severity: 'error',
        message: 'destructive command "docker compose -p honcho down -v" outside a gate (in "Workflow per module")',
        file: 'prompts/hand-written.md',
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
      'prompts/hand-written.md:3:16 destructive-command destructive command "rm -rf" outside a gate (in "Wave")',
      'prompts/hand-written.md:5:10 destructive-command destructive command "drop table" outside a gate (in "Wave")',
      'prompts/hand-written.md:6:8 destructive-command destructive command "pg_restore" outside a gate (in "Wave")',
      'prompts/hand-written.md:6:30 destructive-command destructive command "docker volume prune" outside a gate ' +
        '(in "Wave")',
    ]);
  });

  it('gates nothing by a heading or lead-in word: "Hard constraints", "Restore", a restore flow', () => {
    const text = [
      '# Wave',
      '',
      '## Hard constraints',
      '',
      '- `docker compose down -v` to start clean.',
      '',
      '#### Restore',
      '',
      '- `rm -rf /srv/data` before unpacking.',
      '',
      'Restore, in this order:',
      '',
      '1. `DROP DATABASE app;` then `pg_restore -d app dump.pgc` over the live volume, as the restore flow says.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text).map((d) => d.replace(/ outside a gate.*/, ''))).toEqual([
      'prompts/hand-written.md:5:4 destructive-command destructive command "docker compose down -v"',
      'prompts/hand-written.md:9:4 destructive-command destructive command "rm -rf"',
      'prompts/hand-written.md:13:5 destructive-command destructive command "DROP DATABASE"',
      'prompts/hand-written.md:13:31 destructive-command destructive command "pg_restore"',
    ]);
  });

  it('passes the example wave 4 prompt, and catches down -v added to a module note', async () => {
    const { text, path, facts } = await exampleWave(4);
    expect(runRule(destructiveCommand, text, facts)).toEqual([]);
    const note = '- Useless alone:';
    const seeded = text.replace(note, '- Recreate it with `docker compose down -v` if the audit looks odd.\n' + note);
    const at = positionOf(seeded, 'docker compose down -v` if');
    expect(runRule(destructiveCommand, seeded, facts).map((d) => d.replace('prompts/hand-written.md', path))).toEqual([
      `${path}:${at.line}:${at.column} destructive-command destructive command "docker compose down -v" ` +
        'outside a gate (in "Modules")',
    ]);
  });

  it('no shipped heading silences it: a command under any heading outside hard constraints is reported', async () => {
    for (const wave of [2, 3, 4]) {
      const { text, facts } = await exampleWave(wave);
      const lines = text.split('\n');
      const hardConstraints = lines.findIndex(
        (l, i) => l.startsWith('## ') && facts.lineOwners[i] === 'hard-constraints',
      );
      const nextSection = lines.findIndex((l, i) => i > hardConstraints && l.startsWith('## '));
      const headings = lines
        .map((l, i) => ({ l, i }))
        .filter(({ l, i }) => /^#{1,6} /.test(l) && (i < hardConstraints || i >= nextSection));
      expect(headings.length).toBeGreaterThan(10);
      for (const { l, i } of headings) {
        const seeded = [...lines.slice(0, i + 1), '', UNGATED, '', ...lines.slice(i + 1)].join('\n');
        const found = destructiveCommand.check(contextFor(seeded, facts)).map(line);
        expect(found, `wave ${wave}, under "${l}"`).toHaveLength(3);
        expect(found.every((d) => d.includes(`:${i + 3}:`))).toBe(true);
      }
    }
  });

  it('exempts only the lines a restore-procedure fragment wrote, not the rest of the pattern', async () => {
    const { text, facts } = await exampleWave(4);
    const step = '3. Create the empty database, then run `CREATE EXTENSION vector` before `pg_restore`';
    expect(text).toContain(step);
    expect(facts.lineOwners[positionOf(text, step).line - 1]).toBe('restore-procedure');
    // The same step, typed by hand as a line of its own, is not the operator's procedure.
    const typed = text.replace(step, `${step}\n4. \`pg_restore\` the dump over the live volume now`);
    const at = positionOf(typed, '`pg_restore` the dump over');
    expect(runRule(destructiveCommand, typed, facts)).toEqual([
      `prompts/hand-written.md:${at.line}:${at.column + 1} destructive-command destructive command "pg_restore" ` +
        'outside a gate (in "Modules")',
    ]);
  });

  it('follows roles, not titles: a retitled constraints section gates, a step outside the procedure not', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.edit('templates/sections/hard-constraints.md', (t) =>
        t.replace('## Hard constraints', '## Constraints'),
      );
      await ws.edit('wavec.config.yaml', (t) => `${t}\nrequired_sections:\n  headings: ['# *', '+']\n`);
      const retitled = await compileWave(ws.root, { wave: 4 });
      expect(retitled.prompt?.text).toContain('## Constraints\n');
      expect(retitled.diagnostics.filter((d) => d.severity === 'error').map(line)).toEqual([]);

      await ws.edit('templates/patterns/stateful-postgres-pgvector.md', (t) =>
        t.replace('{{> restore-procedure', 'Then `pg_restore` over the live volume.\n\n{{> restore-procedure'),
      );
      const moved = await compileWave(ws.root, { wave: 4 });
      expect(moved.diagnostics.filter((d) => d.code === 'destructive-command').map((d) => d.file)).toEqual([
        'templates/patterns/stateful-postgres-pgvector.md',
      ]);
    } finally {
      await ws.cleanup();
    }
  });

  it('reads a question as a mention, not an instruction; an instruction next to it still counts', () => {
    const text = [
      '# Wave',
      '',
      '## Cross-module tasks',
      '',
      "- Open item: whether last night's `pg_dump` completed.",
      '- Did the `pg_restore` test of Monday finish?',
      '- Run `pg_dump` and check whether it completed.',
      '- Is the volume still needed? Run `docker volume rm stack_old` now.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text)).toEqual([
      'prompts/hand-written.md:7:8 destructive-command destructive command "pg_dump" outside a gate ' +
        '(in "Cross-module tasks")',
      'prompts/hand-written.md:8:36 destructive-command destructive command "docker volume rm" outside a gate ' +
        '(in "Cross-module tasks")',
    ]);
  });

  it('leaves a carry note `wavec new` wrote to leftover-placeholder, which reports it once', () => {
    const text = [
      '# Wave',
      '',
      '## Modules',
      '',
      "- TODO carry or defer (wave 3's hand-back, noticed, postgres): `pg_dump` failed at 03:00.",
      '- `pg_dump` failed at 03:00.',
      '',
    ].join('\n');
    expect(runRule(destructiveCommand, text)).toEqual([
      'prompts/hand-written.md:6:4 destructive-command destructive command "pg_dump" outside a gate (in "Modules")',
    ]);
  });

  it('compiles an open item carried word for word into a cross-module task', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
        t.replace(
          'Do not close, re-date or reword the rest of the entry.',
          "Do not close, re-date or reword the rest of the entry. Add the open item whether last night's " +
            '`pg_dump` completed.',
        ),
      );
      const result = await compileWave(ws.root, { wave: 4 });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map(line)).toEqual([]);
      expect(result.prompt!.text).toContain("whether last night's `pg_dump` completed");
    } finally {
      await ws.cleanup();
    }
  });
});
