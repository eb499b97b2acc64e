import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownParserLoaded } from '../src/syntax/markdown.js';
import { tokenizerLoaded } from '../src/analyse/tokens.js';
import { run } from '../src/cli/run.js';
import { compileWave } from '../src/compile.js';
import { lintPrompt } from '../src/lint.js';
import { captureIo, EXAMPLE, REPO_ROOT } from './helpers/workspace.js';

// One process, in order: what each step loads stays loaded for the next.
describe('lazy loading', () => {
  it('commands that count no tokens never load a vocabulary', async () => {
    for (const argv of [
      ['--help'],
      ['diff', '3', '4'],
      ['new', '5', '--stdout'],
      ['compile', '--help'],
      ['lint', '--help'],
      ['handback', '4', path.join(REPO_ROOT, 'test/handback/replies/wave-4-good.md')],
    ]) {
      const io = captureIo(EXAMPLE);
      expect(await run(argv, io), `${argv.join(' ')}: ${io.err()}`).toBe(0);
    }
    expect(tokenizerLoaded()).toBe(false);
  });

  it('compiling and linting the example prompts never loads remark: the fast scanners read them', async () => {
    for (const wave of [2, 3, 4]) {
      const result = await compileWave(EXAMPLE, { wave });
      expect(result.ok).toBe(true);
      const lint = await lintPrompt(EXAMPLE, { path: result.prompt!.path }, { drift: true });
      expect(lint.diagnostics).toEqual([]);
    }
    expect(tokenizerLoaded()).toBe(true);
    expect(markdownParserLoaded()).toBe(false);
  });
});
