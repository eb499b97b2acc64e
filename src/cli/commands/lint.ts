import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { useCacheFolder } from '../../cache/location.js';
import { hasErrors, sortDiagnostics } from '../../diagnostics/diagnostic.js';
import { formatGithub } from '../../diagnostics/formatters/github.js';
import { formatHuman } from '../../diagnostics/formatters/human.js';
import { formatJson, JsonReportWriter } from '../../diagnostics/formatters/json.js';
import type { LintFindings, RuleDescriptor } from '../../diagnostics/formatters/lint-report.js';
import { formatSarif } from '../../diagnostics/formatters/sarif.js';
import type { RuleSetting } from '../../schema/config.js';
import { VERSION } from '../../version.js';
import { defineCommand } from '../command.js';
import { EXIT, type CliIo } from '../io.js';
import { readTextFile } from '../../load/read-source.js';
import { useColor } from '../report.js';
import { Findings } from '../lint-findings.js';

const FORMATS = ['human', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'Check compiled and hand-written prompts: budget, sections, references, leftovers, drift.',
  workspace: 'loaded',
  positionals: [{ name: 'paths', type: 'path', variadic: true }],
  options: {
    format: {
      type: 'string',
      choices: FORMATS,
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
    const findings = { count: 0, diagnostics: sortDiagnostics(diagnostics) };
    write(io, format, findings, await sarifRules(format, {}), root);
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
    const json = format === 'json' ? new JsonReportWriter((text) => io.stdout.write(text)) : undefined;
    const findings = new Findings(workspaceDiagnostics);
    let count = 0;
    let inputError = false;
    for await (const { result, inputError: unreadable } of lintEach(workspace, files, options, cache)) {
      count++;
      inputError ||= unreadable;
      findings.add(result.diagnostics);
      // The json report lists each prompt whole: written now, never held.
      json?.prompt(result);
    }
    const diagnostics = findings.sorted();
    if (json) json.end(diagnostics);
    else write(io, format, { count, diagnostics }, await sarifRules(format, workspace.config.rules), workspace.root);
    if (inputError) return EXIT.usage;
    return hasErrors(diagnostics) ? EXIT.check : EXIT.ok;
  },
});

/** The rule registry SARIF lists, loaded only for that format. */
async function sarifRules(format: Format, settings: Readonly<Record<string, RuleSetting>>): Promise<RuleDescriptor[]> {
  if (format !== 'sarif') return [];
  return (await import('../../check/rule-settings.js')).ruleDescriptors(settings);
}

function write(io: CliIo, format: Format, findings: LintFindings, rules: RuleDescriptor[], root: string): void {
  switch (format) {
    case 'json':
      io.stdout.write(formatJson({ prompts: [], diagnostics: [...findings.diagnostics] }));
      return;
    case 'github':
      io.stdout.write(formatGithub(findings));
      return;
    case 'sarif': {
      io.stdout.write(formatSarif(findings, rules, { version: VERSION }));
      return;
    }
    case 'human': {
      // Findings come sorted by file: the one file last read is all an excerpt needs, not every prompt's text.
      let last: { file: string; text: string | undefined } | undefined;
      const sourceOf = (file: string) =>
        (last?.file === file ? last : (last = { file, text: readQuietly(root, file) })).text;
      io.stdout.write(formatHuman(findings, { color: useColor(io, 'stdout'), sourceOf }));
    }
  }
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

/** An excerpt's source: only a regular file, only up to the input size limit. */
function readQuietly(root: string, file: string): string | undefined {
  const read = readTextFile(path.resolve(root, file), file, 2 * 1024 * 1024);
  return read.ok ? read.text : undefined;
}
