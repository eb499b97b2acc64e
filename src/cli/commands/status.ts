import type { Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const statusCommand: Command = {
  name: 'status',
  summary:
    'List every wave of every phase: spec, prompt fresh or stale, PR body, hand-back recorded, open items carried.',
  usage: 'status [--format human|json]',
  options: {
    format: {
      type: 'string',
      description: 'human (default: one line per wave) or json',
      placeholder: 'format',
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
  async run(args, io) {
    const format = args.values.format ?? 'human';
    if (format !== 'human' && format !== 'json') {
      io.stderr.write(
        `wavec status: --format must be human or json, got "${String(format)}"\nUsage: wavec ${this.usage}\n`,
      );
      return EXIT.usage;
    }
    const [{ programmeStatus }, { formatStatus }] = await Promise.all([
      import('../../status/status.js'),
      import('../../status/format-status.js'),
    ]);
    const status = await programmeStatus(args.root);
    if (!status.ok) {
      printDiagnostics(status.diagnostics, io, args.root);
      return EXIT.usage;
    }
    io.stdout.write(
      format === 'json' ? `${JSON.stringify({ waves: status.waves }, null, 2)}\n` : formatStatus(status.waves),
    );
    return EXIT.ok;
  },
};
