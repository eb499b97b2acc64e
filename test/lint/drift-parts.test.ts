import { describe, expect, it } from 'vitest';
import { carryOwners, EDITED_OWNER } from '../../src/analyse/carry-owners.js';
import { firstDifference } from '../../src/check/rules/prompt-drift.js';
import { inputChanges } from '../../src/check/provenance-diff.js';
import type { Provenance } from '../../src/schema/provenance.js';

describe('carryOwners', () => {
  const compiled = ['# T', '', '## A', 'a1', 'a2', '', '## B', 'b1'];
  const owners = ['layout', 'layout', 'a', 'a', 'a', 'a', 'b', 'b'];

  it('keeps every owner of an unchanged prompt', () => {
    expect(carryOwners(compiled, owners, compiled)).toEqual(owners);
  });

  it('gives lines typed in by hand to no fragment and keeps the rest', () => {
    const edited = ['# T', '', '## A', 'a1', 'typed', 'a2', '', '## B', 'b1 changed'];
    expect(carryOwners(compiled, owners, edited)).toEqual([
      'layout',
      'layout',
      'a',
      'a',
      EDITED_OWNER,
      'a',
      'a',
      'b',
      EDITED_OWNER,
    ]);
  });

  it('follows deleted and moved lines', () => {
    expect(carryOwners(compiled, owners, ['## B', 'b1', '# T'])).toEqual(['b', 'b', EDITED_OWNER]);
  });
});

describe('firstDifference', () => {
  it.each([
    ['a\nb\n', 'a\nb\n', undefined],
    ['a\nbX\n', 'a\nbY\n', { line: 2, column: 2 }],
    ['a\n', 'a\nb\n', { line: 1, column: 1 }],
    ['a\nb\n', 'a\n', { line: 2, column: 1 }],
  ])('%j vs %j', (text, other, expected) => {
    expect(firstDifference(text, other)).toEqual(expected);
  });
});

describe('inputChanges', () => {
  const base: Provenance = {
    generator: 'wavec',
    version: '0.1.0',
    phase: 2,
    wave: 4,
    prompt: { path: 'prompts/p.md', hash: 'p' },
    spec: { path: 'waves/phase-02/wave-4.yaml', hash: 's' },
    predecessor: { path: 'waves/phase-02/wave-3.yaml', hash: 'w3', chain: 'k3' },
    chain: 'k4',
    config: { path: 'wavec.config.yaml', hash: 'c' },
    charter: { path: 'charter/C.md', hash: 'ch' },
    fragments: [
      { id: 'a', path: 'templates/a.md', hash: 'a' },
      { id: 'b', path: 'templates/b.md', hash: 'b' },
    ],
    encoding: 'o200k_base',
  };

  it('finds nothing when the inputs are the same (the prompt hash is not an input)', () => {
    expect(inputChanges(base, { ...base, prompt: { path: 'prompts/p.md', hash: 'other' } })).toEqual([]);
  });

  it('names every input that changed, appeared or went away', () => {
    const fresh: Provenance = {
      ...base,
      version: '0.2.0',
      spec: { path: 'waves/phase-02/wave-4.yaml', hash: 's2' },
      predecessor: null,
      chain: 'k4b',
      config: null,
      charter: { path: 'charter/REAL.md', hash: 'r' },
      fragments: [
        { id: 'a', path: 'templates/a.md', hash: 'a2' },
        { id: 'c', path: 'templates/c.md', hash: 'c' },
      ],
      encoding: 'cl100k_base',
    };
    expect(inputChanges(base, fresh)).toEqual([
      { description: 'waves/phase-02/wave-4.yaml changed', recordedHash: 's' },
      { description: 'waves/phase-02/wave-3.yaml is no longer a predecessor', recordedHash: 'w3' },
      { description: 'wavec.config.yaml is gone', recordedHash: 'c' },
      { description: 'the charter is now charter/REAL.md (was charter/C.md)', recordedHash: 'ch' },
      { description: 'templates/a.md changed', recordedHash: 'a' },
      { description: 'templates/c.md is now used' },
      { description: 'templates/b.md is no longer used', recordedHash: 'b' },
      { description: 'the generator changed (wavec 0.1.0 → 0.2.0)' },
      { description: 'the encoding changed (o200k_base → cl100k_base)' },
    ]);
  });

  it('names the predecessor, or the chain before it, when only that changed', () => {
    const chain = (predecessor: Provenance['predecessor']) => inputChanges(base, { ...base, predecessor });
    expect(chain({ path: 'waves/phase-02/wave-2.yaml', hash: 'w2', chain: 'k2' })).toEqual([
      {
        description: 'the predecessor is now waves/phase-02/wave-2.yaml (was waves/phase-02/wave-3.yaml)',
        recordedHash: 'w3',
      },
    ]);
    expect(chain({ path: 'waves/phase-02/wave-3.yaml', hash: 'w3b', chain: 'k3' })).toEqual([
      { description: 'waves/phase-02/wave-3.yaml changed', recordedHash: 'w3' },
    ]);
    expect(chain({ path: 'waves/phase-02/wave-3.yaml', hash: 'w3', chain: 'k3b' })).toEqual([
      { description: 'a wave before waves/phase-02/wave-3.yaml in its chain changed', recordedHash: 'k3' },
    ]);
    const found = { description: 'waves/phase-02/wave-1.yaml changed', recordedHash: 'w1' };
    expect(
      inputChanges(
        base,
        { ...base, predecessor: { path: 'waves/phase-02/wave-3.yaml', hash: 'w3', chain: 'x' } },
        found,
      ),
    ).toEqual([found]);
  });

  it('calls a sidecar that lists the whole chain (an older wavec) out of date', () => {
    const older = { ...base, predecessors: [], predecessor: undefined, chain: undefined } as unknown as Provenance;
    expect(inputChanges(older, base)).toEqual([
      { description: 'the sidecar lists the whole predecessor chain (written by an older wavec)' },
    ]);
  });
});
