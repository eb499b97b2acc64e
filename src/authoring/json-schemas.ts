import path from 'node:path';
import { z } from 'zod';
import { WavecConfig } from '../schema/config.js';
import { FragmentMeta } from '../schema/fragment.js';
import { WaveSpec } from '../schema/spec.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkReplaceable } from '../emit/replaceable.js';
import { writeFailed } from '../emit/write-text.js';
import { toDisplayPath } from '../load/read-source.js';
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

/**
 * Writes the schemas into `outDir` (workspace-relative; created if needed, inside the workspace by real path); a file
 * already up to date is left alone. What stands in the way (a file where the folder goes, a link out, a FIFO) comes
 * back as diagnostics, and then nothing is written.
 */
export async function writeSchemas(
  root: string,
  outDir: string,
): Promise<
  { ok: true; files: { file: string; status: SchemaWriteStatus }[] } | { ok: false; diagnostics: Diagnostic[] }
> {
  const schemas = generateSchemas();
  const folder = toDisplayPath(path.relative(root, path.resolve(root, outDir)) || '.');
  const relatives = schemas.map((schema) => path.posix.join(folder, schema.file)) as [string, ...string[]];
  const checked = await checkReplaceable(root, relatives, 16 * 1024 * 1024);
  if (!checked.ok) return checked;
  const files: { file: string; status: SchemaWriteStatus }[] = [];
  for (const [i, schema] of schemas.entries()) {
    const target = checked.targets[i]!;
    const existing = target.existing.kind === 'ok' ? target.existing.bytes.toString('utf8') : undefined;
    if (existing === schema.text) {
      files.push({ file: target.relative, status: 'unchanged' });
      continue;
    }
    try {
      await writeFileAtomic(target.absolute, schema.text);
    } catch (error) {
      return { ok: false, diagnostics: [writeFailed(target.relative, error)] };
    }
    files.push({ file: target.relative, status: 'written' });
  }
  return { ok: true, files };
}
