import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { EXAMPLE } from '../../helpers/workspace.js';

// A wave that does not exist is located where its spec would be and says which waves do.

describe('a wave that does not exist', () => {
  it.each([['compile'], ['pr'], ['report']])('%s 9 names the waves there are and how to make wave 9', (command) => {
    const run = wavecBin([command, '9'], EXAMPLE);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(
      'waves:1:1 error spec-not-found no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)\n' +
        '  hint: the waves there are: 2, 3, 4 (phase-02); wavec new 9 scaffolds it\n',
    );
  });

  it('with --phase is located at that phase folder', () => {
    const run = wavecBin(['compile', '9', '--phase', '2'], EXAMPLE);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(
      'waves/phase-02:1:1 error spec-not-found no spec for wave 9 under waves/phase-02/ ' +
        '(expected waves/phase-02/wave-9.yaml)\n' +
        '  hint: the waves there are: 2, 3, 4 (phase-02); wavec new 9 --phase 2 scaffolds it\n',
    );
  });
});
