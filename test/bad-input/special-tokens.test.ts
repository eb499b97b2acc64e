import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { compileAfter, fragment, MISSION, workspace } from './harness.js';

// Case 10 of the bad-input issue: special-token text in a fragment is
// counted as the plain text it is (the tokenizer would otherwise throw or
// count one control token) and warned about; the prompt is still produced.

const body = '## Mission\n\nNever write <|endoftext|> in a reply.\n';

describe('special-token text in a fragment (case 10)', () => {
  it('compiles, warns at the fragment line that wrote it, and keeps the text as written', async () => {
    const outcome = await compileAfter((ws) => ws.write(MISSION, fragment('mission', 'section', body)));
    expect(outcome.exit).toBe(0);
    expect(outcome.diagnostics).toEqual([
      expect.stringMatching(
        new RegExp(
          /^templates\/sections\/mission\.md:8:13 warning special-token-text "<\|endoftext\|>" /.source +
            /is a special token of o200k_base written as text: wavec counts it as plain text, /.source +
            /but a model or tool may read it as a control token$/.source,
        ),
      ),
    ]);
    expect(await outcome.ws.read('prompts/phase-02-wave-4.md')).toContain('Never write <|endoftext|> in a reply.');
  });

  it('counts it as several text tokens, not one control token', async () => {
    const ws = await workspace();
    await ws.write(MISSION, fragment('mission', 'section', body));
    const withToken = await compileWave(ws.root, { wave: 4 });
    await ws.write(MISSION, fragment('mission', 'section', body.replace('<|endoftext|>', 'X')));
    const withX = await compileWave(ws.root, { wave: 4 });
    expect(withToken.ok && withX.ok).toBe(true);
    // "<|endoftext|>" as text is 7 tokens in o200k_base; a control token would be 1, like "X".
    expect(withToken.stats!.tokens - withX.stats!.tokens).toBeGreaterThan(3);
  });
});
