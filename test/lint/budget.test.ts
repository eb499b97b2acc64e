import { describe, expect, it } from 'vitest';
import type { PromptStats } from '../../src/schema/stats.js';
import type { RuleContext } from '../../src/check/rule.js';
import { budgetLines } from '../../src/check/rules/budget-lines.js';
import { budgetTokens } from '../../src/check/rules/budget-tokens.js';
import { compileWave } from '../../src/compile.js';
import { copyWorkspace } from '../helpers/workspace.js';

const section = (title: string, depth: number, line: number, lines: number, tokens: number) => ({
  title,
  depth,
  line,
  endLine: line + lines - 1,
  lines,
  tokens,
  empty: false,
});

/** A compiled prompt's measurements: 60 lines, 1000 tokens, in four sections and four fragments. */
const STATS: PromptStats = {
  lines: 60,
  tokens: 1000,
  encoding: 'o200k_base',
  sections: [
    section('Wave 9', 1, 1, 60, 1000),
    section('Mission', 2, 3, 10, 150),
    section('Modules', 2, 13, 30, 600),
    section('honcho-api', 3, 15, 28, 560),
    section('PR plan', 2, 43, 8, 100),
    section('Hand-back', 2, 51, 10, 140),
  ],
  fragments: [
    { id: 'stateless-api', file: 'templates/patterns/stateless-api.md', lines: 24, tokens: 500 },
    { id: 'mission', file: 'templates/sections/mission.md', lines: 12, tokens: 160 },
    { id: 'hand-back', file: 'templates/sections/hand-back.md', lines: 10, tokens: 140 },
    { id: 'pr-plan', file: 'templates/sections/pr-plan.md', lines: 14, tokens: 100 },
  ],
};

const context = (budget: RuleContext['budget'], stats: PromptStats = STATS): RuleContext => ({
  prompt: { path: 'prompts/phase-02-wave-9.md', text: '', stats },
  budget,
  compiled: undefined,
});
const messages = (rule: typeof budgetTokens, ctx: RuleContext) =>
  rule.check(ctx).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

describe('budget-tokens', () => {
  it('passes a prompt within its budget', () => {
    expect(messages(budgetTokens, context({ max_tokens: 1000, max_lines: 60, reserve_tokens: 0 }))).toEqual([]);
  });

  it('says where the budget runs out and where it went, per section and per fragment', () => {
    expect(messages(budgetTokens, context({ max_tokens: 700, max_lines: 60, reserve_tokens: 0 }))).toEqual([
      '13:1 error prompt has 1000 tokens (o200k_base), over the budget of 700 by 300; the budget runs out in ' +
        '"Modules"; ' +
        'largest sections: "Modules" 600, "Mission" 150, "Hand-back" 140; ' +
        'largest fragments: stateless-api 500 (templates/patterns/stateless-api.md), mission 160 ' +
        '(templates/sections/mission.md), hand-back 140 (templates/sections/hand-back.md)',
    ]);
  });

  it('counts the reserve against the budget and says so', () => {
    expect(messages(budgetTokens, context({ max_tokens: 1100, max_lines: 60, reserve_tokens: 200 }))).toEqual([
      '51:1 error prompt has 1000 tokens (o200k_base), over the budget of 900 (1100 max − 200 reserve) by 100; ' +
        'the budget runs out in "Hand-back"; ' +
        'largest sections: "Modules" 600, "Mission" 150, "Hand-back" 140; ' +
        'largest fragments: stateless-api 500 (templates/patterns/stateless-api.md), mission 160 ' +
        '(templates/sections/mission.md), hand-back 140 (templates/sections/hand-back.md)',
    ]);
  });

  it('names no fragments for a hand-written prompt', () => {
    expect(
      messages(
        budgetTokens,
        context({ max_tokens: 100, max_lines: 60, reserve_tokens: 0 }, { ...STATS, fragments: [] }),
      ),
    ).toEqual([
      '3:1 error prompt has 1000 tokens (o200k_base), over the budget of 100 by 900; the budget runs out in ' +
        '"Mission"; largest sections: "Modules" 600, "Mission" 150, "Hand-back" 140',
    ]);
  });
});

describe('budget-lines', () => {
  it('passes a prompt within its budget', () => {
    expect(messages(budgetLines, context({ max_tokens: 1000, max_lines: 60, reserve_tokens: 0 }))).toEqual([]);
  });

  it('points at the first line over the budget and says where the lines went', () => {
    expect(messages(budgetLines, context({ max_tokens: 1000, max_lines: 45, reserve_tokens: 0 }))).toEqual([
      '46:1 error prompt has 60 lines, over the budget of 45 by 15; the budget runs out in "PR plan"; ' +
        'largest sections: "Modules" 30, "Mission" 10, "Hand-back" 10; ' +
        'largest fragments: stateless-api 24 (templates/patterns/stateless-api.md), pr-plan 14 ' +
        '(templates/sections/pr-plan.md), mission 12 (templates/sections/mission.md)',
    ]);
  });
});

describe('budget rules on a real compile', () => {
  it('names the fragments of wave 4 that used the budget', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
        t.replace('max_tokens: 4500', 'max_tokens: 1000').replace('max_lines: 320', 'max_lines: 100'),
      );
      const result = await compileWave(ws.root, { wave: 4 });
      const found = result.diagnostics.filter((d) => d.code.startsWith('budget-')).map((d) => d.message);
      expect(found).toEqual([
        expect.stringMatching(
          new RegExp(
            /^prompt has \d+ tokens \(o200k_base\), over the budget of 1000 by \d+; the /.source +
              /budget runs out in "[^"]+"; largest sections: "Modules" \d+, .*; largest /.source +
              /fragments: modules \d+ \(templates\/sections\/modules\.md\), /.source,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            /^prompt has \d+ lines, over the budget of 100 by \d+; the budget runs out in /.source +
              /"Modules"; largest sections: "Modules" \d+, /.source,
          ),
        ),
      ]);
    } finally {
      await ws.cleanup();
    }
  });
});
