import { z } from 'zod';

/**
 * Output schemas the MCP tools declare. The client validates every
 * structuredContent against them, error results included, so each tool's
 * schema makes everything except `ok` and `diagnostics` optional: a failed
 * call still answers in the declared shape.
 */

const Position = z.int().positive();
/** Lines and tokens. */
export const Count = z.int().nonnegative();

// Diagnostics are 1-based by contract, but the schema does not insist: a
// client rejects an answer that breaks its schema, and an off-by-one
// position is better delivered than lost.
const location = {
  file: z.string().describe('Workspace-relative path, `/`-separated.'),
  line: z.int().describe('1-based line in the file the user edits.'),
  column: z.int().describe('1-based column.'),
  endLine: z.int().optional(),
  endColumn: z.int().optional(),
};

// Loose: rules may attach more detail than the Diagnostic interface names today.
export const DiagnosticOutput = z.looseObject({
  code: z.string().describe('Stable identifier, listed in docs/errors.md or docs/rules.md.'),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  ...location,
  related: z.looseObject({ ...location, message: z.string() }).optional(),
  hint: z.string().optional(),
});

export const Diagnostics = z.array(DiagnosticOutput).describe('Sorted by file and position.');

export const DiagnosticsOmitted = Count.optional().describe(
  'How many diagnostics this answer leaves out (it carries at most 200); the wavec command lists them all.',
);

export const Ok = z
  .boolean()
  .describe(
    'True when the call did what was asked and ' +
      '(except for explain_budget, which explains over-budget prompts) no diagnostic is an error; ' +
      'isError is its negation.',
  );

export const SectionOutput = z.looseObject({
  title: z.string(),
  depth: Position,
  line: Position,
  endLine: Position,
  lines: Count,
  tokens: Count,
  empty: z.boolean(),
});

export const FragmentStatsOutput = z.looseObject({
  id: z.string(),
  file: z.string(),
  lines: Count,
  tokens: Count,
});
