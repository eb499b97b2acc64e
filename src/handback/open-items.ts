import { outputPath } from '../load/output-path.js';
import type { WavecConfig } from '../schema/config.js';
import type { WaveSpec } from '../schema/spec.js';
import { stringLeaves } from '../util/string-leaves.js';
import { readRecord, type OpenItem } from './record.js';

/**
 * What became of an open item of a recorded hand-back in the waves after it:
 * taken up (its text is in a later wave's spec: a module note, a cross-module
 * task), deferred (named in a later wave's `deferred`, with a reason), or
 * neither yet.
 */
export type Carried = 'taken-up' | 'deferred' | 'open';

export interface TrackedItem extends OpenItem {
  /** The wave whose recorded hand-back left it. */
  from: { phase: number; wave: number };
  carried: Carried;
}

/** How text is compared: case, emphasis, code marks, white space and a final full stop do not count. */
export function normalizeItem(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,]$/, '');
}

/**
 * A spec's text as an item is searched in it: its deferred items, and every other value but a placeholder (the
 * scaffold's `TODO: open item …` note takes nothing up until it is filled in).
 */
function specText(spec: WaveSpec): { takenUp: string; deferred: string } {
  const { deferred, ...rest } = spec;
  return {
    takenUp: stringLeaves(rest)
      .filter((leaf) => !leaf.value.trimStart().startsWith('TODO:'))
      .map((leaf) => normalizeItem(leaf.value))
      .join('\n'),
    deferred: deferred.map((entry) => normalizeItem(entry.item)).join('\n'),
  };
}

/**
 * The open items of the recorded hand-backs of `earlier` waves (oldest
 * first), each with what the waves after it in `later` (the waves that
 * followed it, oldest first) made of it. A record that cannot be read leaves
 * no items (`wavec status` reports it).
 */
export function trackOpenItems(
  root: string,
  config: WavecConfig,
  earlier: readonly WaveSpec[],
  laterOf: (spec: WaveSpec) => readonly WaveSpec[],
): TrackedItem[] {
  const texts = new Map<WaveSpec, ReturnType<typeof specText>>();
  const textOf = (spec: WaveSpec) => texts.get(spec) ?? texts.set(spec, specText(spec)).get(spec)!;
  const tracked: TrackedItem[] = [];
  for (const spec of earlier) {
    const read = readRecord(root, outputPath(config, { phase: spec.phase, wave: spec.wave }));
    if (read.kind !== 'ok') continue;
    const later = laterOf(spec).map(textOf);
    for (const item of read.record.open_items) {
      const wanted = normalizeItem(item.text);
      const carried: Carried = later.some((text) => text.takenUp.includes(wanted))
        ? 'taken-up'
        : later.some((text) => text.deferred.includes(wanted))
          ? 'deferred'
          : 'open';
      tracked.push({ ...item, from: { phase: spec.phase, wave: spec.wave }, carried });
    }
  }
  return tracked;
}
