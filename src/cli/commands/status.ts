import { defineCommand } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const statusCommand = defineCommand({
  name: 'status',
  summary:
    'List every wave of every phase: spec, prompt fresh or stale, PR body, hand-back recorded, open items carried.',
  workspace: 'loaded',
  positionals: [],
  options: {
    format: {
      type: 'string',
      choices: ['human', 'json'],
      default: 'human',
      description: 'human (default: one line per wave) or json',
    },
  },
  details: `For every wave (from its spec, or from a compiled prompt whose spec is gone): whether the spec
is there; whether the prompt is fresh (a compile writes the same bytes and sidecar), stale (an
input changed), edited by hand, missing, or its spec does not compile; whether the PR body
(wavec pr --write) is written; whether a hand-back is recorded (wavec handback --record) and
met the contract; and its open items (noticed, UNVERIFIED, blocked): taken up by a later wave
(its text in a later spec), deferred (a later spec's deferred), or not carried. Never writes.

Exit codes: 0 the status was listed; 2 usage or input errors.

Example: wavec status --format json`,
  async execute({ format }, { io, workspace, inputErrors }) {
    const [{ programmeStatus }, { formatStatus }] = await Promise.all([
      import('../../status/status.js'),
      import('../../status/format-status.js'),
    ]);
    const status = await programmeStatus(workspace);
    if (!status.ok) return inputErrors(status.diagnostics);
    // A spec that does not load is one wave's state among the others: listed, with its findings.
    if (format === 'json')
      io.stdout.write(`${JSON.stringify({ waves: status.waves, diagnostics: status.diagnostics }, null, 2)}\n`);
    else {
      printDiagnostics(status.diagnostics, io, workspace.root);
      io.stdout.write(formatStatus(status.waves));
    }
    return EXIT.ok;
  },
});
