import path from 'node:path';
import { defineCommand } from '../command.js';
import { EXIT } from '../io.js';

export const schemaCommand = defineCommand({
  name: 'schema',
  summary: 'Write the JSON Schemas editors use to complete and validate wave specs, fragments and the config.',
  workspace: 'optional',
  positionals: [],
  options: {
    out: {
      type: 'string',
      default: 'schemas',
      description: 'folder to write to, relative to the workspace root (default: schemas)',
      placeholder: 'dir',
    },
  },
  details: `Writes wave-spec.schema.json, fragment.schema.json and wavec-config.schema.json,
generated from the schemas wavec validates with. Specs point at them with
  # yaml-language-server: $schema=../../schemas/wave-spec.schema.json

Exit codes: 0 written or already current; 2 usage errors.`,
  async execute({ out }, { io, root }) {
    const outDir = path.resolve(root, out);
    const { writeSchemas } = await import('../../authoring/json-schemas.js');
    for (const { file, status } of await writeSchemas(outDir)) {
      io.stdout.write(`${path.relative(root, path.join(outDir, file)).split(path.sep).join('/')} ${status}\n`);
    }
    return EXIT.ok;
  },
});
