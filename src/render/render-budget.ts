/**
 * Rendering is bounded while it runs, not after: nested `{{#each}}` blocks
 * multiply (13 levels over 4 modules is 4^13 iterations: 52 s and 2.7 GB
 * before any limit on the finished prompt applied). Every block iteration
 * and every fragment rendered is a step; every piece of output produced is
 * charged by its length. Both budgets are far beyond any real prompt (the
 * example's largest wave takes under 300 steps and 100,000 characters).
 */
export const MAX_RENDER_STEPS = 100_000;
/** Characters produced, counted at every level of nesting (a prompt is analysed up to 256 Ki). */
export const MAX_RENDER_CHARS = 8 * 1024 * 1024;

export class RenderBudgetExceeded extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

export class RenderBudget {
  private steps = 0;
  private chars = 0;

  step(): void {
    if (++this.steps > MAX_RENDER_STEPS)
      throw new RenderBudgetExceeded(
        `rendering took more than ${MAX_RENDER_STEPS} steps (block iterations and fragments); ` +
          'nested {{#each}} blocks multiply',
      );
  }

  charge(output: string): string {
    this.chars += output.length;
    if (this.chars > MAX_RENDER_CHARS)
      throw new RenderBudgetExceeded(
        `rendering produced more than ${MAX_RENDER_CHARS} characters; ` +
          'nested {{#each}} blocks or partials multiply their output',
      );
    return output;
  }
}
