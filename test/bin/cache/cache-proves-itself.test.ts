import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { wavecBin } from '../../helpers/bin.js';
import { captureIo, copyWorkspace } from '../../helpers/workspace.js';

// Issue 12, item 4: caches prove themselves. Every cache file carries the
// hash of its entry; an entry that does not verify is ignored and
// rewritten; inputs are hashed through symbolic links. Nothing from a cache
// makes compile or lint answer differently from --no-cache.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const ws = await copyWorkspace();
  const cache = mkdtempSync(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(ws.cleanup, () => rmSync(cache, { recursive: true, force: true }));
  const bin = (...args: string[]) => wavecBin(args, ws.root, { env: { WAVEC_CACHE_DIR: cache } });
  return { ws, cache, bin };
}

function cacheFiles(cache: string): string[] {
  return readdirSync(cache, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe('a linked config', () => {
  it('is hashed by what it points at: a change behind the link is not hidden by the lint cache', async () => {
    const { ws, bin } = await setup();
    renameSync(path.join(ws.root, 'wavec.config.yaml'), path.join(ws.root, 'real-config.yaml'));
    symlinkSync('real-config.yaml', path.join(ws.root, 'wavec.config.yaml'));
    await ws.write('draft.md', '# Draft\n\n## Mission\n\nA hand-written prompt.\n');
    const first = bin('lint', 'draft.md');
    expect(first.stdout).not.toContain('budget-lines');
    await ws.edit('real-config.yaml', (t) => t.replace('  max_lines: 320', '  max_lines: 2'));
    const fresh = bin('lint', 'draft.md', '--no-cache');
    expect(fresh.stdout).toContain('error budget-lines');
    expect(bin('lint', 'draft.md')).toEqual(fresh);
  });
});

describe('random cache corruption', () => {
  it('never changes what compile or lint answer, compared with --no-cache', { timeout: 120_000 }, async () => {
    const ws = await copyWorkspace();
    const cache = mkdtempSync(path.join(tmpdir(), 'wavec-cache-'));
    cleanups.push(ws.cleanup, () => rmSync(cache, { recursive: true, force: true }));
    const wavec = async (...argv: string[]) => {
      const io = captureIo(ws.root, { WAVEC_CACHE_DIR: cache });
      const code = await run([...argv, '--root', ws.root], io);
      return { code, out: io.out(), err: io.err() };
    };
    const commands = [
      ['compile', '4', '--stdout'],
      ['lint', 'prompts', '--drift'],
    ];
    const fresh = await Promise.all(commands.map((argv) => wavec(...argv, '--no-cache')));
    for (const argv of commands) await wavec(...argv);
    const files = cacheFiles(cache);
    expect(files.length).toBeGreaterThan(2);
    const originals = new Map(files.map((file) => [file, readFileSync(file)]));

    const corruption = fc.record({
      file: fc.constantFrom(...files),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      kind: fc.constantFrom('byte', 'digit', 'truncate', 'empty'),
      byte: fc.integer({ min: 0, max: 255 }),
    });
    await fc.assert(
      fc.asyncProperty(corruption, async ({ file, at, kind, byte }) => {
        for (const [name, bytes] of originals) writeFileSync(name, bytes);
        const bytes = Buffer.from(originals.get(file)!);
        const offset = Math.min(bytes.length - 1, Math.floor(at * bytes.length));
        let corrupted: Buffer;
        if (kind === 'truncate') corrupted = bytes.subarray(0, offset);
        else if (kind === 'empty') corrupted = Buffer.alloc(0);
        else {
          corrupted = Buffer.from(bytes);
          // A digit edited to another digit keeps the JSON well-formed: a count, a line number, a flag's position.
          const digits = [...bytes.keys()].filter((i) => bytes[i]! >= 0x30 && bytes[i]! <= 0x39);
          if (kind === 'digit' && digits.length > 0) {
            const i = digits[Math.floor(at * digits.length) % digits.length]!;
            corrupted[i] = 0x30 + ((corrupted[i]! - 0x30 + 1 + (byte % 9)) % 10);
          } else corrupted[offset] = byte;
        }
        writeFileSync(file, corrupted);
        for (const [i, argv] of commands.entries()) expect(await wavec(...argv)).toEqual(fresh[i]);
      }),
      { numRuns: 12 },
    );
  });
});
