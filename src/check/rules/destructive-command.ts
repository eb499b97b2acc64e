import type { ListItem, Nodes, Parents } from 'mdast';
import { plainText } from '../../syntax/markdown.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf, type PromptView } from '../prompt-view.js';
import type { Rule } from '../rule.js';

interface Command {
  pattern: RegExp;
  /** Database tools that restore flows name as steps; they may also sit in a restore or runbook context. */
  tool: boolean;
}

/** What SQL `DROP` may name, as alternatives of a pattern. */
const DROPPED_OBJECTS = [
  'TABLE',
  'DATABASE',
  'SCHEMA',
  'EXTENSION',
  'INDEX',
  'VIEW',
  'MATERIALIZED\\s+VIEW',
  'ROLE',
  'USER',
  'OWNED',
  'FUNCTION',
  'TRIGGER',
  'SEQUENCE',
  'TYPE',
  'COLUMN',
];

/** What the agent must never run on its own. */
const COMMANDS: Command[] = [
  { pattern: /\bpg_dump(?:all)?\b/g, tool: true },
  { pattern: /\bpg_restore\b/g, tool: true },
  {
    pattern: new RegExp(`\\bDROP\\s+(?:${DROPPED_OBJECTS.join('|')})\\b`, 'gi'),
    tool: false,
  },
  { pattern: /\bdocker[ -]compose\b[^\n`]*?\sdown\b[^\n`]*?\s(?:-v|--volumes)\b/g, tool: false },
  { pattern: /\bdocker\s+volume\s+(?:rm|remove|prune)\b/g, tool: false },
  { pattern: /\brm\s+-(?:[rR]f|f[rR])\b/g, tool: false },
];

const SECTION = 'Hard constraints';
/** A prohibition in the command's sentence. */
const PROHIBITION = /\bDO NOT\b|\bnever\b/i;
/**
 * An operator's confirmation or approval in the command's sentence: the operator named before or after
 * confirm/approve (see {@link asksOperator}), or one of these.
 */
const CONFIRMATION = /\boperator-approved\b|\bask (?:the operator )?before\b/i;
const OPERATOR = /\boperator\b/gi;
const CONFIRM = /\b(?:confirm|approv)/gi;
/** "No `rm -rf` …": a prohibition right in front of the command. */
const NEGATED = /\b(?:no|not)\s+`?$/i;
/** A restore or runbook context: where pg_dump and pg_restore are named as steps, not run. */
const RESTORE_CONTEXT = /\brestore (?:step|flow|procedure|runbook)s?\b|\brunbook\b/i;
/**
 * "Restore:", "Restore, in this order:": the lead-in of a runbook's restore step list (see
 * {@link isRestoreLeadIn}).
 */
const RESTORE_WORD = /\brestore\b/i;
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
    'Destructive commands (`pg_dump`, `pg_restore`, SQL `DROP`, `docker compose down -v`, `docker volume rm`, ' +
    '`rm -rf`) appear only inside a hard-constraint or runbook gate.',
  needsSpec: false,
  check({ prompt }) {
    const view = viewOf(prompt);
    const memo: Memo = {
      sentenceEnds: new Map(),
      sentencesGated: new Map(),
      restoreContexts: new Map(),
      restoreLists: new WeakMap(),
    };
    return COMMANDS.flatMap((command) =>
      [...prompt.text.matchAll(command.pattern)].map((match) => ({ match, command })),
    )
      .filter(({ match, command }) => !isGated(view, match.index, command, memo))
      .sort((a, b) => a.match.index - b.match.index)
      .map(({ match }) => {
        const section = view.sectionAt(match.index);
        const where = section ? ` (in "${section.text}")` : '';
        return diagnostic(
          this.code,
          this.severity,
          `destructive command "${match[0].replace(/\s+/g, ' ')}" outside a hard-constraint or runbook gate${where}`,
          view.locate(match.index),
          {
            hint:
              'move it under "Hard constraints", put it behind DO NOT or an operator confirmation, ' +
              'or into a runbook Restore step list',
          },
        );
      });
  },
};

/**
 * What one check run has worked out already: a block of many commands is
 * split into sentences once, and a list's lead-in read once, so that the
 * check stays linear in the prompt however many commands it holds.
 */
interface Memo {
  sentenceEnds: Map<string, number[]>;
  /** Per block and sentence start: whether the sentence prohibits or asks the operator. */
  sentencesGated: Map<string, boolean>;
  /** Per block: whether it places the database tools in a restore context. */
  restoreContexts: Map<string, boolean>;
  restoreLists: WeakMap<Nodes, boolean>;
}

function isGated(view: PromptView, offset: number, command: Command, memo: Memo): boolean {
  const section = view.sectionAt(offset);
  if (section && section.depth === 2 && section.text.toLowerCase() === SECTION.toLowerCase()) return true;
  if (NEGATED.test(view.text.slice(Math.max(0, offset - 8), offset))) return true;

  const ancestors = view.ancestorsAt(offset);
  const block = blockRange(ancestors);
  const blockText = view.text.slice(block.start, block.end);
  const key = `${block.start}:${block.end}`;
  let ends = memo.sentenceEnds.get(key);
  if (!ends) memo.sentenceEnds.set(key, (ends = [...blockText.matchAll(SENTENCE_END)].map((m) => m.index)));
  const sentence = sentenceAround(blockText, ends, offset - block.start);
  const sentenceKey = `${key}:${sentence.start}`;
  let gated = memo.sentencesGated.get(sentenceKey);
  if (gated === undefined)
    memo.sentencesGated.set(sentenceKey, (gated = PROHIBITION.test(sentence.text) || asksOperator(sentence.text)));
  if (gated) return true;
  if (command.tool) {
    let restore = memo.restoreContexts.get(key);
    if (restore === undefined) memo.restoreContexts.set(key, (restore = RESTORE_CONTEXT.test(blockText)));
    if (restore) return true;
  }
  return inRestoreList(ancestors, memo);
}

/**
 * "operator" before "confirm"/"approv…" or after it, anywhere in the
 * sentence, or one of {@link CONFIRMATION}'s phrases: in one pass over each
 * word list, where one pattern with `[^]*` between the words would try every
 * pair and take quadratic time on a long sentence.
 */
export function asksOperator(sentence: string): boolean {
  const operators = [...sentence.matchAll(OPERATOR)];
  const confirms = [...sentence.matchAll(CONFIRM)];
  if (operators.length > 0 && confirms.length > 0) {
    const firstOperator = operators[0]!;
    const firstConfirm = confirms[0]!;
    if (firstOperator.index + firstOperator[0].length <= confirms[confirms.length - 1]!.index) return true;
    if (firstConfirm.index + firstConfirm[0].length <= operators[operators.length - 1]!.index) return true;
  }
  return CONFIRMATION.test(sentence);
}

/** Whether a paragraph's text ends in a colon on a line that names "restore": "Restore, in this order:". */
export function isRestoreLeadIn(text: string): boolean {
  const end = text.trimEnd();
  if (!end.endsWith(':')) return false;
  const colon = end.length - 1;
  return RESTORE_WORD.test(end.slice(end.lastIndexOf('\n', colon) + 1, colon));
}

/** The innermost list item (up to its first nested list), else the innermost block. */
function blockRange(ancestors: readonly Nodes[]): { start: number; end: number } {
  const range = (node: Nodes, end?: number) => ({
    start: node.position?.start.offset ?? 0,
    end: end ?? node.position?.end.offset ?? 0,
  });
  const inner = [...ancestors].reverse();
  const item = inner.find((node): node is ListItem => node.type === 'listItem');
  if (item) return range(item, item.children.find((child) => child.type === 'list')?.position?.start.offset);
  const block = inner.find((node) => ['paragraph', 'heading', 'code', 'html', 'tableCell'].includes(node.type));
  return block ? range(block) : { start: 0, end: 0 };
}

/** The sentence of a block around `at` and where it starts, from the block's sentence ends (ascending). */
function sentenceAround(block: string, sentenceEnds: readonly number[], at: number): { start: number; text: string } {
  let lo = 0;
  let hi = sentenceEnds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentenceEnds[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  const start = lo === 0 ? 0 : sentenceEnds[lo - 1]! + 1;
  const end = lo === sentenceEnds.length ? block.length : sentenceEnds[lo]!;
  return { start, text: block.slice(start, end) };
}

/** Any enclosing list is a runbook's Restore step list. */
function inRestoreList(ancestors: readonly Nodes[], memo: Memo): boolean {
  for (let i = ancestors.length - 1; i > 0; i--) {
    const node = ancestors[i]!;
    if (node.type !== 'list') continue;
    let isRestoreList = memo.restoreLists.get(node);
    if (isRestoreList === undefined) {
      const siblings = (ancestors[i - 1] as Parents).children as Nodes[];
      const before = siblings.slice(0, siblings.indexOf(node)).reverse();
      const leadIn = before[0];
      const heading = before.find((sibling) => sibling.type === 'heading');
      isRestoreList =
        (leadIn?.type === 'paragraph' && isRestoreLeadIn(plainText(leadIn))) ||
        (heading !== undefined && RESTORE_WORD.test(plainText(heading)));
      memo.restoreLists.set(node, isRestoreList);
    }
    if (isRestoreList) return true;
  }
  return false;
}
