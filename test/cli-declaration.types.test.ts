import { describe, expectTypeOf, it } from 'vitest';
import { defineCommand } from '../src/cli/command.js';
import { PHASE, WAVE, type WaveSelector } from '../src/cli/declaration.js';
import type { Workspace } from '../src/load/workspace.js';

// Checked by `tsc` (npm run typecheck), not at run time: a command's arguments are typed as it declares them.
describe("a command's arguments, typed from its declaration", () => {
  it('types each positional and option as declared, and gives a loaded workspace to a command that needs one', () => {
    defineCommand({
      name: 'example',
      summary: '',
      workspace: 'loaded',
      positionals: [
        WAVE,
        { name: 'other', type: 'wave-selector', optional: true },
        { name: 'reply', type: 'file-or-stdin', optional: true },
        { name: 'paths', type: 'path', variadic: true },
      ],
      options: {
        phase: PHASE,
        from: { type: 'wave-selector', description: '' },
        format: { type: 'string', choices: ['human', 'json'], default: 'human', description: '' },
        by: { type: 'string', choices: ['tokens', 'lines'], description: '' },
        base: { type: 'string', description: '' },
        out: { type: 'string', default: 'schemas', description: '' },
        force: { type: 'boolean', description: '' },
      },
      async execute(args, context) {
        expectTypeOf(args).toEqualTypeOf<{
          wave: number;
          other: WaveSelector | undefined;
          reply: string;
          paths: string[];
          phase: number | undefined;
          from: WaveSelector | undefined;
          format: 'human' | 'json';
          by: 'tokens' | 'lines' | undefined;
          base: string | undefined;
          out: string;
          force: boolean;
        }>();
        expectTypeOf(context.workspace).toEqualTypeOf<Workspace>();
        return 0;
      },
    });
  });
});
