import type { ListItem, Nodes, Parents } from 'mdast';
import { plainText } from '../../analyse/markdown.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf, type PromptView } from '../prompt-view.js';
import type { Rule } from '../rule.js';

interface Command {
  pattern: RegExp;
  /** Database tools that restore flows name as steps; they may also sit in a restore or runbook context. */
  tool: boolean;
}

/** What the agent must never run on its own. */
const COMMANDS: Command[] = [
  { pattern: /\bpg_dump(?:all)?\b/g, tool: true },
  { pattern: /\bpg_restore\b/g, tool: true },
  {
    pattern: /\bDROP\s+(?:TABLE|DATABASE|SCHEMA|EXTENSION|INDEX|VIEW|MATERIALIZED\s+VIEW|ROLE|USER|OWNED|FUNCTION|TRIGGER|SEQUENCE|TYPE|COLUMN)\b/gi,
    tool: false,
  },
  { pattern: /\bdocker[ -]compose\b[^\n`]*?\sdown\b[^\n`]*?\s(?:-v|--volumes)\b/g, tool: false },
  { pattern: /\bdocker\s+volume\s+(?:rm|remove|prune)\b/g, tool: false },
  { pattern: /\brm\s+-(?:[rR]f|f[rR])\b/g, tool: false },
];

const SECTION = 'Hard constraints';
/** A prohibition in the command's sentence. */
const PROHIBITION = /\bDO NOT\b|\bnever\b/i;
/** An operator's confirmation or approval in the command's sentence. */
const CONFIRMATION = /\boperator\b[^]*\b(?:confirm|approv)|\b(?:confirm|approv)[^]*\boperator\b|\boperator-approved\b|\bask (?:the operator )?before\b/i;
/** "No `rm -rf` …": a prohibition right in front of the command. */
const NEGATED = /\b(?:no|not)\s+`?$/i;
/** A restore or runbook context: where pg_dump and pg_restore are named as steps, not run. */
const RESTORE_CONTEXT = /\brestore (?:step|flow|procedure|runbook)s?\b|\brunbook\b/i;
/** "Restore:", "Restore, in this order:": the lead-in of a runbook's restore step list. */
const RESTORE_LEAD_IN = /\brestore\b[^\n]*:\s*$/i;
/** Where a sentence ends: punctuation followed by whitespace (a `.` inside `x.yml` does not count). */
const SENTENCE_END = /[.!?;](?=\s)/g;

/**
 * What counts as a gate (documented in docs/rules.md, `destructive-command`):
 * 1. the "Hard constraints" section, all of it;
 * 2. the command's sentence (within its list item, paragraph, heading or
 *    code block) says DO NOT or never, or asks for the operator's
 *    confirmation or approval; or "no"/"not" stands right in front of it;
 * 3. a runbook's Restore step list: a list whose lead-in paragraph ends in
 *    "Restore…:", or a list under a heading that names "Restore";
 * 4. for `pg_dump` / `pg_restore` only: a block that places them in a
 *    restore step, flow, procedure or runbook.
 */
export const destructiveCommand: Rule = {
  code: 'destructive-command',
  severity: 'error',
  description:
    'Destructive commands (`pg_dump`, `pg_restore`, SQL `DROP`, `docker compose down -v`, `docker volume rm`, `rm -rf`) appear only inside a hard-constraint or runbook gate.',
  needsSpec: false,
  check({ prompt }) {
    const view = viewOf(prompt);
    return COMMANDS.flatMap((command) => [...prompt.text.matchAll(command.pattern)].map((match) => ({ match, command })))
      .filter(({ match, command }) => !isGated(view, match.index, command))
      .sort((a, b) => a.match.index - b.match.index)
      .map(({ match }) => {
        const section = view.sectionAt(match.index);
        const where = section ? ` (in "${section.text}")` : '';
        return diagnostic(this.code, this.severity, `destructive command "${match[0].replace(/\s+/g, ' ')}" outside a hard-constraint or runbook gate${where}`, view.locate(match.index), {
          hint: 'move it under "Hard constraints", put it behind DO NOT or an operator confirmation, or into a runbook Restore step list',
        });
      });
  },
};

function isGated(view: PromptView, offset: number, command: Command): boolean {
  const section = view.sectionAt(offset);
  if (section && section.depth === 2 && section.text.toLowerCase() === SECTION.toLowerCase()) return true;
  if (NEGATED.test(view.text.slice(Math.max(0, offset - 8), offset))) return true;

  const ancestors = view.ancestorsAt(offset);
  const block = blockRange(ancestors);
  const sentence = sentenceAround(view.text.slice(block.start, block.end), offset - block.start);
  if (PROHIBITION.test(sentence) || CONFIRMATION.test(sentence)) return true;
  if (command.tool && RESTORE_CONTEXT.test(view.text.slice(block.start, block.end))) return true;
  return inRestoreList(ancestors);
}

/** The innermost list item (up to its first nested list), else the innermost block. */
function blockRange(ancestors: readonly Nodes[]): { start: number; end: number } {
  const range = (node: Nodes, end?: number) => ({ start: node.position?.start.offset ?? 0, end: end ?? node.position?.end.offset ?? 0 });
  const inner = [...ancestors].reverse();
  const item = inner.find((node): node is ListItem => node.type === 'listItem');
  if (item) return range(item, item.children.find((child) => child.type === 'list')?.position?.start.offset);
  const block = inner.find((node) => ['paragraph', 'heading', 'code', 'html', 'tableCell'].includes(node.type));
  return block ? range(block) : { start: 0, end: 0 };
}

function sentenceAround(block: string, at: number): string {
  let start = 0;
  let end = block.length;
  for (const match of block.matchAll(SENTENCE_END)) {
    if (match.index < at) start = match.index + 1;
    else {
      end = match.index;
      break;
    }
  }
  return block.slice(start, end);
}

/** Any enclosing list is a runbook's Restore step list. */
function inRestoreList(ancestors: readonly Nodes[]): boolean {
  for (let i = ancestors.length - 1; i > 0; i--) {
    const node = ancestors[i]!;
    if (node.type !== 'list') continue;
    const siblings = (ancestors[i - 1] as Parents).children as Nodes[];
    const before = siblings.slice(0, siblings.indexOf(node)).reverse();
    const leadIn = before[0];
    if (leadIn?.type === 'paragraph' && RESTORE_LEAD_IN.test(plainText(leadIn))) return true;
    const heading = before.find((sibling) => sibling.type === 'heading');
    if (heading && /\brestore\b/i.test(plainText(heading))) return true;
  }
  return false;
}
