import path from 'node:path';
import { defineCommand } from '../command.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EXIT } from '../io.js';

export const initCommand = defineCommand({
  name: 'init',
  summary: 'Lay out a new workspace: config, charter stub, a first wave spec, editor schemas.',
  workspace: 'creates',
  positionals: [{ name: 'dir', type: 'path', optional: true }],
  options: {
    eject: {
      type: 'boolean',
      description: "also copy every fragment of wavec's library into templates/, to edit (see wavec eject)",
    },
    charter: {
      type: 'string',
      placeholder: 'path',
      description: 'your charter, a file inside the workspace: no stub; charter_roles proposed from its headings',
    },
  },
  details: `dir defaults to the workspace root (--root, or the current folder). Nothing
is overwritten: when any of the files exists, all of them are listed and none
is written. The fragments come from wavec's own library (the base layer):
templates/ holds only the ones you add or override (\`wavec eject ID\`).

--charter PATH (relative to the current folder) names a charter you already
have: init writes no stub, and proposes charter_roles from its headings for
you to confirm; a role no heading suggests is a comment naming it, to map.

Exit codes: 0 created; 2 a file exists already, or usage errors.

Example: wavec init platform && cd platform && wavec compile 1`,
  async execute({ dir, eject, charter }, { io, root }) {
    const target = path.resolve(io.cwd, dir ?? root);
    const { initWorkspace } = await import('../../authoring/init.js');
    const ownCharter = charter === undefined ? undefined : path.relative(target, path.resolve(io.cwd, charter));
    const result = await initWorkspace(target, { eject, charter: ownCharter });
    const shown = path.relative(io.cwd, result.root) || '.';
    if (!result.written) {
      // "x already exists" is listed under one line; anything else (a link out, a file where a folder goes) is located.
      const isListed = (d: Diagnostic) =>
        d.code === 'init-exists' && d.message.endsWith('wavec init never overwrites a file');
      const located = result.diagnostics.filter((d) => !isListed(d));
      const existing = result.diagnostics.filter(isListed).map((d) => `  ${d.file}\n`);
      io.stderr.write(located.map((d) => `${d.file}:${d.line}:${d.column} error ${d.code} ${d.message}\n`).join(''));
      io.stderr.write(
        existing.length === 0
          ? 'wavec init: nothing written\n'
          : `wavec init: ${existing.length} of the files it would write already ` +
              `${existing.length === 1 ? 'exists' : 'exist'} in ${shown}; nothing written:\n${existing.join('')}`,
      );
      return EXIT.usage;
    }
    const fragments = result.files.filter((f) => f.startsWith('templates/')).length;
    const schemas = result.files.filter((f) => f.startsWith('schemas/')).length;
    io.stdout.write(
      [
        `Created a wavec workspace in ${shown}:`,
        '  wavec.config.yaml',
        ownCharter === undefined
          ? '  charter/PLATFORM_CHARTER.md   a stub: point `charter:` at your real charter'
          : `  (no charter stub)             charter_roles proposed from ${result.charter}: confirm them`,
        fragments > 0
          ? `  templates/                    ${fragments} fragments copied from wavec's library, to edit`
          : "  (no templates/)               wavec's own fragments apply; `wavec eject ID` copies one to edit",
        '  waves/phase-01/wave-1.yaml    a small first wave',
        `  schemas/                      ${schemas} JSON Schemas for editors`,
        '',
        `Next: ${shown === '.' ? '' : `cd ${shown} && `}wavec compile 1`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
});
