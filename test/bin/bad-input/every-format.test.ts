import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { SPEC, workspace, type Workspace } from '../../bad-input/harness.js';

// Issue 21, item 9: every --format carries every diagnostic. A command asked for json (or github, or sarif) that
// fails on its input says why in that format on stdout, not only in words on stderr: a tool reading the output is
// told what went wrong.

interface ErrorClass {
  name: string;
  code: string;
  setup(ws: Workspace): Promise<void>;
  /** Commands that name no wave cannot meet it. */
  waveOnly?: boolean;
}

const ERRORS: ErrorClass[] = [
  {
    name: 'a bad config',
    code: 'config-invalid',
    setup: (ws) => ws.edit('wavec.config.yaml', (t) => `${t}\nbogus_key: 1\n`),
  },
  {
    name: 'a spec that is not YAML',
    code: 'yaml-syntax',
    setup: (ws) => ws.edit(SPEC, (t) => t.replace('title: Honcho subsystem', 'title: [Honcho subsystem')),
  },
  { name: 'a wave that does not exist', code: 'spec-not-found', setup: async () => {}, waveOnly: true },
];

/** Each command that has --format, with the arguments that name wave 4 (or wave 9, for a missing wave). */
/**
 * `reports`: the command reports on every wave, a broken one among them, so a broken spec is a finding in its answer,
 * not a failure to answer (exit 0 or 1 then, never 2 without the finding).
 */
const COMMANDS: { args: (wave: string) => string[]; formats: string[]; namesWave: boolean; reports?: boolean }[] = [
  { args: (w) => ['compile', w, '--phase', '2'], formats: ['json'], namesWave: true },
  { args: () => ['compile', '--all'], formats: ['json'], namesWave: false },
  { args: (w) => ['diff', '3', w, '--phase', '2'], formats: ['json'], namesWave: true },
  { args: (w) => ['explain', w, '--phase', '2'], formats: ['json'], namesWave: true },
  { args: (w) => ['handback', w, '--phase', '2', '-'], formats: ['json', 'github'], namesWave: true },
  { args: () => ['lint'], formats: ['json', 'github', 'sarif'], namesWave: false },
  { args: (w) => ['pr', w, '--phase', '2'], formats: ['json'], namesWave: true },
  { args: (w) => ['report', w, '--phase', '2'], formats: ['json'], namesWave: true },
  { args: () => ['status'], formats: ['json'], namesWave: false, reports: true },
];

/** Whether `stdout`, read as `format`, carries a diagnostic with `code`. */
function carries(stdout: string, format: string, code: string): boolean {
  if (format === 'github') return new RegExp(`^::error [^\\n]*title=${code}::`, 'm').test(stdout);
  const codes: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of ['code', 'ruleId'])
        if (typeof record[key] === 'string' && ('severity' in record || 'level' in record || key === 'ruleId'))
          codes.push(record[key]);
      Object.values(record).forEach(walk);
    }
  };
  walk(JSON.parse(stdout));
  return codes.includes(code);
}

/** What `read` answers, or false when the output does not parse in its format. */
function parses(read: () => boolean): boolean {
  try {
    return read();
  } catch {
    return false;
  }
}

describe('every --format carries every diagnostic', () => {
  for (const error of ERRORS) {
    it(
      `${error.name}: every command and format prints ${error.code} in that format`,
      { timeout: 180_000 },
      async () => {
        const ws = await workspace();
        await error.setup(ws);
        const missed: string[] = [];
        for (const command of COMMANDS) {
          if (error.waveOnly && !command.namesWave) continue;
          for (const format of command.formats) {
            const args = [...command.args(error.waveOnly ? '9' : '4'), '--format', format];
            const run = wavecBin(args, ws.root, { input: '' });
            const ok =
              (run.exit === 2 || command.reports === true) && parses(() => carries(run.stdout, format, error.code));
            if (!ok) missed.push(`${args.join(' ')} → exit ${run.exit}: ${run.stdout.slice(0, 120)}`);
          }
        }
        expect(missed).toEqual([]);
      },
    );
  }
});
