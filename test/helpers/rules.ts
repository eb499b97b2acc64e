import { analysePrompt } from '../../src/analyse/analyse.js';
import { carryOwners } from '../../src/analyse/carry-owners.js';
import { splitLines } from '../../src/util/text.js';
import type { Tokenizer } from '../../src/analyse/tokens.js';
import type { CompileFacts, Rule, RuleContext } from '../../src/check/rule.js';
import { compileWave } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { EXAMPLE } from './workspace.js';

/** Content rules never look at token counts; a character count keeps these tests free of the vocabulary. */
const CHARACTERS: Tokenizer = { encoding: 'o200k_base', count: (text) => text.length };

/** The path in-memory prompts are checked under. */
export const PROMPT_PATH = 'prompts/hand-written.md';

/** The text each compilation of these helpers produced, for the line owners of an edited copy of it. */
const compiledTexts = new WeakMap<CompileFacts, string>();

/**
 * A rule context for a prompt held in memory, with or without a spec behind it. With one, the text's lines are
 * owned by the fragments that wrote them, as lint carries them over to an edited prompt.
 */
export function contextFor(text: string, compiled?: CompileFacts, path = PROMPT_PATH): RuleContext {
  const compiledText = compiled && compiledTexts.get(compiled);
  const lineOwners =
    compiled && compiledText !== undefined
      ? carryOwners(splitLines(compiledText), compiled.lineOwners, splitLines(text))
      : undefined;
  return {
    prompt: { path, text, stats: analysePrompt(text, CHARACTERS), ...(lineOwners ? { lineOwners } : {}) },
    budget: { max_tokens: 6000, max_lines: 400, reserve_tokens: 0 },
    compiled,
  };
}

/** `file:line:col code message`: how a rule's finding reads on the command line. */
export function line(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;
}

export function runRule(rule: Rule, text: string, compiled?: CompileFacts): string[] {
  return rule.check(contextFor(text, compiled)).map(line);
}

const compiled = new Map<number, Promise<{ facts: CompileFacts; text: string; path: string }>>();

/** The example workspace's compile of a wave, once per test file: its facts and its prompt. */
export function exampleWave(wave: number): Promise<{ facts: CompileFacts; text: string; path: string }> {
  let result = compiled.get(wave);
  if (!result) {
    result = compileWave(EXAMPLE, { wave }).then((r) => {
      if (!r.facts || !r.prompt)
        throw new Error(`example wave ${wave} did not compile: ${r.diagnostics.map(line).join('\n')}`);
      compiledTexts.set(r.facts, r.prompt.text);
      return { facts: r.facts, text: r.prompt.text, path: r.prompt.path };
    });
    compiled.set(wave, result);
  }
  return result;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
