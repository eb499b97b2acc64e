import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolContext } from '../../src/mcp/tool-context.js';
import { compileWaveTool } from '../../src/mcp/tools/compile-wave.js';
import { explainBudgetTool } from '../../src/mcp/tools/explain-budget.js';
import { copyWorkspace, snapshot } from '../helpers/workspace.js';
import { textOf } from './session.js';

// The tool bodies in process, for the cases the child-process suite need not repeat.
let ws: Awaited<ReturnType<typeof copyWorkspace>>;
beforeAll(async () => {
  ws = await copyWorkspace();
  await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('max_tokens: 4500', 'max_tokens: 1000'));
});
afterAll(() => ws?.cleanup());

describe('MCP tools on an over-budget wave', () => {
  it('compile_wave returns the prompt with a tool error, and does not write it even when asked', async () => {
    const before = await snapshot(ws.root);
    const result = await compileWaveTool(ws.root, { wave: 4, write: true, force: true });
    expect(result.isError).toBe(true);
    const answer = result.structuredContent as { [key: string]: unknown; diagnostics: { code: string }[] };
    expect(answer).toMatchObject({
      ok: false,
      status: 'not written',
      path: 'prompts/phase-02-wave-4.md',
      stats: { within_budget: false },
    });
    expect(answer.prompt).toMatch(/^# Phase 02 · Wave 4: Honcho subsystem/);
    expect(answer.diagnostics.map((d: { code: string }) => d.code)).toContain('budget-tokens');
    expect(textOf(result)).toMatch(
      new RegExp(
        /^prompts\/phase-02-wave-4\.md not written\nlines \d+ \/ 320 · tokens \d+ \/ /.source +
          /1000 \(o200k_base\) · over budget · 17 sections\n/.source,
      ),
    );
    expect(await snapshot(ws.root)).toEqual(before);
  });

  it('explain_budget explains it without a tool error', async () => {
    const result = await explainBudgetTool(ws.root, { wave: 4 });
    expect(result.isError).toBe(false);
    expect(result.structuredContent).toMatchObject({
      ok: true,
      compiled: true,
      within_budget: false,
      budget: { max_tokens: 1000 },
    });
    expect(textOf(result).split('\n')[0]).toMatch(
      /^prompts\/phase-02-wave-4\.md: tokens \d+ \/ 1000 \(o200k_base\), lines \d+ \/ 320 · over budget$/,
    );
    expect(textOf(result)).toMatch(
      new RegExp(
        /^prompts\/phase-02-wave-4\.md:\d+:1 error budget-tokens prompt has \d+ tokens /.source +
          /\(o200k_base\), over the budget of 1000 /.source,
        'm',
      ),
    );
  });

  it('explain_budget of a wave that does not exist is a tool error', async () => {
    const result = await explainBudgetTool(ws.root, { wave: 9 });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({
      ok: false,
      compiled: false,
      totals: null,
      sections: [],
      fragments: [],
    });
    expect(textOf(result).split('\n')[0]).toBe('wave 9 did not compile');
  });
});

describe('the tool guard', () => {
  it('logs an exception to stderr with the tool name and rethrows it for the SDK to answer as an error', async () => {
    const logged: string[] = [];
    const context = toolContext('/nowhere', (text) => logged.push(text), false);
    await expect(context.guard('compile_wave', () => Promise.reject(new Error('disk on fire')))).rejects.toThrow(
      'disk on fire',
    );
    expect(logged).toEqual(['wavec mcp: compile_wave: internal error: disk on fire\n']);
  });

  it('drains only after every running call has answered', async () => {
    const context = toolContext('/nowhere', () => undefined, false);
    const order: string[] = [];
    let finish!: () => void;
    void context.guard('slow', async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      order.push('answered');
      return { content: [] };
    });
    const drained = context.drained().then(() => order.push('drained'));
    await new Promise((resolve) => setImmediate(resolve));
    finish();
    await drained;
    expect(order).toEqual(['answered', 'drained']);
  });
});
