import { defineCommand } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

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
    const { writeSchemas } = await import('../../authoring/json-schemas.js');
    const written = await writeSchemas(root, out);
    if (!written.ok) {
      printDiagnostics(written.diagnostics, io, root);
      return EXIT.usage;
    }
    for (const { file, status } of written.files) io.stdout.write(`${file} ${status}\n`);
    return EXIT.ok;
  },
});
