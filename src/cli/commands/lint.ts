import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { useCacheFolder } from '../../cache/location.js';
import { countBySeverity } from '../../diagnostics/formatters/lint-report.js';
import type { RuleDescriptor } from '../../diagnostics/formatters/lint-report.js';
import { dedupeDiagnostics, sortDiagnostics } from '../../diagnostics/diagnostic.js';
import { hasSidecarPlace, locatePrompt } from '../../load/prompt-location.js';
import type { RuleSetting } from '../../schema/config.js';
import { defineCommand } from '../command.js';
import { EXIT, type CliIo } from '../io.js';
import { FindingStream } from '../lint-findings.js';
import { LINT_FORMATS, lintOutput, type LintFormat } from '../lint-output.js';

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'Check compiled and hand-written prompts: budget, sections, references, leftovers, drift.',
  workspace: 'loaded',
  positionals: [{ name: 'paths', type: 'path', variadic: true }],
  options: {
    format: {
      type: 'string',
      choices: LINT_FORMATS,
      default: 'human',
      description: 'output: human (default), json, github (workflow annotations) or sarif',
    },
    strict: { type: 'boolean', description: 'report warnings as errors' },
    drift: {
      type: 'boolean',
      description: 'also check that each compiled prompt matches a fresh compile and its provenance',
    },
    'no-cache': {
      type: 'boolean',
      description: 'lint afresh: neither read nor write the on-disk cache (see the README)',
    },
  },
  details:
    'Paths are prompt files or folders (every .md below them but the *.pr.md files wavec pr writes); ' +
    `the default is the config's output_dir.
A prompt with a <name>.provenance.json sidecar is linted as compiled (every rule, the spec found
through the provenance); any other prompt as hand-written (the rules that need no spec).

Exit codes: 0 no error; 1 a prompt has an error-severity finding; 2 usage or input errors.

Example: wavec lint --drift --format github   (the CI lint: see the README)`,
  // Its report, in the format asked for, says why the workspace did not load.
  async reportLoadFailure(diagnostics, { format }, { io, root }) {
    const sorted = sortDiagnostics(diagnostics);
    const output = lintOutput(io, format, { rules: await sarifRules(format, {}), root, uncarried: sorted });
    for (const d of sorted) output.finding(d);
    output.end(0, countBySeverity(sorted));
  },
  async execute(args, { io, workspace, workspaceDiagnostics }) {
    const { format } = args;
    const { lintEach } = await import('../lint-files.js');
    const files =
      args.paths.length > 0
        ? await promptFiles(args.paths.map((p) => path.resolve(io.cwd, p)))
        : await defaultPromptFiles(workspace.root, workspace.config.output_dir, io);
    if (typeof files === 'string') {
      io.stderr.write(`wavec lint: ${files}\n`);
      return EXIT.usage;
    }

    const options = { strict: args.strict, drift: args.drift };
    const cache = args['no-cache'] ? undefined : useCacheFolder(io.env, (warning) => io.stderr.write(warning));
    const uncarried = sortDiagnostics(dedupeDiagnostics(workspaceDiagnostics));
    const rules = await sarifRules(format, workspace.config.rules);
    const output = lintOutput(io, format, { rules, root: workspace.root, uncarried });
    const findings = new FindingStream((d) => output.finding(d));
    const bounds = settledBelow(workspace.root, files);
    findings.add(workspaceDiagnostics, bounds[0]);
    let count = 0;
    let inputError = false;
    for await (const { result, inputError: unreadable } of lintEach(workspace, files, options, cache)) {
      // The report says what it can as each prompt is done, and keeps nothing of it but its unsettled findings.
      output.prompt(result);
      findings.add(result.diagnostics, bounds[++count]);
      inputError ||= unreadable;
    }
    findings.end();
    output.end(count, findings.counts);
    if (inputError) return EXIT.usage;
    return findings.counts.error > 0 ? EXIT.check : EXIT.ok;
  },
});

/**
 * For each point of the run (before the first prompt, after each), the least file a later prompt's findings may
 * name: a hand-written prompt's are all in its own file, a compiled prompt's may be anywhere (''). Findings in files
 * before it are settled: nothing later sorts before them.
 */
function settledBelow(root: string, files: readonly string[]): string[] {
  const bounds = new Array<string>(files.length + 1);
  let least = '\u{10FFFF}';
  bounds[files.length] = least;
  for (let i = files.length - 1; i >= 0; i--) {
    const prompt = locatePrompt(root, files[i]!);
    const own = hasSidecarPlace(root, prompt) ? '' : prompt.display;
    if (own < least) least = own;
    bounds[i] = least;
  }
  return bounds;
}

/** The rule registry SARIF lists, loaded only for that format. */
async function sarifRules(
  format: LintFormat,
  settings: Readonly<Record<string, RuleSetting>>,
): Promise<RuleDescriptor[]> {
  if (format !== 'sarif') return [];
  return (await import('../../check/rule-settings.js')).ruleDescriptors(settings);
}

/**
 * The prompts under output_dir. A new workspace has compiled nothing yet, so
 * a missing or empty output_dir is zero prompts (said on stderr), not a usage
 * error: `wavec lint` right after `wavec init` passes.
 */
async function defaultPromptFiles(root: string, outputDir: string, io: CliIo): Promise<string[]> {
  const target = path.resolve(root, outputDir);
  const files = (await stat(target).catch(() => undefined))?.isDirectory() ? await markdownFilesUnder(target) : [];
  if (files.length === 0)
    io.stderr.write(`wavec lint: no prompts yet under ${outputDir}/; \`wavec compile <wave>\` writes them there\n`);
  return files.sort();
}

/** Every `.md` file under the targets, sorted; or what was wrong with a target. */
async function promptFiles(targets: readonly string[]): Promise<string[] | string> {
  const found = new Set<string>();
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (!info) return `no such file or folder: ${target}`;
    // Anything but a folder is linted as a file: a FIFO or a device is then refused, located, by the reader.
    if (!info.isDirectory()) {
      found.add(target);
      continue;
    }
    const files = await markdownFilesUnder(target);
    if (files.length === 0) return `no .md files under ${target}`;
    for (const file of files) found.add(file);
  }
  return [...found].sort();
}

async function markdownFilesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    // Dependencies and hidden folders hold no prompts of this workspace.
    if (
      path
        .relative(folder, full)
        .split(path.sep)
        .some((part) => part === 'node_modules' || part.startsWith('.'))
    )
      continue;
    // The pull request `wavec pr --write` saves next to a prompt is not a prompt.
    if (entry.isFile() && entry.name.endsWith('.md') && !entry.name.endsWith('.pr.md')) files.push(full);
  }
  return files;
}
