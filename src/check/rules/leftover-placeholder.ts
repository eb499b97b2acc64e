import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { excerpt, viewOf, type PromptView } from '../prompt-view.js';
import type { Rule } from '../rule.js';

/**
 * What a finished prompt never contains. Chosen to avoid false positives:
 * - `{{…}}` anywhere, except Go templates in code (`docker ps --format '{{.Names}}'`):
 *   a code span or block with a `{{.Field}}` expression is a Go template throughout;
 * - `TODO` / `FIXME` as whole upper-case words in prose; in code they are quoted (`grep -rn TODO`),
 *   except a code span that is nothing but a placeholder (`` `TODO: the compose profile` ``):
 *   a spec value printed as code, which `wavec new` left to fill;
 * - `[ALL_CAPS]` of two or more characters (`[MODULE_NAME]`, `[PROJECT]`), so task-list
 *   boxes (`[ ]`, `[x]`, `[X]`) and one-letter labels (`[A]`) pass, and not when it is a
 *   link (`[API](…)`, `[API][ref]`, `[API]: …`);
 * - `$ARGUMENTS` / `${ARGUMENTS}` anywhere: slash-command arguments are never substituted here.
 */
const HANDLEBARS = /\{\{[^\n]*?(?:\}\}|$)/gm;
const GO_TEMPLATE = /\{\{-?\s*(?:[a-z]+\s+)*\.[A-Za-z_]?/;
const MARKER = /\b(?:TODO|FIXME)\b/g;
const CAPS = /\[[A-Z][A-Z0-9_]+\](?![([:])/g;
const ARGUMENTS = /\$(?:ARGUMENTS\b|\{ARGUMENTS\})/g;

export const leftoverPlaceholder: Rule = {
  code: 'leftover-placeholder',
  severity: 'error',
  description: 'The prompt has no leftover placeholders: `{{…}}`, `TODO`, `FIXME`, `[ALL_CAPS]` or `$ARGUMENTS`.',
  needsSpec: false,
  check({ prompt }) {
    const view = viewOf(prompt);
    const found: Diagnostic[] = [];
    const report = (offset: number, placeholder: string, why: string) =>
      found.push(
        diagnostic(
          this.code,
          this.severity,
          `leftover placeholder "${excerpt(placeholder, 40)}": ${why}`,
          view.locate(offset),
        ),
      );

    for (const match of prompt.text.matchAll(HANDLEBARS)) {
      if (!isGoTemplate(view, match.index))
        report(match.index, match[0], 'a template expression that was never rendered');
    }
    for (const match of prompt.text.matchAll(MARKER)) {
      if (!view.inCode(match.index) || isPlaceholderSpan(view, match.index))
        report(match.index, match[0], 'unfinished text');
    }
    for (const match of prompt.text.matchAll(CAPS))
      report(match.index, match[0], 'a fill-in-the-blank that was never filled');
    for (const match of prompt.text.matchAll(ARGUMENTS))
      report(match.index, match[0], 'slash-command arguments are not substituted in a prompt');
    return found.sort((a, b) => a.line - b.line || a.column - b.column);
  },
};

/** A code span whose text starts with the marker (`TODO: …`): a value never filled in, not quoted code. */
function isPlaceholderSpan(view: PromptView, offset: number): boolean {
  const span = view.ancestorsAt(offset).find((node) => node.type === 'inlineCode');
  if (!span || span.type !== 'inlineCode' || !/^\s*(?:TODO|FIXME):/.test(span.value)) return false;
  return view.text.slice(span.position!.start.offset!, offset).replace(/`/g, '').trim() === '';
}

function isGoTemplate(view: PromptView, offset: number): boolean {
  const code = view.ancestorsAt(offset).find((node) => node.type === 'code' || node.type === 'inlineCode');
  return code !== undefined && GO_TEMPLATE.test(view.source(code));
}
