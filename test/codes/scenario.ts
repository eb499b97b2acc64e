import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initWorkspace } from '../../src/authoring/init.js';
import { run } from '../../src/cli/run.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { captureIo, fixtureRoot } from '../helpers/workspace.js';

/**
 * A documented example run for real: a workspace, what is changed in it, and
 * the command run on it in-process, as a user would type it.
 */
export interface Scenario {
  /**
   * What it starts from: a workspace `wavec init` laid out with wave 1
   * compiled (the default: the product's own neutral data), the frozen copy
   * of the repository's example (phase 02 waves 2–4 compiled), or an empty
   * folder.
   */
  base?: 'starter' | 'example' | 'empty';
  /** Files written over the base, relative to the workspace; null deletes one. */
  files?: Readonly<Record<string, string | Uint8Array | null>>;
  /** Replacements in files of the base: each search text or pattern must be there. */
  edit?: Readonly<Record<string, readonly (readonly [search: string | RegExp, replacement: string])[]>>;
  /**
   * What text files cannot say (links, FIFOs, commands run first), given the
   * workspace and a folder beside it that is outside it.
   */
  setup?: (root: string, outside: string) => void | Promise<void>;
  /** The command line after `wavec`; default `compile 1`. */
  argv?: readonly string[];
  /** Instead of a command: a library call, for what only the library reports. */
  api?: (root: string) => Promise<readonly Diagnostic[]>;
}

export interface ScenarioOutcome {
  exit: number;
  /**
   * Each finding as the CLI printed it: the `file:line:col severity code
   * message` line, then its related location and hint lines (the source
   * excerpt is left out). Paths of the scratch folder read `/tmp/x`.
   */
  findings: string[];
  /** Everything printed, for a failure message. */
  printed: string;
}

/** The folder every scratch path is shown under, whatever the temp folder is. */
export const SCRATCH = '/tmp/x';

let starter: Promise<string> | undefined;

/**
 * A `wavec init --eject` workspace with wave 1 compiled, made once per test file and copied for each scenario: the
 * fragments are in its templates folder, where a scenario can edit them.
 */
function starterTemplate(): Promise<string> {
  return (starter ??= (async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'wavec-starter-template-'));
    if (!(await initWorkspace(root, { eject: true })).written)
      throw new Error('wavec init did not lay out the starter workspace');
    const io = captureIo(root);
    if ((await run(['compile', '1'], io)) !== 0) throw new Error(`the starter's wave 1 does not compile:\n${io.err()}`);
    return root;
  })());
}

/** Removes the starter template; for afterAll. */
export async function removeStarterTemplate(): Promise<void> {
  if (starter) await rm(await starter, { recursive: true, force: true });
  starter = undefined;
}

const FINDING = /^\S.*:\d+:\d+ (error|warning|info) [a-z0-9-]+ /;
const EXCERPT = /^ {2}(\d+ | +)\|/;

export async function runScenario(scenario: Scenario): Promise<ScenarioOutcome> {
  const scratch = await realpath(await mkdtemp(path.join(tmpdir(), 'wavec-example-')));
  try {
    const root = path.join(scratch, 'ws');
    const outside = path.join(scratch, 'outside');
    await mkdir(outside);
    const base = scenario.base ?? 'starter';
    if (base === 'empty') await mkdir(root);
    else await cp(base === 'starter' ? await starterTemplate() : fixtureRoot('example'), root, { recursive: true });
    for (const [file, edits] of Object.entries(scenario.edit ?? {})) {
      let text = await readFile(path.join(root, file), 'utf8');
      for (const [search, replacement] of edits) {
        const replaced = text.replace(search, replacement);
        if (replaced === text) throw new Error(`${file} does not contain ${String(search)}`);
        text = replaced;
      }
      await writeFile(path.join(root, file), text);
    }
    for (const [file, content] of Object.entries(scenario.files ?? {})) {
      const target = path.join(root, file);
      if (content === null) await rm(target, { recursive: true });
      else {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    }
    await scenario.setup?.(root, outside);
    let exit: number;
    let printed: string;
    if (scenario.api) {
      const diagnostics = await scenario.api(root);
      exit = diagnostics.length > 0 ? 2 : 0;
      printed = diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('');
    } else {
      const io = captureIo(root);
      exit = await run([...(scenario.argv ?? ['compile', '1'])], io);
      printed = `${io.out()}${io.err()}`;
    }
    printed = printed.split(scratch).join(SCRATCH);
    return { exit, findings: findingsIn(printed), printed };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The findings in what a command printed, each with its related and hint lines. */
export function findingsIn(printed: string): string[] {
  const findings: string[] = [];
  for (const line of printed.split('\n')) {
    if (FINDING.test(line)) findings.push(line);
    else if (findings.length > 0 && line.startsWith('  ') && !EXCERPT.test(line))
      findings[findings.length - 1] += `\n${line}`;
    else if (!line.startsWith('  ')) findings.push('');
  }
  return findings.filter((finding) => finding !== '');
}
