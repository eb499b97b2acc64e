import { describe, expect, it } from 'vitest';
import { lintPrompt } from '../../src/lint.js';
import { EXAMPLE, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();
const brief = (d: { file: string; line: number; column: number; severity: string; code: string; message: string }) =>
  `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;

describe('lintPrompt', () => {
  it.each([2, 3, 4])('finds the committed wave %i prompt compiled, current and clean', async (wave) => {
    const result = await lintPrompt(EXAMPLE, { path: `prompts/phase-02-wave-${wave}.md` }, { drift: true });
    expect(result.diagnostics.map(brief)).toEqual([]);
    expect(result).toMatchObject({ path: `prompts/phase-02-wave-${wave}.md`, ok: true, compiled: true });
    expect(result.stats.fragments.length).toBeGreaterThan(0);
  });

  it('catches a hand edit, at the edited line', async () => {
    const ws = await workspace();
    await ws.edit('prompts/phase-02-wave-4.md', (t) =>
      t.replace('## Mission\n\nYou are Codex', '## Mission\n\nYou are Claude'),
    );
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' }, { drift: true });
    expect(result.diagnostics.map(brief)).toEqual([
      'prompts/phase-02-wave-4.md:5:10 error prompt-drift prompts/phase-02-wave-4.md was edited by hand after ' +
        'it was generated: it no longer matches the prompt hash in prompts/phase-02-wave-4.provenance.json ' +
        '(first difference from a fresh compile: line 5)',
    ]);
    expect(result.diagnostics[0]!.hint).toBe(
      'move the edit into the wave spec or a fragment, then run `wavec compile 4 --phase 2 --force`',
    );
    expect(result.ok).toBe(false);
  });

  it('catches a stale prompt and says which inputs changed', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('title: Honcho subsystem', 'title: Honcho subsystem, revised'),
    );
    await ws.edit('templates/sections/hand-back.md', (t) => `${t}\nOne more line.\n`);
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' }, { drift: true });
    expect(result.diagnostics.map(brief)).toEqual([
      'prompts/phase-02-wave-4.md:1:38 error prompt-drift prompts/phase-02-wave-4.md is stale: inputs changed ' +
        'since it was generated (waves/phase-02/wave-4.yaml changed; templates/sections/hand-back.md changed); a ' +
        'fresh compile differs from line 1',
    ]);
    const [drift] = result.diagnostics;
    expect(drift!.hint).toBe('run `wavec compile 4 --phase 2` and commit the prompt with its provenance');
    expect(drift!.related).toMatchObject({
      file: 'prompts/phase-02-wave-4.provenance.json',
      line: 12,
      column: 14,
      message: 'recorded hash: waves/phase-02/wave-4.yaml changed',
    });
  });

  it('does not check drift unless asked', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('title: Honcho subsystem', 'title: Honcho subsystem, revised'),
    );
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' });
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a sidecar that is out of date though the prompt is current', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('# with `npm run compile-wave 4`.', '# with `npm run compile-wave 4` (comment edited).'),
    );
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' }, { drift: true });
    expect(result.diagnostics.map(brief)).toEqual([
      'prompts/phase-02-wave-4.provenance.json:12:14 error prompt-drift ' +
        'prompts/phase-02-wave-4.provenance.json is out of date: waves/phase-02/wave-4.yaml changed since it was ' +
        'recorded, though the prompt compiles to the same text',
    ]);
  });

  it("lints a prompt without a sidecar as hand-written, with the config's sections and budget", async () => {
    const ws = await workspace();
    await ws.write('prompts/draft.md', '# Draft\n\n## Mission\n\nDo it.\n');
    const result = await lintPrompt(ws.root, { path: 'prompts/draft.md' });
    expect(result.compiled).toBe(false);
    expect(result.stats.fragments).toEqual([]);
    expect(result.diagnostics.map(brief)).toEqual([
      'prompts/draft.md:5:1 error section-required required section "## Charter references" is missing; ' +
        'expected after "## Mission" (line 3)',
      'prompts/draft.md:5:1 error section-required required section "## Hand-back" is missing; expected after ' +
        '"## Mission" (line 3)',
      'prompts/draft.md:5:1 error section-required required section "## Hard constraints" is missing; expected ' +
        'after "## Mission" (line 3)',
      'prompts/draft.md:5:1 error section-required required section "## How this run is triggered" is missing; ' +
        'expected after "## Mission" (line 3)',
      'prompts/draft.md:5:1 error section-required required section "## Modules" is missing; expected after ' +
        '"## Mission" (line 3)',
      'prompts/draft.md:5:1 error section-required required section "## PR plan" is missing; expected after ' +
        '"## Mission" (line 3)',
      'prompts/draft.md:5:1 error section-required required section "## Wakeup honesty (charter §13)" is ' +
        'missing; expected after "## Mission" (line 3)',
    ]);
  });

  it('lints inline text under a label, and --strict makes warnings errors', async () => {
    const ws = await workspace();
    await ws.write('wavec.config.yaml', 'required_sections:\n  headings: []\n');
    const text = '# Note\n\nNever print <|endoftext|>.\n';
    const lenient = await lintPrompt(ws.root, { path: 'inline.md', text });
    expect(lenient.diagnostics.map(brief)).toEqual([
      'inline.md:3:13 warning special-token-text "<|endoftext|>" is a special token of o200k_base written as ' +
        'text: wavec counts it as plain text, but a model or tool may read it as a control token',
    ]);
    expect(lenient.ok).toBe(true);
    const strict = await lintPrompt(ws.root, { path: 'inline.md', text }, { strict: true });
    expect(strict.diagnostics.map((d) => d.severity)).toEqual(['error']);
    expect(strict.ok).toBe(false);
  });

  it('reports a sidecar that is not provenance', async () => {
    const ws = await workspace();
    await ws.write('prompts/phase-02-wave-4.provenance.json', '{"generator": "wavec"}\n');
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' });
    expect(result.diagnostics.map(brief)).toEqual([
      'prompts/phase-02-wave-4.provenance.json:1:1 error provenance-invalid ' +
        'prompts/phase-02-wave-4.provenance.json is not a wavec provenance file: version: Invalid input: ' +
        'expected string, received undefined',
    ]);
  });

  it('runs the phase-wide rules for a compiled prompt, located in the specs', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('  - id: honcho-deriver\n', '  - id: uptime-kuma\n'));
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' });
    expect(result.diagnostics.filter((d) => d.code.startsWith('phase-')).map(brief)).toEqual([
      'waves/phase-02/wave-4.yaml:78:9 error phase-module-unique module "uptime-kuma" is already in wave 3; a ' +
        'module belongs to exactly one wave of a phase',
    ]);
  });

  it('reports a missing prompt', async () => {
    const result = await lintPrompt(EXAMPLE, { path: 'prompts/phase-02-wave-9.md' });
    expect(result.diagnostics.map(brief)).toEqual([
      'prompts/phase-02-wave-9.md:1:1 error file-not-found file not found: prompts/phase-02-wave-9.md',
    ]);
  });
});
