import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The lint corpus: `count` prompts of about 16 KB, made from the compiled
 * wave 4 prompt with deterministic variations (module names, numbers, an
 * extra paragraph), so no two files are identical and caches keyed by
 * content cannot short-circuit the work.
 */
export async function writeCorpus(dir, basePrompt, count) {
  await mkdir(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const text = basePrompt
      .replaceAll('honcho-deriver', `honcho-deriver-${i}`)
      .replaceAll('Wave 4', `Wave ${4 + (i % 7)}`)
      .replace(
        '## Hand-back',
        `Variation ${i}: the corpus varies each prompt a little (${'x'.repeat(i % 50)}).\n\n## Hand-back`,
      );
    const file = path.join(dir, `prompt-${String(i).padStart(3, '0')}.md`);
    await writeFile(file, text);
    files.push(file);
  }
  return files;
}
