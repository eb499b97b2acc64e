import path from 'node:path';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Write the JSON Schemas editors use to complete and validate wave specs, fragments and the config.',
  usage: 'schema [--out <dir>]',
  standalone: true,
  options: {
    out: {
      type: 'string',
      description: 'folder to write to, relative to the workspace root (default: schemas)',
      placeholder: 'dir',
    },
  },
  details: `Writes wave-spec.schema.json, fragment.schema.json and wavec-config.schema.json,
generated from the schemas wavec validates with. Specs point at them with
  # yaml-language-server: $schema=../../schemas/wave-spec.schema.json

Exit codes: 0 written or already current; 2 usage errors.`,
  async run(args, io) {
    const out = typeof args.values.out === 'string' ? args.values.out : 'schemas';
    const outDir = path.resolve(args.root, out);
    const { writeSchemas } = await import('../../authoring/json-schemas.js');
    for (const { file, status } of await writeSchemas(outDir)) {
      io.stdout.write(`${path.relative(args.root, path.join(outDir, file)).split(path.sep).join('/')} ${status}\n`);
    }
    return EXIT.ok;
  },
};
