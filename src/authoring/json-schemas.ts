import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { WavecConfig } from '../schema/config.js';
import { FragmentMeta } from '../schema/fragment.js';
import { WaveSpec } from '../schema/spec.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readRegularFile } from '../util/regular-file.js';
import { stableJson } from '../util/stable-json.js';

export interface GeneratedSchema {
  /** File name inside the schemas folder. */
  file: string;
  text: string;
}

/** The editor schemas and the zod schema each is generated from. */
const SOURCES = [
  { file: 'wave-spec.schema.json', title: 'wavec wave spec (waves/phase-NN/wave-N.yaml)', schema: WaveSpec },
  { file: 'fragment.schema.json', title: 'wavec fragment front matter (templates/**/*.md)', schema: FragmentMeta },
  { file: 'wavec-config.schema.json', title: 'wavec workspace configuration (wavec.config.yaml)', schema: WavecConfig },
] as const;

export const SCHEMA_FILES: readonly string[] = SOURCES.map((s) => s.file);

/**
 * JSON Schemas for editors, generated from the zod schemas the loader
 * validates with, so completion in the editor and errors from wavec can
 * never disagree. Input shape (defaults are optional), draft-07 (what
 * yaml-language-server and VS Code handle best), keys in a stable order.
 */
export function generateSchemas(): GeneratedSchema[] {
  return SOURCES.map(({ file, title, schema }) => {
    const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-07', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    const { $schema, ...rest } = generated;
    // Keys sorted, so the text does not depend on the order zod emits them in, except a schema's `properties`, listed
    // in declaration order: the order an author reads the spec in.
    return {
      file,
      text: `${stableJson({ $schema, title, ...rest }, { indent: 2, keepOrderUnder: ['properties'] })}\n`,
    };
  });
}

export type SchemaWriteStatus = 'written' | 'unchanged';

/** Writes the schemas into `outDir` (created if needed); a file already up to date is left alone. */
export async function writeSchemas(outDir: string): Promise<{ file: string; status: SchemaWriteStatus }[]> {
  await mkdir(outDir, { recursive: true });
  const results: { file: string; status: SchemaWriteStatus }[] = [];
  for (const schema of generateSchemas()) {
    const target = path.join(outDir, schema.file);
    // Read only when it is a regular file: a FIFO in its place must not hang the command.
    const read = readRegularFile(target, 16 * 1024 * 1024);
    const existing = read.kind === 'ok' ? read.bytes.toString('utf8') : undefined;
    if (existing === schema.text) {
      results.push({ file: schema.file, status: 'unchanged' });
      continue;
    }
    await writeFileAtomic(target, schema.text);
    results.push({ file: schema.file, status: 'written' });
  }
  return results;
}
