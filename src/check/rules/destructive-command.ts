import type { ListItem, Nodes } from 'mdast';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf, type PromptView } from '../prompt-view.js';
import { roleSectionsOf, type RoleSections } from '../role-sections.js';
import { DEFAULT_OPERATOR, operatorRole, type WavecConfig } from '../../schema/config.js';
import type { Rule, RuleContext } from '../rule.js';

interface Command {
  pattern: RegExp;
  /** Database tools, which a sentence may name as the point another step comes before or after. */
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

/** A prohibition in the command's sentence (it reaches a command after it only up to a colon: see prohibits). */
const PROHIBITION = /\bDO NOT\b|\bnever\b/gi;
const COLON = /:(?=\s)/g;
/**
 * An operator's confirmation or approval in the command's sentence: the operator named before or after
 * confirm/approve (see {@link asksOperator}), or one of these.
 */
const CONFIRMATION = /\boperator-approved\b|\bask (?:the operator )?before\b/i;
const OPERATOR = /\boperator\b/gi;

/**
 * The words that name the operator in a prompt: "operator", and the config's `operator` without its article ("the
 * farm-ops lead" is named "farm-ops lead"), so a confirmation the fragments ask of the team's own role gates too.
 */
export function operatorWords(config: Pick<WavecConfig, 'operator'> | undefined): RegExp {
  const name = config?.operator === undefined ? undefined : operatorRole(config.operator);
  if (!name || name.toLowerCase() === 'operator') return OPERATOR;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:operator|${escaped})(?![\\p{L}\\p{N}])`, 'giu');
}
const CONFIRM = /\b(?:confirm|approv)/gi;
/** "without" up to three words before a mention of the operator or a confirmation: the sentence waives it. */
const WAIVED = /\bwithout(?:\s+\S+){0,3}\s+$/i;
/** "No `rm -rf` …": a prohibition right in front of the command. */
const NEGATED = /\b(?:no|not)\s+`?$/i;
/** "… before `pg_restore`", "After `pg_dump`": the tool named as the point another step is ordered against. */
const ORDER_REFERENCE = /\b(?:before|after)\s+`?$/i;
/** Where a sentence ends: punctuation followed by whitespace (a `.` inside `x.yml` does not count). */
const SENTENCE_END = /[.!?;](?=\s)/g;
/** What makes the rest of a sentence an indirect question: "whether last night's `pg_dump` completed". */
const INDIRECT_QUESTION = /\bwhether\b/i;
/** An unfinished placeholder, which `leftover-placeholder` reports: a carried note `wavec new` left to decide. */
const PLACEHOLDER = /\b(?:TODO|FIXME)\b/;

/**
 * What counts as a gate (documented in docs/rules.md, `destructive-command`),
 * read off the structure, never off a heading's words:
 * 1. the section written by the fragment whose role is `hard-constraints`,
 *    all of it, whatever its heading says;
 * 2. a line written by a fragment whose role is `restore-procedure` (an
 *    operator's restore steps in a runbook), and only that line;
 * 3. the command's sentence (within its list item, paragraph, heading or
 *    code block) says DO NOT or never (before the command, only up to a colon:
 *    "Do not wait: run `pg_dump`" prohibits nothing), or asks for the operator's (or the
 *    config's `operator`'s) confirmation or approval, not waived by "without";
 *    or "no"/"not" stands right in front of it;
 * 4. for `pg_dump` / `pg_restore` only: "before" or "after" right in front
 *    of it, the tool named as the point another step is ordered against.
 * And a mention is not an instruction:
 * 5. the command's sentence is a question: it ends with "?", or "whether"
 *    comes before the command in it (an open item carried word for word:
 *    "whether last night's `pg_dump` completed");
 * 6. its list item or block holds a TODO/FIXME placeholder (the "carry or
 *    defer" notes `wavec new` writes): `leftover-placeholder` reports that
 *    block already, and the author decides it as a whole.
 * A prompt written by hand has no fragments, so only 3 to 6 apply to it.
 */
export const destructiveCommand: Rule = {
  code: 'destructive-command',
  severity: 'error',
  description:
    'Destructive commands (`pg_dump`, `pg_restore`, SQL `DROP`, `docker compose down -v`, `docker volume rm`, `rm ' +
    '-rf`) appear only inside a gate: the hard-constraints section, a restore procedure, or a prohibition or ' +
    "operator's confirmation in their own sentence.",
  needsSpec: false,
  check({ prompt, compiled, config }) {
    const view = viewOf(prompt);
    return ungatedCommands({ prompt, compiled, config }).map(({ index, text }) => {
      const section = view.sectionAt(index);
      const where = section ? ` (in "${section.text}")` : '';
      return diagnostic(
        this.code,
        this.severity,
        `destructive command "${text.replace(/\s+/g, ' ')}" outside a gate${where}`,
        view.locate(index),
        {
          hint:
            `move it into the hard-constraints section, put it behind DO NOT or a confirmation by ` +
            `${configOf({ config, compiled })?.operator ?? DEFAULT_OPERATOR}, ` +
            'or into a restore procedure (a fragment with `role: restore-procedure`)',
        },
      );
    });
  },
};

/** The config a check runs under: the one given, else the compiled wave's workspace's. */
function configOf({ config, compiled }: Pick<RuleContext, 'config' | 'compiled'>): WavecConfig | undefined {
  return config ?? compiled?.workspace.config;
}

/** Every destructive command of the prompt outside a gate, in text order: what the rule reports. */
export function ungatedCommands({
  prompt,
  compiled,
  config,
}: Pick<RuleContext, 'prompt' | 'compiled' | 'config'>): { index: number; text: string }[] {
  const view = viewOf(prompt);
  const roles = roleSectionsOf(view, prompt, compiled);
  const memo: Memo = {
    sentenceEnds: new Map(),
    sentencesGated: new Map(),
    indirectQuestions: new Map(),
    placeholders: new Map(),
    prohibitions: new Map(),
    operator: operatorWords(configOf({ config, compiled })),
  };
  return COMMANDS.flatMap((command) => [...prompt.text.matchAll(command.pattern)].map((match) => ({ match, command })))
    .filter(({ match, command }) => !isGated(view, roles, match.index, command, memo))
    .sort((a, b) => a.match.index - b.match.index)
    .map(({ match }) => ({ index: match.index, text: match[0] }));
}

/**
 * What one check run has worked out already: a block of many commands is
 * split into sentences once, and a list's lead-in read once, so that the
 * check stays linear in the prompt however many commands it holds.
 */
interface Memo {
  sentenceEnds: Map<string, number[]>;
  /** The words that name the operator (see {@link operatorWords}). */
  operator: RegExp;
  /** Per block and sentence start: whether the sentence asks the operator or asks a question. */
  sentencesGated: Map<string, boolean>;
  /** Per block and sentence start: where its prohibitions and its colons stand, in order. */
  prohibitions: Map<string, { prohibitions: number[]; colons: number[] }>;
  /** Per block and sentence start: where "whether" first stands in the sentence (-1: nowhere). */
  indirectQuestions: Map<string, number>;
  /** Per block: whether it holds a placeholder. */
  placeholders: Map<string, boolean>;
}

function isGated(view: PromptView, roles: RoleSections, offset: number, command: Command, memo: Memo): boolean {
  if (roles.inSection('hard-constraints', offset)) return true;
  if (roles.roleOfLine(view.locate(offset).line) === 'restore-procedure') return true;
  const before = view.text.slice(Math.max(0, offset - 8), offset);
  if (NEGATED.test(before)) return true;
  if (command.tool && ORDER_REFERENCE.test(before)) return true;

  const ancestors = view.ancestorsAt(offset);
  const block = blockRange(ancestors);
  const blockText = view.text.slice(block.start, block.end);
  const key = `${block.start}:${block.end}`;
  let placeholder = memo.placeholders.get(key);
  if (placeholder === undefined) memo.placeholders.set(key, (placeholder = PLACEHOLDER.test(blockText)));
  if (placeholder) return true;
  let ends = memo.sentenceEnds.get(key);
  if (!ends) memo.sentenceEnds.set(key, (ends = [...blockText.matchAll(SENTENCE_END)].map((m) => m.index)));
  const sentence = sentenceAround(blockText, ends, offset - block.start);
  const sentenceKey = `${key}:${sentence.start}`;
  const at = offset - block.start - sentence.start;
  let marks = memo.prohibitions.get(sentenceKey);
  if (!marks) {
    const indexes = (pattern: RegExp) => [...sentence.text.matchAll(pattern)].map((m) => m.index);
    memo.prohibitions.set(sentenceKey, (marks = { prohibitions: indexes(PROHIBITION), colons: indexes(COLON) }));
  }
  if (prohibits(marks, at)) return true;
  let gated = memo.sentencesGated.get(sentenceKey);
  if (gated === undefined)
    memo.sentencesGated.set(
      sentenceKey,
      (gated =
        asksOperator(sentence.text, memo.operator) ||
        blockText.slice(sentence.end, sentence.end + 1) === '?' ||
        (sentence.end === blockText.length && blockText.trimEnd().endsWith('?'))),
    );
  if (gated) return true;
  let whether = memo.indirectQuestions.get(sentenceKey);
  if (whether === undefined)
    memo.indirectQuestions.set(sentenceKey, (whether = sentence.text.search(INDIRECT_QUESTION)));
  return whether !== -1 && whether < at;
}

/**
 * Whether a prohibition of the sentence reaches the command at `at`: one after it ("`DROP DATABASE` is never run"),
 * or the last one before it with no colon between ("DO NOT run `pg_dump` …"; not "Do not wait: run `pg_dump` now").
 */
function prohibits(marks: { prohibitions: readonly number[]; colons: readonly number[] }, at: number): boolean {
  const { prohibitions, colons } = marks;
  if (prohibitions.length > 0 && prohibitions[prohibitions.length - 1]! > at) return true;
  const before = lastBefore(prohibitions, at);
  return before !== undefined && (lastBefore(colons, at) ?? -1) < before;
}

/** The last of sorted `values` below `at`. */
function lastBefore(values: readonly number[], at: number): number | undefined {
  const index = firstNotBelow(values, at);
  return index === 0 ? undefined : values[index - 1];
}

/** The index of the first of sorted `values` not below `at`, by binary search: a long block stays linear. */
function firstNotBelow(values: readonly number[], at: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * "operator" before "confirm"/"approv…" or after it, anywhere in the
 * sentence, or one of {@link CONFIRMATION}'s phrases: in one pass over each
 * word list, where one pattern with `[^]*` between the words would try every
 * pair and take quadratic time on a long sentence.
 */
export function asksOperator(sentence: string, operator: RegExp = OPERATOR): boolean {
  // "Without the operator's confirmation, run `pg_dump`" waives the gate it names.
  const asked = (match: RegExpMatchArray) => !WAIVED.test(sentence.slice(Math.max(0, match.index! - 40), match.index));
  const operators = [...sentence.matchAll(operator)].filter(asked);
  const confirms = [...sentence.matchAll(CONFIRM)].filter(asked);
  if (operators.length > 0 && confirms.length > 0) {
    const firstOperator = operators[0]!;
    const firstConfirm = confirms[0]!;
    if (firstOperator.index + firstOperator[0].length <= confirms[confirms.length - 1]!.index) return true;
    if (firstConfirm.index + firstConfirm[0].length <= operators[operators.length - 1]!.index) return true;
  }
  return CONFIRMATION.test(sentence);
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

/**
 * The sentence of a block around `at`, where it starts and where it ends (at its closing punctuation, or the block's
 * end), from the block's sentence ends (ascending).
 */
function sentenceAround(
  block: string,
  sentenceEnds: readonly number[],
  at: number,
): { start: number; end: number; text: string } {
  const lo = firstNotBelow(sentenceEnds, at);
  const start = lo === 0 ? 0 : sentenceEnds[lo - 1]! + 1;
  const end = lo === sentenceEnds.length ? block.length : sentenceEnds[lo]!;
  return { start, end, text: block.slice(start, end) };
}
