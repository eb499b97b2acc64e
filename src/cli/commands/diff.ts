import type { Changes, WaveDiff } from '../../authoring/diff.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { parsePositiveInt, parseWaveSelector, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { printDiagnostics } from '../report.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show the modules, patterns, hard constraints and charter references added and removed between two waves.',
  usage: 'diff <a> <b> [--phase <n>] [--format human|json]',
  options: {
    phase: {
      type: 'string',
      description: 'phase of both waves (needed only when a wave number exists in several phases)',
      placeholder: 'n',
    },
    format: { type: 'string', description: 'output format: human (default) or json', placeholder: 'format' },
  },
  details: `Hard constraints are compared as resolved along each wave's predecessor chain
(inherited, dropped, added and implied by patterns), exactly as the prompt's
"Additional vs wave N-1" list is derived. A pattern-implied constraint whose
pattern no module of the second wave uses is marked "lapsed".

A wave is a number (of the phase --phase names, or the only phase that has
it) or <phase>:<wave> for a wave of a named phase, e.g. wavec diff 2:4 3:1.

Exit codes: 0 compared; 2 usage or input errors.

Example: wavec diff 3 4`,
  async run(args, io) {
    const from = parseWaveSelector(args.positionals[0], 'first wave');
    const to = parseWaveSelector(args.positionals[1], 'second wave');
    const phase = args.values.phase === undefined ? undefined : parsePositiveInt(String(args.values.phase), '--phase');
    const format = args.values.format ?? 'human';
    const problems = [from, to, phase].filter((value): value is string => typeof value === 'string');
    if (format !== 'human' && format !== 'json')
      problems.push(`--format must be human or json, got "${String(format)}"`);
    if (problems.length > 0 || typeof from === 'string' || typeof to === 'string' || typeof phase === 'string') {
      io.stderr.write(`wavec diff: ${problems[0]}\nUsage: wavec ${this.usage}\n`);
      return EXIT.usage;
    }

    const { diffWaves } = await import('../../authoring/diff.js');
    const result = await diffWaves(args.root, phase === undefined ? { from, to } : { from, to, phase });
    if (format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      printDiagnostics(result.diagnostics, io, args.root);
      if (result.diff) io.stdout.write(formatDiff(result.diff));
    }
    return result.diff && !hasErrors(result.diagnostics) ? EXIT.ok : EXIT.usage;
  },
};

/** Plain text, one `+`/`-` line per change, grouped; stable for scripts that grep it. */
export function formatDiff(diff: WaveDiff): string {
  const phase = diff.from.phase === diff.to.phase ? ` (phase ${diff.from.phase})` : '';
  const name = (side: WaveDiff['from']) =>
    diff.from.phase === diff.to.phase ? `wave ${side.wave}` : `phase ${side.phase} wave ${side.wave}`;
  const lines = [`${name(diff.from)} → ${name(diff.to)}${phase}`];
  const group = <T>(title: string, changes: Changes<T>, label: (item: T) => string, footnote?: string) => {
    lines.push('', title);
    if (changes.added.length + changes.removed.length === 0) lines.push('  (no change)');
    for (const item of changes.added) lines.push(`  + ${label(item)}`);
    for (const item of changes.removed) lines.push(`  - ${label(item)}`);
    if (footnote) lines.push(footnote);
  };
  const firstUsed = new Set(diff.patterns.first_used.map((p) => p.id));
  const notAdded = diff.patterns.first_used.filter((p) => !diff.patterns.added.some((a) => a.id === p.id));
  group('modules', diff.modules, (m) => `${m.id} (${m.kind}, ${m.pattern})`);
  group(
    'patterns',
    diff.patterns,
    (p) => `${p.id}: ${p.title} (${p.modules.join(', ')})${firstUsed.has(p.id) ? ' [new]' : ''}`,
    firstUsed.size === 0
      ? undefined
      : `  [new]: no earlier wave of ${name(diff.to)}'s chain used it; its prompt lists it under "New patterns"` +
          `${notAdded.length ? ` (also: ${notAdded.map((p) => p.id).join(', ')})` : ''}`,
  );
  const lapsed = new Map(diff.constraints.lapsed.map((l) => [l.id, l.pattern]));
  group('hard constraints', diff.constraints, (c) => {
    const name = c.fragment ? c.id : `${c.id} (inline)`;
    const pattern = lapsed.get(c.id);
    return pattern === undefined ? name : `${name} (lapsed: no module of pattern ${pattern})`;
  });
  group('charter references', diff.charter_refs, (r) => `§${r.section}${r.title ? ` ${r.title}` : ''}`);
  return `${lines.join('\n')}\n`;
}
