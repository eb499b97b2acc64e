import { padPhase } from '../load/specs.js';
import type { PromptState, WaveStatus } from './status.js';

const PROMPT: Record<PromptState, string> = {
  fresh: 'fresh',
  stale: 'stale',
  edited: 'edited by hand',
  missing: 'not compiled',
  'does-not-compile': 'spec does not compile',
  'spec-gone': 'spec gone',
};

/**
 * `wavec status` for people: a heading per phase, a row per wave, columns
 * aligned; plain text, so it reads the same in a terminal, a log or a PR.
 */
export function formatStatus(waves: readonly WaveStatus[]): string {
  if (waves.length === 0) return 'no waves yet: write a spec (wavec init lays out the first one)\n';
  const header = ['wave', 'spec', 'prompt', 'PR body', 'hand-back', 'open items'];
  const rows: (string[] | string)[] = [];
  let phase: number | undefined;
  for (const wave of waves) {
    if (wave.phase !== phase) {
      phase = wave.phase;
      rows.push(`phase ${padPhase(phase)}`);
    }
    rows.push([
      `  wave ${wave.wave}`,
      wave.spec === null ? 'missing' : 'yes',
      PROMPT[wave.prompt.state],
      !wave.pr_body.written ? '-' : wave.pr_body.fresh === false ? 'stale' : 'written',
      wave.hand_back.unreadable !== undefined
        ? 'record unreadable'
        : !wave.hand_back.recorded
          ? 'not recorded'
          : wave.hand_back.met_contract
            ? 'met the contract'
            : 'fell short',
      openItems(wave.open_items),
    ]);
  }
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.filter((row) => Array.isArray(row)).map((row) => (row as string[])[i]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map((row) => (typeof row === 'string' ? row : line(row)))].join('\n')}\n`;
}

function openItems(items: WaveStatus['open_items']): string {
  if (items.total === 0) return '-';
  const parts = [
    items.taken_up > 0 ? `${items.taken_up} taken up` : '',
    items.deferred > 0 ? `${items.deferred} deferred` : '',
    items.not_carried > 0 ? `${items.not_carried} not carried` : '',
  ].filter((part) => part !== '');
  return `${items.total}: ${parts.join(', ')}`;
}
