import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../load/config.js';
import { isInside } from '../load/read-source.js';

const run = promisify(execFile);

export interface Materialised {
  /** A temporary folder holding the workspace's inputs as they were at the revision. */
  dir: string;
  /** The full commit id the revision resolved to. */
  commit: string;
  cleanup(): Promise<void>;
}

/**
 * Writes the inputs a compile reads (config, charter, fragments, specs) as
 * they were at a git revision into a temporary folder, so the same compile
 * can run there. Only regular files are written; symlinks and submodules are
 * skipped. Git runs without a shell, and the revision can never be taken for
 * an option.
 */
export async function materialiseRevision(
  root: string,
  revision: string,
): Promise<{ ok: true; tree: Materialised } | { ok: false; message: string }> {
  if (revision.startsWith('-') || revision.trim() === '')
    return { ok: false, message: `"${revision}" is not a git revision` };
  const git = (args: string[], maxBuffer = 64 * 1024 * 1024) =>
    run('git', args, { cwd: root, maxBuffer, encoding: 'buffer' });

  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).stdout
      .toString('utf8')
      .trim();
  } catch (error) {
    const inside = await git(['rev-parse', '--is-inside-work-tree']).then(
      () => true,
      () => false,
    );
    return {
      ok: false,
      message: inside
        ? `unknown git revision "${revision}"`
        : `${root} is not inside a git repository (${firstLine(error)})`,
    };
  }

  // Run in the workspace root, ls-tree lists that subtree with paths relative to it.
  const listing = (await git(['ls-tree', '-r', '-z', commit])).stdout.toString('utf8');
  const blobs = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    const match = /^(100644|100755) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match) blobs.set(match[3]!, match[2]!);
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'wavec-base-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await writeBlobs(root, dir, blobs, (file) => file === 'wavec.config.yaml');
    const config = await loadConfig(dir);
    // A broken config at that revision is reported by the compile there; the default layout is fetched meanwhile.
    const { templates_dir, waves_dir, charter } = config.ok
      ? config.config
      : { templates_dir: 'templates', waves_dir: 'waves', charter: 'charter/PLATFORM_CHARTER.md' };
    const under = (folder: string, file: string) =>
      file.startsWith(`${path.posix.normalize(folder).replace(/\/$/, '')}/`);
    await writeBlobs(
      root,
      dir,
      blobs,
      (file) => under(templates_dir, file) || under(waves_dir, file) || file === path.posix.normalize(charter),
    );
    return { ok: true, tree: { dir, commit, cleanup } };
  } catch (error) {
    await cleanup();
    return { ok: false, message: `could not read ${revision}: ${firstLine(error)}` };
  }
}

/** Reads the selected blobs with one `git cat-file --batch` and writes them under `dir`. */
async function writeBlobs(
  root: string,
  dir: string,
  blobs: ReadonlyMap<string, string>,
  wanted: (file: string) => boolean,
): Promise<void> {
  const files = [...blobs.keys()].filter(wanted).filter((file) => isInside(dir, path.resolve(dir, file)));
  if (files.length === 0) return;
  const contents = await catFiles(
    root,
    files.map((file) => blobs.get(file)!),
  );
  for (const [i, file] of files.entries()) {
    const target = path.resolve(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents[i]!);
  }
}

function catFiles(root: string, objects: string[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(stderr.trim() || `git cat-file exited with ${code}`));
      try {
        resolve(parseBatch(Buffer.concat(chunks), objects.length));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(`${objects.join('\n')}\n`);
  });
}

/** `<sha> blob <size>\n<content>\n`, once per object. */
function parseBatch(output: Buffer, count: number): Buffer[] {
  const result: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const end = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, end).toString('utf8');
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!match) throw new Error(`unexpected git cat-file output: ${header}`);
    const size = Number(match[1]);
    result.push(output.subarray(end + 1, end + 1 + size));
    offset = end + 1 + size + 1;
  }
  return result;
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr;
  const text = stderr && stderr.length > 0 ? stderr.toString() : error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0]!;
}
