import { defineCommand, waveRequest } from '../command.js';
import { PHASE, WAVE } from '../declaration.js';
import { EXIT } from '../io.js';

export const prCommand = defineCommand({
  name: 'pr',
  summary:
    "Print (or write next to the prompt) the pull request that adds a wave's prompt: title, body, commit message.",
  workspace: 'loaded',
  positionals: [WAVE],
  options: {
    phase: PHASE,
    write: {
      type: 'boolean',
      description: 'write it next to the prompt (prompts/phase-02-wave-4.pr.md) instead of printing it',
    },
    force: {
      type: 'boolean',
      description: 'with --write: overwrite a PR file that was edited by hand since wavec wrote it',
    },
    format: {
      type: 'string',
      choices: ['markdown', 'json'],
      default: 'markdown',
      description: 'markdown (default: title, body, commit message) or json ({title, body, commit_message, labels})',
    },
  },
  // --write writes the Markdown file.
  conflicts: [['write', 'format', 'json']],
  details: `Rendered from the pr-body and pr-commit-message layouts (templates/layouts/, editable like
any fragment) with the same context as the prompt. The Verification boxes are measured as
\`wavec report\` measures them, on the committed prompt (or a fresh compile); a box that does
not apply says so. The spec's optional pr: key sets the title pattern, forge labels and extra
test-plan items. --write is atomic and writes only when every applicable box is ticked; a PR
file edited by hand since wavec wrote it (its last line, wavec's mark, no longer matches) is
replaced only with --force.

Exit codes: 0 every applicable box ticked; 1 a box is not ticked (with --write: nothing
written); 2 usage or input errors.

Example: wavec pr 4 --write`,
  async execute({ wave, phase, write, force, format }, { io, workspace, inputErrors }) {
    const [{ buildPullRequest }, { formatPullRequest, writePullRequest }] = await Promise.all([
      import('../../pr/pull-request.js'),
      import('../../pr/pr-file.js'),
    ]);
    const result = await buildPullRequest(workspace, waveRequest(wave, phase));
    if (result.inputError || !result.pr) return inputErrors(result.diagnostics);
    const { pr } = result;
    if (!write) {
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
      const message = `${promptPath} does not exist yet: the pull request adds a compiled prompt`;
      const hint = `run wavec compile ${wave} first`;
      return inputErrors([diagnostic('pr-prompt-missing', 'error', message, fileStart(promptPath), { hint })]);
    }
    const written = await writePullRequest(workspace.root, pr.path, formatPullRequest(pr), { force });
    if (!written.ok) return inputErrors(written.diagnostics);
    io.stdout.write(`${pr.path} ${written.status}\n`);
    return EXIT.ok;
  },
});
