import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { prepareWrite, syncFolder, type PreparedWrite } from '../util/atomic-write.js';

/**
 * Writes files that must not exist yet, all or none: a file created by
 * someone else meanwhile is not replaced (the write fails and every file
 * this call placed is taken back, so a rerun does not refuse half of them).
 */
export async function writeNewFiles(root: string, files: ReadonlyMap<string, string>): Promise<void> {
  // Every file is written and flushed (side by side: one flush after another took three times as long) before any is
  // put in place; then each folder is flushed once.
  const targets = [...files.keys()].map((file) => path.join(root, file));
  const folders = [...new Set(targets.map((target) => path.dirname(target)))];
  const prepared: PreparedWrite[] = [];
  const placed: string[] = [];
  try {
    for (const folder of folders) await mkdir(folder, { recursive: true });
    const writes = await Promise.allSettled(
      [...files.values()].map((text, i) => prepareWrite(targets[i]!, text, { exclusive: true })),
    );
    for (const write of writes) if (write.status === 'fulfilled') prepared.push(write.value);
    const failed = writes.find((write) => write.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [i, write] of prepared.entries()) {
      await write.commit();
      placed.push(targets[i]!);
    }
  } catch (error) {
    await Promise.all(prepared.map((write) => write.discard()));
    await Promise.all(placed.map((file) => unlink(file).catch(() => undefined)));
    throw error;
  }
  for (const folder of folders) await syncFolder(folder);
}
