import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { line } from '../helpers/rules.js';
import { useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();
const SPEC = 'waves/phase-02/wave-2.yaml';
const WHY = 'templates/sections/why.md';

/** Wave 2 of the example with its first module a postgres whose statefulness the audit decides: no backup_priority. */
const POSTGRES_WITHOUT_PRIORITY = (text: string) =>
  text.replace(
    '    pattern: stateless-api\n    kind: service\n',
    '    pattern: stateful-postgres\n    kind: stateful\n    statefulness:\n' +
      '      decided_by: whether the container mounts a volume\n      stateful_if: it does\n' +
      '      otherwise: a cache\n',
  );

async function compiled(edits: Record<string, (text: string) => string>) {
  const ws = await workspace();
  for (const [file, change] of Object.entries(edits)) await ws.edit(file, change);
  const result = await compileWave(ws.root, { wave: 2, phase: 2 });
  const at = async (file: string, lineNumber: number, column: number) =>
    (await ws.read(file)).split('\n')[lineNumber - 1]!.slice(column - 1);
  return { ws, result, at };
}

describe('no holes: a printed value that is missing is an error at the spec key it comes from', () => {
  it('reports a pattern reading a module field the spec leaves out, at the module and the expression', async () => {
    const { result, at } = await compiled({ [SPEC]: POSTGRES_WITHOUT_PRIORITY });
    const found = result.diagnostics.filter((d) => d.code === 'value-missing');
    expect(found.map(line)).toEqual([
      `${SPEC}:23:5 value-missing modules[0].backup_priority is not set, and fragment "stateful-postgres" ` +
        'prints it: the prompt would have a hole',
    ]);
    expect(await at(SPEC, 23, 5)).toBe('id: n8n');
    const related = found[0]!.related!;
    expect(related.file).toMatch(/templates\/patterns\/stateful-postgres\.md$/);
    expect(related.message).toBe('fragment "stateful-postgres" prints backup_priority here');
    expect(found[0]!.hint).toBe(
      'set modules[0].backup_priority in the spec, or guard it with {{#if backup_priority}}…{{/if}} in the fragment',
    );
    expect(result.prompt).toBeUndefined();
  });

  it('locates a key the spec leaves out, read through a parent path (../)', async () => {
    const { result, at } = await compiled({
      [WHY]: (text) => `${text}\n{{#each modules}}- {{id}}: {{../why.caution}}\n{{/each}}\n`,
    });
    const found = result.diagnostics.filter((d) => d.code === 'value-missing');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'why.caution is not set, and fragment "why" prints it: the prompt would have a hole',
    );
    // The spec has no `caution:` under `why:`: the error is at the mapping that would hold it.
    expect(await at(SPEC, found[0]!.line, found[0]!.column)).toBe('stakes: >-');
    // The guard the hint offers is the expression as the fragment writes it, ready to paste.
    expect(found[0]!.hint).toBe(
      'set why.caution in the spec, or guard it with {{#if ../why.caution}}…{{/if}} in the fragment',
    );
  });

  it('keeps a guarded read quiet: {{#if}} may read a missing value', async () => {
    const { result } = await compiled({
      [WHY]: (text) => `${text}\n{{#if why.caution}}Caution: {{why.caution}}{{else}}No caution.{{/if}}\n`,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(line)).toEqual([]);
    expect(result.prompt!.text).toContain('No caution.');
  });

  it('reports a helper that gives nothing at the fragment expression, with no spec key to blame', async () => {
    const { result, ws } = await compiled({ [WHY]: (text) => `${text}\nCaution: {{lookup why "caution"}}\n` });
    const found = result.diagnostics.filter((d) => d.code === 'value-missing');
    expect(found).toHaveLength(1);
    expect(found[0]!.file).toMatch(/templates\/sections\/why\.md$/);
    expect(found[0]!.message).toBe(
      'this expression is null here, and fragment "why" prints it: the prompt would have a hole',
    );
    const why = (await ws.read(WHY)).split('\n');
    expect(why[found[0]!.line - 1]!.slice(found[0]!.column - 1)).toBe('{{lookup why "caution"}}');
    expect(found[0]!.related).toBeUndefined();
  });
});
