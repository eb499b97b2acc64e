import { execFile } from 'node:child_process';
import { cp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useInstalledCopies } from '../helpers/package-copy.js';
import { REPO_ROOT, useScratchWorkspaces } from '../helpers/workspace.js';

const exec = promisify(execFile);
const scratchWorkspace = useScratchWorkspaces();
const installedCopy = useInstalledCopies();

/**
 * A compile of the example's wave 4 (in a copy of its workspace) through a
 * package's bin: the summary with every section's token count, and the prompt.
 */
async function compile(packageDir: string): Promise<{ summary: string; prompt: string }> {
  const workspace = await scratchWorkspace();
  const { stdout } = await exec(process.execPath, [
    path.join(packageDir, 'bin/wavec.js'),
    'compile',
    '4',
    '--force',
    '--no-cache',
    '--format',
    'json',
    '--root',
    workspace.root,
  ]);
  return { summary: stdout, prompt: await workspace.read('prompts/phase-02-wave-4.md') };
}

// What the table buys is a bench figure (docs/performance.md); here, that counting never depends on it.
describe('the token table written by npm run build', () => {
  it.each<[string, (table: string) => Promise<void>]>([
    ['missing', (table) => rm(table)],
    ['truncated', (table) => truncate(table, 1000)],
    [
      'made from another vocabulary',
      async (table) =>
        writeFile(
          table,
          (await readFile(table)).toString('latin1').replace('gpt-tokenizer@4.0.0', 'gpt-tokenizer@3.9.9'),
          'latin1',
        ),
    ],
    ['made for the other encoding', (table) => cp(path.join(path.dirname(table), 'cl100k_base.bin'), table)],
  ])(
    '%s: the compile builds the table from the vocabulary instead and prints the same counts and prompt',
    async (_, breakTable) => {
      const copy = await installedCopy();
      await breakTable(path.join(copy, 'dist/tokens/o200k_base.bin'));
      const [usual, fallback] = await Promise.all([compile(REPO_ROOT), compile(copy)]);
      expect(fallback.summary).toBe(usual.summary);
      expect(fallback.prompt).toBe(usual.prompt);
      expect((JSON.parse(usual.summary) as { stats: { tokens: number } }).stats.tokens).toBeGreaterThan(1000);
    },
  );
});
