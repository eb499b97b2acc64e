import { afterAll, describe, expect, it } from 'vitest';
import { CODES, type CodeExample } from '../../src/schema/codes.js';
import { INPUT_EXAMPLES, type ExampledCode } from './input-examples.js';
import { removeStarterTemplate, runScenario } from './scenario.js';

// Every example docs/errors.md shows is run: its input, in a workspace of its own, through the command a user would
// type, must give a finding of that code, at the code's severity, with exactly the documented message.
afterAll(removeStarterTemplate);

function documented(code: ExampledCode): readonly CodeExample[] {
  const entry = CODES[code];
  return 'inputs' in entry ? entry.inputs.examples : entry.examples;
}

const cases = (Object.keys(INPUT_EXAMPLES) as ExampledCode[]).flatMap((code) => {
  const scenarios = INPUT_EXAMPLES[code];
  return documented(code).map((example, i) => ({ code, example, scenario: scenarios[i], name: `${code} #${i + 1}` }));
});

describe('every input-error example of the code table', () => {
  it('has one scenario per documented example', () => {
    const mismatched = (Object.keys(INPUT_EXAMPLES) as ExampledCode[]).filter(
      (code) => INPUT_EXAMPLES[code].length !== documented(code).length,
    );
    expect(mismatched).toEqual([]);
  });

  describe.concurrent('gives its code and its message', () => {
    it.each(cases)('$name', async ({ code, example, scenario }) => {
      expect(scenario, 'no scenario for this example').toBeDefined();
      const outcome = await runScenario(scenario!);
      const heads = outcome.findings.map((finding) => finding.split('\n')[0]!);
      const expected = ` ${CODES[code].severity} ${code} ${example.message}`;
      expect(
        heads.some((head) => head.endsWith(expected) && /^\S.*:\d+:\d+$/.test(head.slice(0, -expected.length))),
        `no finding ends in "${expected}"; the command printed:\n${outcome.printed}`,
      ).toBe(true);
      expect(outcome.exit, outcome.printed).toBe(
        CODES[code].severity === 'error' ? (code.startsWith('handback-') ? 1 : 2) : 0,
      );
    });
  });
});
