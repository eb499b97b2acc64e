import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { checkReply } from '../../src/handback/check.js';
import { handBackContract, type HandBackContract } from '../../src/handback/contract.js';
import { EXAMPLE } from '../helpers/workspace.js';

let contract: HandBackContract;
beforeAll(async () => {
  contract = handBackContract((await compileWave(EXAMPLE, { wave: 4 })).facts!.composition.context);
});

/** How a part's header may be written: a heading, a bold line, a numbered item with a colon. */
const headerStyle = fc.constantFrom('## ', '### ', '**', '1. ');
const header = (style: string, label: string) =>
  style === '**' ? `**${label}**` : style === '1. ' ? `1. ${label}:` : `${style}${label}`;
const caseOf = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.toLowerCase(),
);
const bullet = fc.constantFrom('- ', '* ', '+ ');

/** A reply that follows the contract, in any of the forms an agent might choose. */
const reply = fc.record({
  order: fc.shuffledSubarray(['prs', 'modules', 'health', 'noticed'], { minLength: 4, maxLength: 4 }),
  style: headerStyle,
  labelCase: caseOf,
  bullet,
  forge: fc.constantFrom(
    (n: number) => `https://github.com/o/p/pull/${n}`,
    (n: number) => `https://git.example/o/p/pulls/${n}`,
    (n: number) => `https://gitlab.example/g/p/-/merge_requests/${n}`,
  ),
  label: fc.constantFrom('verified', 'Verified', 'ASSUMED', 'unknown'),
  crlf: fc.boolean(),
});

function render(r: {
  order: string[];
  style: string;
  labelCase: (s: string) => string;
  bullet: string;
  forge: (n: number) => string;
  label: string;
  crlf: boolean;
}): string {
  const parts: Record<string, string[]> = {
    prs: [
      header(r.style, r.labelCase('PR URLs')),
      '',
      ...contract.prs.map((pr) => `${r.bullet}${pr.id}: ${r.forge(40 + pr.number)}`),
    ],
    modules: [
      header(r.style, r.labelCase('Per module')),
      '',
      ...contract.modules.flatMap((m) => [
        `${r.bullet}**${m.id}**`,
        `  ${r.bullet}${r.labelCase('Audit found')}: as the compose file says (${r.label}).`,
        `  ${r.bullet}${r.labelCase('Manifest declares')}: what it runs (${r.label}).`,
        `  ${r.bullet}${r.labelCase('Unverified')}: none.`,
      ]),
    ],
    health: [
      header(r.style, r.labelCase(`${contract.subsystem} subsystem health`)),
      '',
      'From `docker compose ps` at the end of the run:',
      ...contract.modules.flatMap((m) => m.containers.map((c) => `${r.bullet}apps-${c}-1: ${r.labelCase('running')}`)),
    ],
    noticed: [header(r.style, r.labelCase('Noticed, not done')), '', r.labelCase('none')],
  };
  const text = `${r.order.flatMap((part) => [...parts[part]!, '']).join('\n')}`;
  return r.crlf ? text.replace(/\n/g, '\r\n') : text;
}

describe('the reply reader', () => {
  it(
    'accepts a reply that follows the contract, whatever its order of parts, header style, case, bullets, forge ' +
      'and line endings',
    () => {
      fc.assert(
        fc.property(reply, (r) => {
          expect(checkReply(contract, { path: 'reply.md', text: render(r) })).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('never throws on any text, and every finding points inside the reply', () => {
    const pieces = fc.constantFrom(
      '## ',
      '# ',
      '- ',
      '1. ',
      '| ',
      ' | ',
      '```',
      '~~~',
      '\n',
      '\r\n',
      '  ',
      '**',
      ':',
      'PR URLs',
      'Per module',
      'health',
      'Noticed, not done',
      'honcho-api',
      'honcho-redis',
      'audit',
      'manifest',
      'UNVERIFIED',
      'verified',
      'blocked',
      'https://g/o/p/pull/1',
      'https://g/o/p/pulls/2',
      '`cmd`',
      'running',
      '\uFEFF',
      '🚀',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(pieces, { maxLength: 80 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const lines = input.replace(/\r\n?/g, '\n').split('\n');
        for (const d of checkReply(contract, { path: 'reply.md', text: input })) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
