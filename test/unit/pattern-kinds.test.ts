import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { line } from '../helpers/rules.js';
import { REPO_ROOT, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();
const SPEC = 'waves/phase-02/wave-2.yaml';
const POSTGRES = path.join(REPO_ROOT, 'templates/patterns/stateful-postgres.md');

async function compiled(edits: Record<string, (text: string) => string>, files: Record<string, string> = {}) {
  const ws = await workspace();
  for (const [file, change] of Object.entries(edits)) await ws.edit(file, change);
  for (const [file, text] of Object.entries(files)) await ws.write(file, text);
  const result = await compileWave(ws.root, { wave: 2, phase: 2 });
  const at = async (file: string, d: { line: number; column: number }) =>
    (await ws.read(file)).split('\n')[d.line - 1]!.slice(d.column - 1);
  return { result, at };
}

const n8nAsPostgres = (text: string) => text.replace('pattern: stateless-api', 'pattern: stateful-postgres');

describe('a pattern fits the kinds of module it declares', () => {
  it('every shipped pattern declares its kinds', () => {
    const dir = path.join(REPO_ROOT, 'templates/patterns');
    for (const file of readdirSync(dir))
      expect(readFileSync(path.join(dir, file), 'utf8'), file).toMatch(/^kinds: \[(stateful|service|worker)/m);
  });

  it("reports a service module with a stateful pattern at the module's pattern, with those that fit", async () => {
    const { result, at } = await compiled({ [SPEC]: n8nAsPostgres });
    expect(result.diagnostics.map(line)).toEqual([
      `${SPEC}:24:14 pattern-kind-mismatch pattern "stateful-postgres" fits modules of kind stateful, ` +
        'and module "n8n" is kind service',
    ]);
    expect(await at(SPEC, result.diagnostics[0]!)).toBe('stateful-postgres');
    expect(result.diagnostics[0]!.hint).toBe(
      "change the module's kind, or use a pattern for service modules (stateless-api)",
    );
    expect(result.prompt).toBeUndefined();
  });

  it('takes the kinds of the pattern it extends, and of the base pattern a user copy overrides', async () => {
    const base = readFileSync(POSTGRES, 'utf8');
    const { result } = await compiled(
      { [SPEC]: (t) => t.replace('pattern: stateless-api', 'pattern: my-postgres') },
      {
        'templates/patterns/my-postgres.md':
          '---\nid: my-postgres\nkind: pattern\ntitle: Mine\nextends: stateful-postgres\n---\nMine.\n',
        // An ejected copy from before patterns declared kinds.
        'templates/patterns/stateful-postgres.md': base.replace(/^kinds: .*\n/m, ''),
      },
    );
    expect(result.diagnostics.map(line)).toEqual([
      `${SPEC}:24:14 pattern-kind-mismatch pattern "my-postgres" fits modules of kind stateful, ` +
        'and module "n8n" is kind service',
    ]);
  });

  it('asks a pattern that neither declares kinds nor extends one to declare them, at its kind line', async () => {
    const { result, at } = await compiled(
      {},
      { 'templates/patterns/bare.md': '---\nid: bare\nkind: pattern\ntitle: Bare\n---\nBare.\n' },
    );
    const found = result.diagnostics.filter((d) => d.code === 'fragment-invalid');
    expect(found.map(line)).toEqual([
      'templates/patterns/bare.md:3:1 fragment-invalid pattern "bare" does not say which modules it fits: ' +
        'add kinds: [stateful | service | worker] to its front matter',
    ]);
    expect(await at('templates/patterns/bare.md', found[0]!)).toBe('kind: pattern');
  });

  it('refuses kinds on a fragment that is not a pattern', async () => {
    const { result } = await compiled(
      {},
      { 'templates/sections/extra.md': '---\nid: extra\nkind: section\ntitle: Extra\nkinds: [worker]\n---\nX.\n' },
    );
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toContain(
      'fragment-invalid kinds: only a pattern declares kinds',
    );
  });
});
