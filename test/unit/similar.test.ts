import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/util/similar.js';

describe('closestMatch', () => {
  const keys = ['backup_priority', 'backup', 'exposure', 'image'];

  it('suggests the key a typo was meant to be', () => {
    expect(closestMatch('backup_priorty', keys)).toBe('backup_priority');
    expect(closestMatch('exposrue', keys)).toBe('exposure');
  });

  it('ignores case when comparing', () => {
    expect(closestMatch('IMAGE', keys)).toBe('image');
  });

  it('suggests nothing when every candidate is far away', () => {
    expect(closestMatch('volumes', keys)).toBeUndefined();
    expect(closestMatch('xyz', keys)).toBeUndefined();
    expect(closestMatch('anything', [])).toBeUndefined();
  });

  it('breaks ties by the alphabetically first candidate, whatever the order', () => {
    expect(closestMatch('cat', ['hat', 'bat'])).toBe('bat');
    expect(closestMatch('cat', ['bat', 'hat'])).toBe('bat');
  });
});

describe('closestMatch with swapped letters', () => {
  it('counts two neighbours swapped as one edit', () => {
    expect(closestMatch('titel', ['title', 'kind', 'id'])).toBe('title');
  });
});

describe('closestMatch by a part of the name', () => {
  const patterns = ['stateful-postgres', 'stateful-postgres-pgvector', 'stateless-worker', 'stateless-api'];

  it('suggests the id one of whose words was written alone', () => {
    expect(closestMatch('worker', patterns)).toBe('stateless-worker');
    expect(closestMatch('postgres-pgvector', patterns)).toBe('stateful-postgres-pgvector');
  });

  it('prefers the shortest id that holds the words', () => {
    expect(closestMatch('postgres', patterns)).toBe('stateful-postgres');
  });

  it('matches whole words only', () => {
    expect(closestMatch('work', patterns)).toBeUndefined();
    expect(closestMatch('gres', patterns)).toBeUndefined();
  });
});
