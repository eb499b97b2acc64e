import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { treeState, wavecBin } from '../../helpers/bin.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A team's own charter, numbered and titled unlike the starter stub. */
const CHARTER = `# Depot team charter

## §2 Credentials

Keys stay in the vault.

## §5 Releases

Releases go through the release train.

## §8 Honest reporting

Say what you checked.
`;

async function repository(charter: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'wavec-init-charter-'));
  made.push(root);
  await mkdir(path.join(root, 'handbook'));
  await writeFile(path.join(root, 'handbook/charter.md'), charter);
  return root;
}

describe('wavec init --charter PATH', () => {
  it('writes no stub, names the charter, proposes each role from its headings; wave 1 compiles', async () => {
    const root = await repository(CHARTER);
    const init = wavecBin(['init', '--charter', 'handbook/charter.md'], root);
    expect(init.stderr).toBe('');
    expect(init.exit).toBe(0);
    expect(init.stdout).toContain('charter_roles proposed from handbook/charter.md: confirm them');
    await expect(readdir(path.join(root, 'charter'))).rejects.toThrow(/ENOENT/);
    const text = await readFile(path.join(root, 'wavec.config.yaml'), 'utf8');
    expect(text).toMatch(/# Proposed by wavec init from the charter's headings: confirm/);
    const config = parse(text);
    expect(config.charter).toBe('handbook/charter.md');
    expect(config.charter_roles).toEqual({ deploy: 5, secrets: 2, honesty: 8 });
    expect(config.required_sections).toBeUndefined();
    expect(text).toContain('#     - "## Honest reporting (charter §8)"\n');
    const spec = await readFile(path.join(root, 'waves/phase-01/wave-1.yaml'), 'utf8');
    expect([...spec.matchAll(/- section: (\d+)/g)].map((m) => Number(m[1]))).toEqual([5, 8]);
    const compile = wavecBin(['compile', '1'], root);
    expect(compile.stderr).toBe('');
    expect(compile.exit).toBe(0);
    const prompt = await readFile(path.join(root, 'prompts/phase-01-wave-1.md'), 'utf8');
    expect(prompt).toContain('## Honest reporting (charter §8)');
    expect(prompt).not.toMatch(/§(3|4|13)\b/);
    expect(wavecBin(['lint'], root).exit).toBe(0);
  });

  it('names a role no heading suggests in a comment, succeeds, and compile asks for the mapping', async () => {
    const root = await repository(CHARTER.replace('## §8 Honest reporting', '## §8 Reporting'));
    const init = wavecBin(['init', '--charter', 'handbook/charter.md'], root);
    expect(init.exit).toBe(0);
    const text = await readFile(path.join(root, 'wavec.config.yaml'), 'utf8');
    expect(text).toContain('# No heading suggested a section for "honesty": map it (role: section number).\n');
    expect(parse(text).charter_roles).toEqual({ deploy: 5, secrets: 2 });
    expect(text).not.toContain('required_sections');
    // The first wave cites no section in its place: the stub's number could be another rule of this charter.
    const spec = await readFile(path.join(root, 'waves/phase-01/wave-1.yaml'), 'utf8');
    expect([...spec.matchAll(/^ {2}- section: (\d+)/gm)].map((m) => Number(m[1]))).toEqual([5]);
    expect(spec).toContain("  # The charter's honesty section: no heading suggested one (see charter_roles).\n");
    const compile = wavecBin(['compile', '1'], root);
    expect(compile.exit).toBe(2);
    expect(compile.stdout + compile.stderr).toMatch(
      /wavec\.config\.yaml:\d+:\d+ error charter-role-unmapped charter role "honesty" is not mapped/,
    );
  });

  it('a charter that is not there, or outside the workspace: a located error, exit 2, nothing written', async () => {
    const root = await repository(CHARTER);
    const before = treeState(root);
    const missing = wavecBin(['init', '--charter', 'handbook/nope.md'], root);
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toBe(
      'handbook/nope.md:1:1 error file-not-found file not found: handbook/nope.md\nwavec init: nothing written\n',
    );
    const outside = wavecBin(['init', 'ws', '--charter', 'handbook/charter.md'], root);
    expect(outside.exit).toBe(2);
    expect(outside.stderr).toMatch(/^\.\.\/handbook\/charter\.md:1:1 error init-outside-workspace the charter /);
    expect(treeState(root)).toEqual(before);
  });
});
