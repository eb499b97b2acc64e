import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../src/util/stable-json.js';

/** The same value with every object's keys added in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

// Keys JSON.stringify would not keep in insertion order (integer-like ones come first) are left out, so that it can
// serve as the reference for the format.
const key = fc.string({ maxLength: 6 }).filter((k) => !/^(0|[1-9]\d*)$/.test(k));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortedCopy(v)]));
}

describe('stableJson', () => {
  it('writes the same text whatever order the keys were added in, and reads back as the value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(stableJson(reversed(value))).toBe(stableJson(value));
        expect(stableJson(reversed(value), { indent: 2 })).toBe(stableJson(value, { indent: 2 }));
        expect(JSON.parse(stableJson(value))).toEqual(value);
      }),
    );
  });

  it('formats as JSON.stringify does at the same indentation, keys sorted', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2, 4), (value, indent) => {
        expect(stableJson(value, { indent })).toBe(JSON.stringify(sortedCopy(value), null, indent));
      }),
    );
  });

  it('leaves undefined properties out, and sorts integer-like keys as strings', () => {
    expect(stableJson({ b: 1, a: undefined, 10: 'x', 2: 'y' })).toBe('{"10":"x","2":"y","b":1}');
  });

  it('keeps the written order of an object under a listed key, but not of the objects inside it', () => {
    const schema = { type: 'object', properties: { zeta: { type: 'string', description: 'z' }, alpha: {} } };
    expect(stableJson(schema, { keepOrderUnder: ['properties'] })).toBe(
      '{"properties":{"zeta":{"description":"z","type":"string"},"alpha":{}},"type":"object"}',
    );
    // A property that happens to be called "properties" is a name, not the keyword.
    const named = { properties: { properties: { b: 1, a: 2 } } };
    expect(stableJson(named, { keepOrderUnder: ['properties'] })).toBe('{"properties":{"properties":{"a":2,"b":1}}}');
  });
});
