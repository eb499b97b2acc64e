import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.js';

/**
 * The bundle (scripts/bundle.mjs) puts a lazily imported package in a chunk
 * of its own; for a CommonJS package (yaml, handlebars) that chunk has only a
 * default export, so `const { parse } = await import('yaml')` works from
 * src/ under vitest and fails in the shipped bin. wavec's own modules are
 * ESM and safe to import lazily; packages are imported statically (or with
 * createRequire) by the module that uses them. Node's built-ins too: esbuild
 * leaves `import('node:fs')` as it is, and the bin runs the bundle as a
 * vm.Script (to use its code cache), where a real `import()` fails with
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING (`wavec pr --write` did).
 */
describe('lazy imports', () => {
  it("imports nothing lazily in src/ but wavec's own modules", async () => {
    const offenders: string[] = [];
    const dir = path.join(REPO_ROOT, 'src');
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.')) continue;
        // `typeof import('x')` is a type, not a load.
        if (/typeof\s+$/.test(text.slice(0, match.index))) continue;
        offenders.push(`${path.relative(REPO_ROOT, file)}: import('${specifier}')`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('leaves no dynamic import() in the built bundle the bin runs', async () => {
    const bundle = await readFile(path.join(REPO_ROOT, 'dist/cli.cjs'), 'utf8');
    const calls = bundle.split('\n').filter((line) => !/^\s*(\/\/|\*)/.test(line) && /(^|[^\w.$])import\(/.test(line));
    expect(calls).toEqual([]);
  });
});
