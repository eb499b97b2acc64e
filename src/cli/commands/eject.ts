import { defineCommand } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const ejectCommand = defineCommand({
  name: 'eject',
  summary: "Copy fragments of wavec's own library into your templates folder, to override them there.",
  workspace: 'required',
  positionals: [{ name: 'id', type: 'path', label: 'fragment id', variadic: true }],
  options: {},
  details: `Each copy goes to the same path under templates_dir as in wavec's library and
records, in its front matter (\`overrides:\`), the version of wavec and the hash
of the fragment it was copied from: \`wavec explain --overrides\` tells from it
whether the base changed since. Fragments you do not copy follow wavec's
library, upgrades included. Delete a copy to follow the base again.
Nothing is overwritten: an unknown id, or one your templates folder already
holds, writes none of them.

Exit codes: 0 copied; 2 usage errors, an unknown id, or a copy exists already.

Example: wavec eject no-secrets hand-back`,
  async execute({ id }, { io, root }) {
    if (id.length === 0) {
      io.stderr.write('wavec eject: name at least one fragment id (e.g. wavec eject no-secrets)\n');
      return EXIT.usage;
    }
    const { ejectFragments } = await import('../../authoring/eject.js');
    const result = await ejectFragments(root, id);
    if (!result.written) {
      printDiagnostics(result.diagnostics, io, root);
      io.stderr.write('wavec eject: nothing written\n');
      return EXIT.usage;
    }
    io.stdout.write(result.files.map((file) => `${file} written: it now overrides wavec's own\n`).join(''));
    return EXIT.ok;
  },
});
