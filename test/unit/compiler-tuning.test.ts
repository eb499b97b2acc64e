import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { isOneShot, tuneCompilerFor } from '../../src/cli/compiler-tuning.js';
import { REPO_ROOT } from '../helpers/workspace.js';

const exec = promisify(execFile);

it('counts every command as one-shot but lint, mcp and --watch', () => {
  const lines = [
    ['compile', '4'],
    ['compile', '4', '--watch'],
    ['lint'],
    ['lint', 'prompts'],
    ['mcp'],
    ['explain', '4'],
    ['report', '4'],
    ['new', '5'],
    ['init'],
    ['schema'],
    ['diff', '4'],
    [],
  ];
  expect(lines.map((argv) => [argv.join(' '), isOneShot(argv)])).toEqual([
    ['compile 4', true],
    ['compile 4 --watch', false],
    ['lint', false],
    ['lint prompts', false],
    ['mcp', false],
    ['explain 4', true],
    ['report 4', true],
    ['new 5', true],
    ['init', true],
    ['schema', true],
    ['diff 4', true],
    ['', true],
  ]);
});

it('leaves the compiler alone for long-running commands and on any V8 but the one it was measured on', () => {
  expect(tuneCompilerFor(['lint', 'prompts'], '11.3.244.8-node.38')).toBe(false);
  expect(tuneCompilerFor(['mcp'], '11.3.244.8-node.38')).toBe(false);
  expect(tuneCompilerFor(['compile', '4'], '12.4.254.21-node.33')).toBe(false);
});

it('turns the optimizing compiler off for a one-shot command in the bin (Node 20), silently', async () => {
  // In a child: the flag would slow this test process down.
  const script =
    `import { tuneCompilerFor } from ${JSON.stringify(path.join(REPO_ROOT, 'dist/cli/compiler-tuning.js'))}; ` +
    `console.log(tuneCompilerFor(['compile', '4']));`;
  const { stdout, stderr } = await exec(process.execPath, ['--input-type=module', '-e', script]);
  expect({ stdout, stderr }).toEqual({ stdout: `${process.versions.v8.startsWith('11.')}\n`, stderr: '' });
});
