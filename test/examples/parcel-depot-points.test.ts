import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWave, type CompileResult } from '../../src/compile.js';
import { checkHandBack } from '../../src/handback/hand-back.js';
import { SECOND_EXAMPLE, secondExampleWaves } from '../helpers/second-example.js';
import { copyWorkspaceOf, REPO_ROOT } from '../helpers/workspace.js';

/**
 * Point checks of the second example, as test/seed-points.test.ts holds the first: every prompt is right for
 * that team (its charter's numbers for each role, its agent, its retitled sections, its own fragment wording,
 * its containers), and phase 02 wave 1 inherits across phases what phase 01 left in force.
 */
// The agent the team's prompts address (its config says `agent: claude-code`) and the command that runs them.
const AGENT = { addressed: 'You are Claude Code', run: 'claude -p < agent-prompts/' };

const prompts = new Map<string, CompileResult>();
const key = (phase: number, wave: number) => `${phase}:${wave}`;
const text = (phase: number, wave: number) => prompts.get(key(phase, wave))!.prompt!.text;
const section = (source: string, title: string) => {
  const start = source.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`no section "${title}"`);
  const end = source.indexOf('\n## ', start + 1);
  return source.slice(start + 1, end === -1 ? undefined : end);
};
const WAVES = secondExampleWaves();

beforeAll(async () => {
  for (const wave of WAVES) prompts.set(key(wave.phase, wave.wave), await compileWave(SECOND_EXAMPLE, wave));
});

describe.each(WAVES.map((w) => ({ ...w, name: `phase ${w.phase} wave ${w.wave}` })))('second example, $name', (w) => {
  it('compiles clean', () => {
    expect(prompts.get(key(w.phase, w.wave))!.diagnostics).toEqual([]);
  });

  it("cites the team's section for each role: releases §5, credentials §2, honest reporting §8, never §13", () => {
    const source = text(w.phase, w.wave);
    const constraints = section(source, 'Hard constraints');
    expect(constraints).toContain('deploys follow charter §5.');
    expect(constraints).toContain('never the value, not even a redacted part of it (charter §2).');
    expect(source).toContain('\n## Honest reporting (charter §8)\n');
    expect(section(source, 'Hand-back')).toContain('Label each claim verified, assumed or unknown (charter §8).');
    expect(source).toContain('stop and report (see "Honest reporting")');
    expect(source).not.toMatch(/§13|Wakeup honesty/);
    expect(source).toContain('The platform charter (`handbook/team-charter.md`) governs this wave.');
  });

  it('addresses its agent and runs it on its own output path', () => {
    const source = text(w.phase, w.wave);
    expect(source).toContain(AGENT.addressed);
    expect(section(source, 'Starting the run')).toContain(`${AGENT.run}depot-p${w.phase}-w${w.wave}.md`);
  });

  it("uses the team's retitled sections and its own stop conditions", () => {
    const source = text(w.phase, w.wave);
    expect(source).toMatch(
      /\n## Stop and ask\n\nStop all work, write down exactly what happened, and page the on-call/,
    );
    expect(source).toContain('\n## Starting the run\n\nThe on-call engineer starts this run only after ');
    expect(source).not.toMatch(/## How this run is triggered|## When to stop and escalate/);
  });

  it("carries the team's override of no-secrets, never wavec's own wording", () => {
    const constraints = section(text(w.phase, w.wave), 'Hard constraints');
    expect(constraints).toContain('**DO NOT paste a credential anywhere.** Manifests, runbooks, PR descriptions');
    expect(constraints).not.toContain('DO NOT copy secret values');
    const provenance = prompts.get(key(w.phase, w.wave))!.provenance!;
    expect(provenance.fragments.find((f) => f.id === 'no-secrets')).toMatchObject({
      path: 'templates/constraints/no-secrets.md',
      layer: 'user',
    });
    expect(provenance.fragments.find((f) => f.id === 'mission')).toMatchObject({ layer: 'base' });
  });

  it("names each running module's compose containers, not its id, and a new module by its id", () => {
    const handBack = section(text(w.phase, w.wave), 'Hand-back');
    const spec = readFileSync(path.join(SECOND_EXAMPLE, `waves/phase-0${w.phase}/wave-${w.wave}.yaml`), 'utf8');
    const modules = [...spec.matchAll(/- id: ([a-z-]+)\n\s+pattern:[^]*?containers: \[(.*)\]/g)].map((m) => ({
      id: m[1]!,
      containers: m[2]!.split(', '),
      adds: new RegExp(`- id: ${m[1]}\\n(?:\\s{4}.*\\n)*?\\s{4}lifecycle: new`).test(spec),
    }));
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) {
      if (module.adds) {
        // It does not run yet: the hand-back asks what its PR adds, not a container's state.
        expect(handBack).toContain(`\`${module.id}\``);
        for (const container of module.containers) expect(handBack).not.toContain(`\`${container}\``);
      } else {
        for (const container of module.containers) expect(handBack).toContain(`\`${container}\``);
        expect(handBack).not.toContain(`\`${module.id}\``);
      }
    }
  });
});

describe('second example: across the phases', () => {
  it("phase 02 wave 1 inherits what phase 01's last wave left in force, its own addition included", () => {
    const constraints = section(text(2, 1), 'Hard constraints');
    const inherited = constraints.slice(constraints.indexOf('### Inherited from phase 01, through wave 2'));
    expect(inherited).toContain('DO NOT change anything that runs');
    expect(inherited).toContain('DO NOT paste a credential anywhere');
    expect(inherited).toContain('DO NOT merge, approve or force-push');
    expect(inherited).toContain('DO NOT read or copy customer data');
    expect(text(2, 1)).toContain(
      '- Predecessor: phase 01 wave 2 (Tracking stores), prompt `agent-prompts/depot-p1-w2.md`.',
    );
  });

  it('lists the lapsed volume constraint as no longer in force, keeps pg_dump guarded while a note names it', () => {
    const constraints = section(text(2, 1), 'Hard constraints');
    const lapsed = constraints.slice(constraints.indexOf('### No longer in force'));
    expect(lapsed).toMatch(/- `no-volume-deletion`: lapsed: /);
    expect(lapsed).not.toContain('pg-dump-confirmation');
    expect(constraints.slice(0, constraints.indexOf('### No longer in force'))).toContain(
      'DO NOT run `pg_dump` against a running postgres',
    );
    expect(section(text(2, 1), 'Modules')).toContain('nightly round export is a `pg_dump`');
  });

  it('its commit message adds no constraint the wave inherits, and says which one lapsed', () => {
    const message = readFileSync(path.join(SECOND_EXAMPLE, 'agent-prompts/depot-p2-w1.pr.md'), 'utf8');
    const constraints = message.slice(message.lastIndexOf('\nHard constraints (additional vs') + 1);
    expect(constraints).toMatch(
      /^Hard constraints \(additional vs [^)]*\):\n- None: every constraint in force is inherited\.\n/,
    );
    expect(constraints).toMatch(/\nNo longer in force:\n- no-volume-deletion: lapsed: /);
    expect(constraints).not.toContain('One PR per module plus one per cross-module task');
  });

  it('reports the lapse at the note that mentions pg_dump when the spec does not keep it in force', async () => {
    const ws = await copyWorkspaceOf(SECOND_EXAMPLE);
    try {
      await ws.edit('waves/phase-02/wave-1.yaml', (t) =>
        t.replace('hard_constraints:\n  add: [pg-dump-confirmation]\n', ''),
      );
      const result = await compileWave(ws.root, { phase: 2, wave: 1 });
      const lapses = result.diagnostics.filter((d) => d.code === 'constraint-lapsed-subject');
      expect(lapses.map((d) => [d.file, d.line])).toEqual([
        ['waves/phase-02/wave-1.yaml', 34],
        ['waves/phase-02/wave-1.yaml', 34],
      ]);
      expect(lapses[0]!.message).toContain('"pg-dump-confirmation"');
    } finally {
      await ws.cleanup();
    }
  });

  it("phase 01 wave 2 adds the team's own constraint and the stateful patterns' constraints", () => {
    const constraints = section(text(1, 2), 'Hard constraints');
    const additional = constraints.slice(constraints.indexOf('### Additional vs wave 1'));
    expect(additional).toContain('DO NOT read or copy customer data');
    expect(additional).toContain('DO NOT run `pg_dump`');
    expect(additional).toContain('DO NOT remove or recreate volumes');
  });
});

it("names nothing of the root example's world", () => {
  const files = readdirSync(SECOND_EXAMPLE, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.(md|yaml|json)$/.test(f),
  );
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const source = readFileSync(path.join(SECOND_EXAMPLE, file), 'utf8');
    expect(source, file).not.toMatch(/Honcho|Iskra|home-platform|Traefik|pgvector|n8n|§13|PLATFORM_CHARTER/i);
  }
});

describe('second example: a hand-back that names the compose containers', () => {
  const REPLY = 'test/examples/replies/depot-p1-w1-good.md';
  const check = async (text: string) =>
    (await checkHandBack(SECOND_EXAMPLE, { phase: 1, wave: 1 }, { path: REPLY, text })).diagnostics.map(
      (d) => `${d.line} ${d.code} ${d.message}`,
    );

  it('passes when its health table names each declared container', async () => {
    expect(await check(readFileSync(path.join(REPO_ROOT, REPLY), 'utf8'))).toEqual([]);
  });

  it('fails when it names a two-container module by its service only', async () => {
    const reply = readFileSync(path.join(REPO_ROOT, REPLY), 'utf8').replace(
      '- dispatch-labels-1: running\n- dispatch-labels-2: running\n',
      '- labels: running\n',
    );
    expect(await check(reply)).toEqual([
      '22 handback-health-container the health observation does not name container dispatch-labels-1',
      '22 handback-health-container the health observation does not name container dispatch-labels-2',
    ]);
  });
});
