import { z } from 'zod';

/** Token encodings wavec can count exactly. */
export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const Budget = z.strictObject({
  max_tokens: z.int().positive().describe('Most tokens the prompt may use.'),
  max_lines: z.int().positive().describe('Most lines the prompt may have.'),
  reserve_tokens: z
    .int()
    .nonnegative()
    .default(0)
    .describe("Tokens kept free for the agent's own work: the prompt must fit in max_tokens - reserve_tokens."),
});
export type Budget = z.infer<typeof Budget>;
