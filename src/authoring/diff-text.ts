import type { Changes, WaveDiff } from './diff.js';

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
