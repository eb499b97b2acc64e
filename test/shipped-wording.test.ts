import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { commandHelp, mainHelp } from '../src/cli/help.js';
import * as starter from '../src/authoring/starter.js';
import { SHIPPED_AGENTS } from '../src/schema/agents.js';
import { REPO_ROOT } from './helpers/paths.js';

/**
 * What wavec ships must read for any team: the names of the repository's own
 * example world (its services, its programme, its agent, its charter's
 * numbers) belong to the example workspace, never to the library, the schema
 * hints, the init starter or the help.
 */
const EXAMPLE_NAMES: readonly RegExp[] = [
  /honcho/i,
  /iskra/i,
  /home-platform/i,
  /traefik/i,
  /pgvector/i,
  /\bn8n\b/i,
  /manifest programme/i,
  /\bCodex\b/,
  /codex exec/i,
  /§\s*\d/,
];

interface Shipped {
  readonly where: string;
  readonly text: string;
}

/** Each line that names the example's world, as `where:line: text`. */
function leaks(shipped: readonly Shipped[]): string[] {
  return shipped.flatMap(({ where, text }) =>
    text
      .split('\n')
      .flatMap((line, i) => (EXAMPLE_NAMES.some((name) => name.test(line)) ? [`${where}:${i + 1}: ${line}`] : [])),
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function read(files: readonly string[]): Promise<Shipped[]> {
  return Promise.all(
    files.map(async (file) => ({ where: path.relative(REPO_ROOT, file), text: await readFile(file, 'utf8') })),
  );
}

/** A charter stub's `## §N` headings are what wavec reads; only its prose must be neutral. */
function withoutSectionHeadings(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^#{1,6} §\d+ /.test(line) ? '' : line))
    .join('\n');
}

describe('the shipped wording names nothing of the example workspace', () => {
  it('every fragment of the base library', async () => {
    expect(leaks(await read(await filesUnder(path.join(REPO_ROOT, 'templates'))))).toEqual([]);
  });

  it('every schema description', async () => {
    expect(leaks(await read(await filesUnder(path.join(REPO_ROOT, 'schemas'))))).toEqual([]);
  });

  it("the init starter's config, charter stub and first wave", () => {
    expect(
      leaks([
        { where: 'STARTER_CONFIG', text: starter.STARTER_CONFIG },
        { where: 'STARTER_CHARTER', text: withoutSectionHeadings(starter.STARTER_CHARTER) },
        { where: 'STARTER_WAVE', text: starter.STARTER_WAVE },
      ]),
    ).toEqual([]);
  });

  it("the charter stub's sections are not the example charter's numbers", () => {
    const numbers = [...starter.STARTER_CHARTER.matchAll(/^## §(\d+) /gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).not.toEqual([3, 4, 13]);
    expect(numbers).not.toContain(13);
    expect(Object.values(starter.STARTER_CHARTER_ROLES).sort()).toEqual([...numbers].sort());
    const cited = [...starter.STARTER_WAVE.matchAll(/^\s+- section: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((n) => !numbers.includes(n))).toEqual([]);
  });

  it("every command's help, and the main help", () => {
    expect(
      leaks([
        { where: 'wavec --help', text: mainHelp(COMMANDS) },
        ...COMMANDS.map((command) => ({ where: `wavec ${command.name} --help`, text: commandHelp(command) })),
      ]),
    ).toEqual([]);
  });

  it('the agent table, apart from the codex entry itself', () => {
    const others = Object.entries(SHIPPED_AGENTS).filter(([id]) => id !== 'codex');
    expect(others.length).toBeGreaterThan(0);
    expect(leaks(others.map(([id, agent]) => ({ where: `agent ${id}`, text: JSON.stringify(agent) })))).toEqual([]);
  });

  it('the scan itself sees each name', () => {
    const planted = [
      'Honcho',
      'ISKRA',
      'home-platform',
      'Traefik labels',
      'pgvector',
      'n8n',
      'the manifest programme',
      'You are Codex',
      'codex exec < p',
      'charter §13',
      '§ 4',
    ];
    for (const name of planted) expect(leaks([{ where: 'planted', text: name }]), name).toHaveLength(1);
    expect(leaks([{ where: 'planted', text: 'agent: codex\n`{{charter "deploy"}}`' }])).toEqual([]);
  });
});
