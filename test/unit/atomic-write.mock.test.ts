import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The rename is the one step a test cannot make fail on an ordinary file (tests run as root, where permissions do not
// stop it): it is replaced by one that fails when asked, and records where the temporary file was.
const renames = vi.hoisted(() => ({ fail: false, sources: [] as string[] }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      renames.sources.push(from);
      if (renames.fail) throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
      return actual.rename(from, to);
    },
  };
});

const { isTemporaryName, prepareWrite, temporaryPathFor, writeFileAtomic, writeFileAtomicSync } =
  await import('../../src/util/atomic-write.js');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'wavec-atomic-'));
  renames.fail = false;
  renames.sources = [];
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const target = () => path.join(folder, 'prompt.md');

describe('writeFileAtomic', () => {
  it('creates or replaces the file through a temporary file in its own folder, and leaves nothing else', async () => {
    await writeFileAtomic(target(), 'one\n');
    await writeFileAtomic(target(), 'two\n');
    expect(await readFile(target(), 'utf8')).toBe('two\n');
    expect(renames.sources).toHaveLength(2);
    for (const source of renames.sources) {
      expect(path.dirname(source)).toBe(folder);
      expect(isTemporaryName(path.basename(source))).toBe(true);
    }
    expect(await readdir(folder)).toEqual(['prompt.md']);
  });

  it('leaves the old file intact and no temporary file when the rename fails, and throws the error', async () => {
    await writeFile(target(), 'old\n');
    renames.fail = true;
    await expect(writeFileAtomic(target(), 'new\n')).rejects.toThrow(/^EIO/);
    expect(await readFile(target(), 'utf8')).toBe('old\n');
    expect(await readdir(folder)).toEqual(['prompt.md']);
  });

  it('leaves no temporary file when the temporary file itself cannot be written', async () => {
    await expect(writeFileAtomic(path.join(folder, 'missing-folder', 'x.md'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('under exclusive, creates a missing file but never replaces an existing one', async () => {
    await writeFileAtomic(target(), 'first\n', { exclusive: true });
    expect(await readFile(target(), 'utf8')).toBe('first\n');
    await expect(writeFileAtomic(target(), 'second\n', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target(), 'utf8')).toBe('first\n');
    expect(await readdir(folder)).toEqual(['prompt.md']);
  });

  it('writes bytes as they are', async () => {
    await writeFileAtomic(target(), Uint8Array.of(0xef, 0xbb, 0xbf, 0x41));
    expect([...(await readFile(target()))]).toEqual([0xef, 0xbb, 0xbf, 0x41]);
  });
});

describe('prepareWrite', () => {
  it('holds the content in a temporary file until commit; discard removes it and leaves the target alone', async () => {
    await writeFile(target(), 'old\n');
    const kept = await prepareWrite(target(), 'new\n');
    const dropped = await prepareWrite(target(), 'other\n');
    expect(await readFile(target(), 'utf8')).toBe('old\n');
    expect((await readdir(folder)).filter(isTemporaryName)).toHaveLength(2);
    await dropped.discard();
    await kept.commit();
    expect(await readFile(target(), 'utf8')).toBe('new\n');
    expect(await readdir(folder)).toEqual(['prompt.md']);
  });
});

describe('writeFileAtomicSync', () => {
  it('replaces the file and, when it cannot, leaves the old one and no temporary file', async () => {
    writeFileAtomicSync(target(), 'one\n');
    expect(await readFile(target(), 'utf8')).toBe('one\n');
    await mkdir(path.join(folder, 'in-the-way', 'child'), { recursive: true });
    expect(() => writeFileAtomicSync(path.join(folder, 'in-the-way'), 'x')).toThrow();
    expect((await readdir(folder)).sort()).toEqual(['in-the-way', 'prompt.md']);
    expect(() => writeFileAtomicSync(target(), 'two\n', { exclusive: true })).toThrow(/EEXIST/);
    expect(await readFile(target(), 'utf8')).toBe('one\n');
  });
});

describe('temporary names', () => {
  it('are recognised as wavec leftovers, and other names are not', () => {
    const name = path.basename(temporaryPathFor('/x/phase-02-wave-4.md'));
    expect(name).toMatch(/^\.phase-02-wave-4\.md\.\d+-[0-9a-f]{8}\.wavec-tmp$/);
    expect(isTemporaryName(name)).toBe(true);
    for (const other of [
      'phase-02-wave-4.md',
      '.phase-02-wave-4.md.tmp-12-abcd1234',
      'x.wavec-tmp',
      '.a.1-xyz.wavec-tmp',
    ])
      expect(isTemporaryName(other)).toBe(false);
  });
});
