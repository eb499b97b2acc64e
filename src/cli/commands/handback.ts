import path from 'node:path';
import { defineCommand, waveRequest } from '../command.js';
import { PHASE, WAVE } from '../declaration.js';
import { EXIT } from '../io.js';
import { useColor } from '../report.js';

/** What a reply read from standard input is called in findings. */
export const STDIN_NAME = '<stdin>';

export const handbackCommand = defineCommand({
  name: 'handback',
  summary: "Check an agent's reply against a wave's hand-back contract: PR URLs, module parts, health, labels.",
  workspace: 'loaded',
  positionals: [WAVE, { name: 'file', type: 'file-or-stdin', label: 'reply', optional: true }],
  options: {
    phase: PHASE,
    record: {
      type: 'boolean',
      description:
        'store the checked result beside the prompt (prompts/phase-02-wave-4.handback.json), ' +
        'whether or not the reply meets the contract: wavec new offers its open items to the next wave',
    },
    format: {
      type: 'string',
      choices: ['human', 'json', 'github'],
      default: 'human',
      description: 'output: human (default), json or github (workflow annotations)',
    },
  },
  details: `Reads the reply from the file, or from standard input for - (or no file). The contract is
the one the wave's prompt states in its Hand-back section, derived from the same data: one PR
URL per planned PR (GitHub /pull/N, Forgejo and Gitea /pulls/N, GitLab /merge_requests/N), no
duplicates, or a PR reported blocked with its reason; per module, what the audit found, what
the manifest declares and what is UNVERIFIED, each claim labelled verified, assumed or
unknown; a health observation naming every module's container with its state and the command
that showed it; each of the spec's hand_back.items answered (or not applicable, with a
reason); a "noticed, not done" list. Form is free (headings, lists, bold lead-ins, tables or
paragraphs, any order, any case); text in HTML comments is not read; findings point at
file:line:col in the reply.

--record stores the checked result beside the prompt (deterministic JSON: the URL of each
planned PR, each module's labelled claims, the UNVERIFIED items, the noticed list, the open
items), also when the reply falls short; wavec new offers its open items to the next wave and
wavec status reports it.

Exit codes: 0 the reply meets the contract; 1 it does not; 2 usage or input errors.

Example: run the agent on prompts/phase-01-wave-2.md (the trigger the prompt shows), save its
reply as reply.md, then: wavec handback 2 reply.md`,
  async execute({ wave, phase, file, format, record }, { io, workspace, inputErrors }) {
    const [{ checkHandBack }, { readTextFile, decodeText }, { diagnostic, fileStart }] = await Promise.all([
      import('../../handback/hand-back.js'),
      import('../../load/read-source.js'),
      import('../../diagnostics/diagnostic.js'),
    ]);
    const display = file === '-' ? STDIN_NAME : file;
    // A reply is read as inputs are (a regular file, within max_file_bytes, UTF-8), though it need not be in the
    // workspace; standard input is held to the same limit.
    const maxBytes = workspace.config.max_file_bytes;
    const stdinText = (bytes: Uint8Array | undefined) =>
      bytes
        ? decodeText(bytes, display)
        : {
            ok: false as const,
            diagnostics: [
              diagnostic(
                'file-too-large',
                'error',
                `${display} is over ${maxBytes} bytes; the limit is ${maxBytes} bytes (as for a reply file)`,
                fileStart(display),
                { hint: 'raise `max_file_bytes` in wavec.config.yaml if a reply is really meant to be this large' },
              ),
            ],
          };
    const read =
      file === '-'
        ? stdinText(await io.readStdin!(maxBytes))
        : readTextFile(path.resolve(io.cwd, file), display, maxBytes);
    if (!read.ok) {
      // No excerpt: the file could not be read as text, and it need not be in the workspace.
      const { formatDiagnostic, formatSummary } = await import('../../diagnostics/format.js');
      io.stderr.write(
        `${read.diagnostics.map((d) => formatDiagnostic(d, { color: useColor(io, 'stderr') })).join('\n')}\n` +
          `${formatSummary(read.diagnostics)}\n`,
      );
      return EXIT.usage;
    }
    const reply = { path: display, text: read.text };
    const result = await checkHandBack(workspace, waveRequest(wave, phase), reply);
    if (result.inputError || !result.contract) return inputErrors(result.diagnostics);
    const [{ countBySeverity }, { formatDiagnostic, formatSummary }, { formatGithub }] = await Promise.all([
      import('../../diagnostics/formatters/lint-report.js'),
      import('../../diagnostics/format.js'),
      import('../../diagnostics/formatters/github.js'),
    ]);
    const contract = result.contract;
    let recorded: { path: string; status: string } | undefined;
    if (record) {
      const { buildRecord, writeRecord } = await import('../../handback/record.js');
      const written = await writeRecord(
        workspace.root,
        result.promptPath!,
        buildRecord({ ok: result.ok, diagnostics: result.diagnostics, contract, reading: result.reading! }, reply.text),
      );
      if (!written.ok) return inputErrors(written.diagnostics);
      recorded = { path: written.path, status: written.status };
    }
    const counts = countBySeverity(result.diagnostics);
    if (format === 'json') {
      const report = {
        path: display,
        ok: result.ok,
        contract,
        diagnostics: result.diagnostics,
        errors: counts.error,
        warnings: counts.warning,
        infos: counts.info,
        ...(recorded ? { record: recorded } : {}),
      };
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else if (format === 'github') {
      io.stdout.write(formatGithub({ diagnostics: result.diagnostics }));
      // Annotations only on stdout; what was written is news for the person running it.
      if (recorded) io.stderr.write(`${recorded.path} ${recorded.status}\n`);
    } else {
      const out = result.diagnostics.map((d) =>
        formatDiagnostic(d, {
          color: useColor(io, 'stdout'),
          sourceOf: (name) => (name === display ? reply.text : undefined),
        }),
      );
      const named = `wave ${contract.wave} (phase ${contract.phase})`;
      out.push(
        result.ok
          ? `${display}: meets the hand-back contract of ${named}`
          : `${display}: does not meet the hand-back contract of ${named}: ${formatSummary(result.diagnostics)}`,
      );
      if (recorded) out.push(`${recorded.path} ${recorded.status}`);
      io.stdout.write(`${out.join('\n')}\n`);
    }
    return result.ok ? EXIT.ok : EXIT.check;
  },
});
