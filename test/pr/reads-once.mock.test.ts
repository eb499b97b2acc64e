import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, EXAMPLE } from '../helpers/workspace.js';

/** Every file opened and every folder listed through node:fs while counting, by absolute path. */
const opened: string[] = [];
const listed: string[] = [];
let counting = false;

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = ((file: Parameters<typeof fs.openSync>[0], ...rest: unknown[]) => {
    if (counting) opened.push(path.resolve(String(file)));
    return (fs.openSync as (...args: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync;
  const readdirSync = ((folder: Parameters<typeof fs.readdirSync>[0], ...rest: unknown[]) => {
    if (counting) listed.push(path.resolve(String(folder)));
    return (fs.readdirSync as (...args: unknown[]) => unknown)(folder, ...rest);
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, openSync, readdirSync }, openSync, readdirSync };
});

const WAVES = path.join(EXAMPLE, 'waves');
const SPECS = readdirSync(path.join(WAVES, 'phase-02')).map((file) => path.join(WAVES, 'phase-02', file));

const tally = (paths: readonly string[]) =>
  paths.reduce<Record<string, number>>((counts, p) => ({ ...counts, [p]: (counts[p] ?? 0) + 1 }), {});

describe.each([
  ['pr', '4'],
  ['report', '4'],
])('wavec %s %s', (...args) => {
  beforeEach(() => {
    opened.length = 0;
    listed.length = 0;
    counting = true;
  });
  afterEach(() => {
    counting = false;
  });

  it('reads each spec once and lists the waves folder once', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(args, io)).toBe(0);
    // Every spec of the phase: wave 4, the predecessors it inherits from, and the rest for the phase-wide checks.
    // At most once each: a spec parsed earlier in the process and unchanged since (its stamp) is not read again.
    const specReads = tally(opened.filter((file) => file.startsWith(`${WAVES}${path.sep}`)));
    for (const [file, count] of Object.entries(specReads)) {
      expect(SPECS).toContain(file);
      expect(count).toBe(1);
    }
    expect(tally(listed)[WAVES]).toBe(1);
    // Every input is read once: the prompt, its sidecar, the config, the charter, each fragment.
    expect(Object.entries(tally(opened)).filter(([, count]) => count > 1)).toEqual([]);
  });
});
