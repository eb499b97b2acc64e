import { parsePositiveInt, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const prCommand: Command = {
  name: 'pr',
  summary:
    "Print (or write next to the prompt) the pull request that adds a wave's prompt: title, body, commit message.",
  usage: 'pr <wave> [--phase <n>] [--write] [--format markdown|json]',
  options: {
    phase: {
      type: 'string',
      description: 'phase of the wave (needed only when the wave number exists in several phases)',
      placeholder: 'n',
    },
    write: {
      type: 'boolean',
      description: 'write it next to the prompt (prompts/phase-02-wave-4.pr.md) instead of printing it',
    },
    format: {
      type: 'string',
      description: 'markdown (default: title, body, commit message) or json ({title, body, commit_message, labels})',
      placeholder: 'format',
    },
  },
  details: `Rendered from the pr-body and pr-commit-message layouts (templates/layouts/, editable like
any fragment) with the same context as the prompt. The Verification boxes are measured as
\`wavec report\` measures them, on the committed prompt (or a fresh compile); a box that does
not apply says so. The spec's optional pr: key sets the title pattern, forge labels and extra
test-plan items. --write is atomic and writes only when every applicable box is ticked.

Exit codes: 0 every applicable box ticked; 1 a box is not ticked (with --write: nothing
written); 2 usage or input errors.

Example: wavec pr 4 --write`,
  async run(args, io) {
    const wave = parsePositiveInt(args.positionals[0], 'wave number');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'markdown';
    const problems = [wave, phase].filter((value): value is string => typeof value === 'string');
    if (format !== 'markdown' && format !== 'json')
      problems.push(`--format must be markdown or json, got "${String(format)}"`);
    if (args.values.write && format === 'json')
      problems.push('--write writes the Markdown file; leave out --format json');
    if (problems.length > 0 || typeof wave !== 'number' || typeof phase === 'string') {
      io.stderr.write(`wavec pr: ${problems[0]}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }
    const [{ buildPullRequest }, { formatPullRequest, writePullRequest }, { loadWorkspace }] = await Promise.all([
      import('../../pr/pull-request.js'),
      import('../../pr/pr-file.js'),
      import('../../load/workspace.js'),
    ]);
    const loaded = await loadWorkspace(args.root);
    if (!loaded.ok) {
      printDiagnostics(loaded.diagnostics, io, args.root);
      return EXIT.usage;
    }
    const result = await buildPullRequest(loaded.workspace, phase === undefined ? { wave } : { wave, phase });
    if (result.inputError || !result.pr) {
      printDiagnostics(result.diagnostics, io, args.root);
      return EXIT.usage;
    }
    const { pr } = result;
    if (!args.values.write) {
      io.stdout.write(
        format === 'json'
          ? `${JSON.stringify(
              { title: pr.title, body: pr.body, commit_message: pr.commit_message, labels: pr.labels },
              null,
              2,
            )}\n`
          : formatPullRequest(pr),
      );
      return result.ok ? EXIT.ok : EXIT.check;
    }
    if (!result.ok) {
      const unticked = result.verification!.items.filter((item) => item.applicable && !item.ticked);
      io.stderr.write(
        `${pr.path} not written: ` +
          `${unticked.length} Verification box${unticked.length === 1 ? ' is' : 'es are'} not ticked\n`,
      );
      for (const item of unticked)
        io.stderr.write(`  - [ ] ${item.label}\n${item.problems.map((p) => `      ${p}\n`).join('')}`);
      return EXIT.check;
    }
    const promptPath = result.prompt!.path;
    if (!result.prompt!.committed) {
      const { diagnostic, fileStart } = await import('../../diagnostics/diagnostic.js');
      printDiagnostics(
        [
          diagnostic(
            'pr-prompt-missing',
            'error',
            `${promptPath} does not exist yet: the pull request adds a compiled prompt`,
            fileStart(promptPath),
            { hint: `run wavec compile ${wave} first` },
          ),
        ],
        io,
        args.root,
      );
      return EXIT.usage;
    }
    const written = await writePullRequest(loaded.workspace.root, pr.path, formatPullRequest(pr));
    if (!written.ok) {
      printDiagnostics(written.diagnostics, io, args.root);
      return EXIT.usage;
    }
    io.stdout.write(`${pr.path} ${written.status}\n`);
    return EXIT.ok;
  },
};
