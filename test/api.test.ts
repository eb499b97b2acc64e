import { describe, expect, it } from 'vitest';

describe('the package root', () => {
  // Changing this list is changing wavec's public API: do it on purpose, with the README's "Library API".
  it('exports exactly the public API', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual([
      'VERSION',
      'compileWave',
      'emitPrompt',
      'explainBudget',
      'formatDiagnostic',
      'lintPrompt',
      'loadWorkspace',
      'newWave',
      'run',
    ]);
  });
});
