import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';
import { ungatedCommands } from './destructive-command.js';

/**
 * A constraint lapses when no module of the wave uses the pattern that implied it. That is right only if the wave no
 * longer does what the constraint guards: while the prompt still mentions one of its subjects (the commands its
 * fragment declares in `subjects`, e.g. `pg_dump`), the lapse is reported at each mention, so the author keeps it in
 * force (`hard_constraints.add`) or rewords the text, and no guard disappears unseen.
 *
 * A mention `destructive-command` reports (a destructive command outside a gate) is not reported again here: that
 * text must change whatever becomes of the constraint (keeping it in force does not gate a command written
 * elsewhere), so one finding asks for the change that is needed either way; once the mention is gated or gone, a
 * lapse it still names is reported here.
 */
export const constraintLapsedSubject: Rule = {
  code: 'constraint-lapsed-subject',
  severity: 'error',
  description:
    'A hard constraint that lapsed (no module uses the pattern that implied it) is not about anything the prompt ' +
    'still mentions: no subject its fragment declares (`subjects`, e.g. `pg_dump`) appears in the text.',
  needsSpec: true,
  check({ prompt, compiled, config }) {
    if (!compiled) return [];
    const found: Diagnostic[] = [];
    const view = viewOf(prompt);
    let reportedAsCommands: { index: number; text: string }[] | undefined;
    const reportedAsCommand = (at: number) =>
      (reportedAsCommands ??= ungatedCommands({ prompt, compiled, config })).some(
        (command) => at >= command.index && at < command.index + command.text.length,
      );
    const lapsedLines = new Set(
      compiled.composition.constraints.lapsed.map((lapsed) => `- \`${lapsed.id}\`: lapsed: `),
    );
    for (const lapsed of compiled.composition.constraints.lapsed) {
      const fragment = compiled.workspace.fragments.get(lapsed.id);
      for (const subject of fragment?.meta.subjects ?? []) {
        for (let at = prompt.text.indexOf(subject); at !== -1; at = prompt.text.indexOf(subject, at + 1)) {
          const lineStart = prompt.text.lastIndexOf('\n', at) + 1;
          // The "No longer in force" entry names the constraint, not its subject; skip it all the same.
          if ([...lapsedLines].some((start) => prompt.text.startsWith(start, lineStart))) continue;
          if (reportedAsCommand(at)) continue;
          found.push(
            diagnostic(
              this.code,
              this.severity,
              `the prompt mentions \`${subject}\`, the subject of constraint "${lapsed.id}", which lapsed ` +
                `(pattern "${lapsed.pattern}" implied it, and no module of this wave uses that pattern)`,
              view.locate(at),
              {
                hint:
                  `keep it in force (hard_constraints.add: [${lapsed.id}]), ` +
                  `or take \`${subject}\` out of the text`,
              },
            ),
          );
        }
      }
    }
    return found;
  },
};
