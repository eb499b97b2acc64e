import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Rule } from '../../src/check/rule.js';
import type { PhaseRule } from '../../src/check/phase.js';
import { CODES, type Code, type RuleCode } from '../../src/schema/codes.js';
import { diagnostic, fileStart, type Diagnostic } from '../../src/diagnostics/diagnostic.js';

// Checked by `tsc` (npm run typecheck): each `@ts-expect-error` below must meet an error, so a code outside the table
// compiling would fail the type-check.
describe('diagnostic codes are a closed union', () => {
  it('diagnostic() takes a code of the table, and nothing else', () => {
    expect(diagnostic('file-not-found', 'error', 'file not found: x', fileStart('x')).code).toBe('file-not-found');
    // @ts-expect-error: a misspelt code is not in the table
    diagnostic('file-not-fonud', 'error', 'file not found: x', fileStart('x'));
    const unchecked: string = 'file-not-found';
    // @ts-expect-error: a string of unknown content is not a code
    diagnostic(unchecked, 'error', 'file not found: x', fileStart('x'));
  });

  it('a diagnostic written out carries a code of the table', () => {
    // @ts-expect-error: not a code
    const invented: Diagnostic = { code: 'invented', severity: 'error', message: 'm', file: 'f', line: 1, column: 1 };
    expect(invented.code).toBe('invented');
    expectTypeOf<Diagnostic['code']>().toEqualTypeOf<Code>();
  });

  it('a rule reports a rule code: not an unknown one, nor an input error', () => {
    expectTypeOf<Rule['code']>().toEqualTypeOf<RuleCode>();
    expectTypeOf<PhaseRule['code']>().toEqualTypeOf<RuleCode>();
    expectTypeOf<'budget-lines'>().toExtend<RuleCode>();
    expectTypeOf<'yaml-syntax'>().not.toExtend<RuleCode>();
    // @ts-expect-error: no rule has this code
    const unknown: Rule['code'] = 'budget-pages';
    // @ts-expect-error: an input error is not a rule's code
    const input: Rule['code'] = 'yaml-syntax';
    expect([unknown, input]).toHaveLength(2);
  });

  it('are the keys of the table', () => {
    expectTypeOf<keyof typeof CODES>().toEqualTypeOf<Code>();
  });
});
