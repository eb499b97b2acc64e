import { diagnostic, type Diagnostic, type RelatedLocation } from '../../diagnostics/diagnostic.js';
import { inputChanges, type InputChange } from '../provenance-diff.js';
import { serializeProvenance } from '../../schema/provenance.js';
import { sha256 } from '../../util/hash.js';
import type { DriftFacts, Rule } from '../rule.js';

export const promptDrift: Rule = {
  code: 'prompt-drift',
  severity: 'error',
  description:
    'A committed compiled prompt is what a fresh compile produces: ' +
    'not stale (an input changed) and not edited by hand.',
  needsSpec: true,
  check({ prompt, drift }) {
    if (!drift) return [];
    const { recorded, fresh, sidecarPath } = drift;
    // The wave compiled fresh is the one whose path the prompt is at, whatever the sidecar claims.
    const command = `wavec compile ${fresh.wave} --phase ${fresh.phase}`;
    const changes = inputChanges(recorded, fresh, drift.chainChange);
    const changed = changes.map((c) => c.description).join('; ');
    const related = relatedTo(drift, changes);
    const handEdited = sha256(prompt.text) !== recorded.prompt.hash;
    const at = firstDifference(prompt.text, drift.freshText);

    const found: Diagnostic[] = [];
    if (at && handEdited) {
      found.push(
        diagnostic(
          this.code,
          this.severity,
          `${prompt.path} was edited by hand after it was generated: ` +
            `it no longer matches the prompt hash in ${sidecarPath} ` +
            `(first difference from a fresh compile: line ${at.line})` +
            (changes.length > 0 ? `; its inputs changed too (${changed})` : ''),
          { file: prompt.path, ...at },
          {
            hint: `move the edit into the wave spec or a fragment, then run \`${command} --force\``,
            ...(related ? { related } : {}),
          },
        ),
      );
    } else if (at) {
      const why =
        changes.length > 0
          ? `inputs changed since it was generated (${changed})`
          : `it differs from a fresh compile, though no input recorded in ${sidecarPath} changed`;
      found.push(
        diagnostic(
          this.code,
          this.severity,
          `${prompt.path} is stale: ${why}; a fresh compile differs from line ${at.line}`,
          { file: prompt.path, ...at },
          {
            hint: `run \`${command}\` and commit the prompt with its provenance`,
            ...(related ? { related } : {}),
          },
        ),
      );
    } else if (handEdited) {
      // The prompt is a fresh compile's, its sidecar an earlier one's: a compile stopped between replacing the two.
      found.push(
        diagnostic(
          this.code,
          this.severity,
          `${prompt.path} and ${sidecarPath} are torn: the prompt is what a fresh compile writes, ` +
            'but the sidecar records an earlier prompt (a compile stopped between replacing the two)',
          { file: sidecarPath, line: 1, column: 1 },
          { hint: `run \`${command}\` to repair the pair` },
        ),
      );
    } else if (drift.sidecarText !== serializeProvenance(fresh)) {
      // The prompt is current; only its record of where it came from is not.
      const why =
        changes.length > 0 ? `${changed} since it was recorded` : 'it differs from the provenance wavec writes now';
      const line = related?.line ?? 1;
      found.push(
        diagnostic(
          this.code,
          this.severity,
          `${sidecarPath} is out of date: ${why}, though the prompt compiles to the same text`,
          { file: sidecarPath, line, column: related?.column ?? 1 },
          {
            hint:
              `run \`${command}\` to refresh it ` +
              '(`wavec compile --changed` refreshes every wave whose inputs changed)',
          },
        ),
      );
    }
    return found;
  },
};

/** Where the first changed input's recorded hash sits in the sidecar. */
function relatedTo(drift: DriftFacts, changes: readonly InputChange[]): RelatedLocation | undefined {
  for (const change of changes) {
    if (!change.recordedHash) continue;
    const offset = drift.sidecarText.indexOf(change.recordedHash);
    if (offset === -1) continue;
    const before = drift.sidecarText.slice(0, offset).split('\n');
    return {
      file: drift.sidecarPath,
      line: before.length,
      column: before[before.length - 1]!.length + 1,
      message: `recorded hash: ${change.description}`,
    };
  }
  return undefined;
}

/** The first line and column at which two texts differ, or undefined when they are equal. */
export function firstDifference(text: string, other: string): { line: number; column: number } | undefined {
  if (text === other) return undefined;
  const a = text.split('\n');
  const b = other.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    // The fresh compile goes on past the text's last line: point at that line.
    if (x === undefined || (x === '' && i === a.length - 1)) return { line: Math.max(1, i), column: 1 };
    let c = 0;
    while (c < x.length && c < (y ?? '').length && x[c] === y![c]) c++;
    return { line: i + 1, column: c + 1 };
  }
  return { line: 1, column: 1 };
}
