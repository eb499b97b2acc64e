import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownCopy } from '../../src/analyse/tokens.js';
import { BoundedCache, LastKey, LatestBySlot } from '../../src/util/bounded-cache.js';
import { viewOf } from '../../src/check/prompt-view.js';

describe('caches hold only what is live', () => {
  it("a token-count key is the piece's own copy, equal to it for any text, lone surrogates included (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (before, piece) => {
        const parent = `${before}${piece}`;
        const copy = ownCopy(parent.slice(before.length));
        expect(copy).toBe(piece);
        expect(copy.length).toBe(piece.length);
      }),
    );
  });

  it('a key stored again replaces its value and its weight: one place edited many times holds one entry', () => {
    const cache = new BoundedCache<string, string>(100, (_key, value) => value.length);
    for (let edit = 0; edit < 1_000; edit++) cache.set('waves/phase-01/wave-1.yaml', 'x'.repeat(60 + (edit % 10)));
    cache.set('waves/phase-01/wave-2.yaml', 'y'.repeat(30));
    // Counted once, the first place (weight 69) and the second (30) fit under 100 together.
    expect(cache.get('waves/phase-01/wave-1.yaml')).toBe('x'.repeat(69));
    expect(cache.get('waves/phase-01/wave-2.yaml')).toBe('y'.repeat(30));
  });

  it('a file edited many times holds its latest version only, and an older version is a miss (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a.md', 'b.md', 'c.md'), fc.string({ maxLength: 3 })), { minLength: 1 }),
        (edits) => {
          const cache = new LatestBySlot<{ text: string }>(10);
          const latest = new Map<string, string>();
          for (const [file, text] of edits) {
            cache.set(file, text, { text });
            latest.set(file, text);
          }
          for (const [file, text] of latest) expect(cache.get(file, text)).toEqual({ text });
          for (const [file, text] of edits)
            if (latest.get(file) !== text) expect(cache.get(file, text)).toBeUndefined();
        },
      ),
    );
  });

  it('a pass-scoped cache answers for the last key only, by identity (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 1 }), (order) => {
        const keys = [{}, {}, {}, {}];
        const cache = new LastKey<object, number>();
        for (const [step, k] of order.entries()) {
          const key = keys[k]!;
          const previous = order[step - 1];
          expect(cache.get(key)).toBe(previous === k ? step - 1 : undefined);
          cache.set(key, step);
          expect(cache.get({})).toBeUndefined();
        }
      }),
    );
  });

  it("one check's rules share a prompt's view, and the view of a prompt checked before is not kept", () => {
    const first = {
      path: 'a.md',
      text: '# A\n',
      stats: { lines: 1, tokens: 2, encoding: 'o200k_base', sections: [], fragments: [] },
    };
    const second = { ...first, path: 'b.md' };
    const view = viewOf(first);
    expect(viewOf(first)).toBe(view);
    expect(viewOf(second)).not.toBe(view);
    expect(viewOf(first)).not.toBe(view);
  });
});
