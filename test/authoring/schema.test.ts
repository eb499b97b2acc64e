import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSchemas, SCHEMA_FILES } from '../../src/authoring/json-schemas.js';
import { run } from '../../src/cli/run.js';
import { exampleSpecs } from '../helpers/example.js';
import { captureIo, EXAMPLE, REPO_ROOT } from '../helpers/workspace.js';

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('editor JSON Schemas', () => {
  it.each(SCHEMA_FILES)(
    'the committed schemas/%s is current (run `npm run schema` after changing a zod schema)',
    async (file) => {
      const committed = await readFile(path.join(REPO_ROOT, 'schemas', file), 'utf8');
      expect(committed).toBe(generateSchemas().find((s) => s.file === file)!.text);
    },
  );

  it('is deterministic, LF-only, with one final newline and sorted keys outside `properties`', () => {
    const [first, second] = [generateSchemas(), generateSchemas()];
    expect(first).toEqual(second);
    for (const { text } of first) {
      expect(text).not.toMatch(/\r/);
      expect(text.endsWith('}\n')).toBe(true);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    }
  });

  it('keeps the declaration order of spec keys, so completion reads like the spec', () => {
    const spec = JSON.parse(generateSchemas().find((s) => s.file === 'wave-spec.schema.json')!.text);
    expect(Object.keys(spec.properties).slice(0, 6)).toEqual([
      '$schema',
      'phase',
      'wave',
      'title',
      'subsystem',
      'layout',
    ]);
    expect(spec.required).toEqual(
      expect.arrayContaining(['phase', 'wave', 'title', 'modules', 'charter_refs', 'hand_back']),
    );
    expect(spec.additionalProperties).toBe(false);
    expect(spec.properties.modules.items.properties.kind.enum).toEqual(['stateful', 'service', 'worker']);
  });

  it('describes the input shape: keys with defaults are optional', () => {
    const config = JSON.parse(generateSchemas().find((s) => s.file === 'wavec-config.schema.json')!.text);
    expect(config.required ?? []).toEqual([]);
    expect(config.properties.encoding.enum).toEqual(['o200k_base', 'cl100k_base']);
    const fragment = JSON.parse(generateSchemas().find((s) => s.file === 'fragment.schema.json')!.text);
    expect(fragment.required).toEqual(['id', 'kind', 'title']);
  });

  it('is what every spec of the live example and its config point their editor at', async () => {
    const config = await readFile(path.join(REPO_ROOT, 'wavec.config.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/wavec-config.schema.json');
    const specs = await exampleSpecs();
    expect(specs.length).toBeGreaterThan(0);
    for (const file of specs) {
      const spec = await readFile(path.join(REPO_ROOT, file), 'utf8');
      expect(spec.split('\n')[0], file).toBe('# yaml-language-server: $schema=../../schemas/wave-spec.schema.json');
    }
  });
});

describe('wavec schema', () => {
  it('writes the three schemas into --out, then reports them unchanged', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'wavec-schema-'));
    temporary.push(root);
    const io = captureIo(root);
    expect(await run(['schema', '--out', 'editor'], io)).toBe(0);
    expect(io.out()).toBe(
      'editor/wave-spec.schema.json written\neditor/fragment.schema.json written\n' +
        'editor/wavec-config.schema.json written\n',
    );
    expect((await readdir(path.join(root, 'editor'))).sort()).toEqual([...SCHEMA_FILES].sort());
    const again = captureIo(root);
    expect(await run(['schema', '--out', 'editor'], again)).toBe(0);
    expect(again.out()).toBe(
      'editor/wave-spec.schema.json unchanged\neditor/fragment.schema.json unchanged\n' +
        'editor/wavec-config.schema.json unchanged\n',
    );
  });

  it('refuses a positional argument with exit 2', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['schema', 'out'], io)).toBe(2);
    expect(io.err()).toBe('wavec schema: unexpected argument "out"\nUsage: wavec schema [--out <dir>]\n');
  });
});
