import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandBackContract } from '../../src/handback/contract.js';
import { checkReply } from '../../src/handback/check.js';
import { handBackContractOf } from '../../src/handback/hand-back.js';
import { fixtureRoot, REPO_ROOT } from '../helpers/workspace.js';

/**
 * A corpus of replies as Codex, Claude Code and a terse human write them,
 * across four waves of two fixture workspaces (one with a blocked PR, one
 * with modules new to the programme whose containers are not named by their
 * ids). Each file states what it was written against and the findings it
 * must give, in the HTML comment it opens with (markdownlint's fixture
 * habit; the reader skips comments): `expect: []` for an honest reply,
 * `code line:col` for each finding of a defective one.
 */
const CORPUS = 'test/handback/corpus';

interface Case {
  file: string;
  workspace: string;
  phase: number;
  wave: number;
  style: string;
  expected: string[];
}

const cases: Case[] = readdirSync(path.join(REPO_ROOT, CORPUS))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => {
    const text = readFileSync(path.join(REPO_ROOT, CORPUS, name), 'utf8');
    const header = /^<!--\n([^]*?)\n-->\n/.exec(text);
    if (!header) throw new Error(`${name} does not open with its expectations in an HTML comment`);
    const meta = parse(header[1]!) as Omit<Case, 'file' | 'expected'> & { expect: string[] };
    return { file: name, ...meta, expected: meta.expect };
  });

const contracts = new Map<string, HandBackContract>();
beforeAll(async () => {
  for (const c of cases) {
    const key = `${c.workspace} ${c.phase}:${c.wave}`;
    if (contracts.has(key)) continue;
    const derived = await handBackContractOf(fixtureRoot(c.workspace), { wave: c.wave, phase: c.phase });
    if (!derived.ok) throw new Error(`${key} does not compose`);
    contracts.set(key, derived.contract);
  }
});

const findingsOf = (c: Case) =>
  checkReply(contracts.get(`${c.workspace} ${c.phase}:${c.wave}`)!, {
    path: c.file,
    text: readFileSync(path.join(REPO_ROOT, CORPUS, c.file), 'utf8'),
  }).map((d) => `${d.code} ${d.line}:${d.column}`);

const honest = cases.filter((c) => c.expected.length === 0);
const defective = cases.filter((c) => c.expected.length > 0);

describe('the hand-back corpus', () => {
  it('has at least 20 honest and 20 defective replies, in three styles, across at least three waves', () => {
    expect(honest.length).toBeGreaterThanOrEqual(20);
    expect(defective.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.style))).toEqual(new Set(['codex', 'claude-code', 'terse-human']));
    expect(new Set(honest.map((c) => `${c.workspace} ${c.phase}:${c.wave}`)).size).toBeGreaterThanOrEqual(3);
  });

  it.each(honest.map((c) => [c.file, c] as const))('%s passes', (_, c) => {
    expect(findingsOf(c)).toEqual([]);
  });

  it.each(defective.map((c) => [c.file, c] as const))('%s fails with exactly its expected findings', (_, c) => {
    expect(findingsOf(c)).toEqual([...c.expected].sort(byPosition));
  });

  it('reports precision and recall over the corpus: both 100%', () => {
    let truePositives = 0;
    let found = 0;
    let expected = 0;
    for (const c of cases) {
      const actual = findingsOf(c);
      const wanted = [...c.expected];
      found += actual.length;
      expected += wanted.length;
      for (const finding of actual) {
        const at = wanted.indexOf(finding);
        if (at !== -1) {
          truePositives++;
          wanted.splice(at, 1);
        }
      }
    }
    const precision = found === 0 ? 1 : truePositives / found;
    const recall = expected === 0 ? 1 : truePositives / expected;
    // Per reply as well: every honest reply accepted, every defective one rejected.
    const accepted = honest.filter((c) => findingsOf(c).length === 0).length;
    const rejected = defective.filter((c) => findingsOf(c).length > 0).length;
    console.info(
      `hand-back corpus: ${cases.length} replies (${honest.length} honest, ${defective.length} defective); ` +
        `findings: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%; ` +
        `replies: ${accepted}/${honest.length} honest accepted, ${rejected}/${defective.length} defective rejected`,
    );
    expect({ precision, recall, accepted, rejected }).toEqual({
      precision: 1,
      recall: 1,
      accepted: honest.length,
      rejected: defective.length,
    });
  });
});

function byPosition(a: string, b: string): number {
  const at = (s: string) => s.split(' ')[1]!.split(':').map(Number) as [number, number];
  const [la, ca] = at(a);
  const [lb, cb] = at(b);
  return la - lb || ca - cb || (a < b ? -1 : a > b ? 1 : 0);
}
