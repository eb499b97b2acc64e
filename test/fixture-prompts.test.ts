import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { compileWave } from '../src/compile.js';
import { lintPrompt } from '../src/lint.js';
import { exampleWaves } from './helpers/example.js';
import { line } from './helpers/rules.js';
import { fixtureRoot, REPO_ROOT } from './helpers/workspace.js';

/**
 * The fragment library serves any wave, not only the one it was first
 * written for: a subsystem unlike Honcho (fixture `monitoring`, with pattern
 * and constraint fragments of its own) compiles clean and carries no text of
 * another subsystem, and no compiled prompt anywhere has a hole where a
 * value was missing.
 */
const MONITORING = fixtureRoot('monitoring');

/** Words that belong to the example's subsystems (Honcho, n8n, vaultwarden, …), never to a metrics stack. */
const OTHER_SUBSYSTEMS = [
  'Honcho',
  'Iskra',
  'pgvector',
  'n8n',
  'vaultwarden',
  'uptime-kuma',
  'home-platform',
  'iskra-platform',
  'OPEN_LOOPS',
  'redis',
  'postgres',
  'wave 3',
  'wave 4',
];

describe('a subsystem unlike Honcho (fixture monitoring)', () => {
  it('compiles and lints clean, with its own patterns and the constraint they imply', async () => {
    const result = await compileWave(MONITORING, { wave: 1 });
    expect(result.diagnostics.map(line)).toEqual([]);
    const text = result.prompt!.text;
    expect(text).toContain('**Manifest (time-series store).**');
    expect(text).toContain('**Manifest (metrics scraper).**');
    expect(text).toContain('- **DO NOT delete series or shorten retention** on `victoriametrics`: no delete API call');
    expect((await lintPrompt(MONITORING, { path: 'prompts/phase-01-wave-1.md' }, { drift: true })).diagnostics).toEqual(
      [],
    );
  });

  it('carries no text of another subsystem', async () => {
    const { prompt } = await compileWave(MONITORING, { wave: 1 });
    const lower = prompt!.text.toLowerCase();
    expect(OTHER_SUBSYSTEMS.filter((word) => lower.includes(word.toLowerCase()))).toEqual([]);
  });
});

/** Every compiled prompt there is: each fixture's (prepared by the test setup) and the live example's. */
function compiledPrompts(): [string, string][] {
  const found: [string, string][] = [];
  for (const [name, root] of Object.entries(inject('fixtureRoots')).sort()) {
    for (const file of readdirSync(path.join(root, 'prompts'))
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      found.push([`fixture ${name}: ${file}`, readFileSync(path.join(root, 'prompts', file), 'utf8')]);
    }
  }
  for (const wave of exampleWaves()) {
    const file = `prompts/phase-${String(wave.phase).padStart(2, '0')}-wave-${wave.wave}.md`;
    found.push([`example: ${file}`, readFileSync(path.join(REPO_ROOT, file), 'utf8')]);
  }
  return found;
}

/**
 * Traces a missing value leaves in rendered text: a preposition before
 * punctuation (`of :`), empty brackets, an empty code span, a doubled space
 * between words, a space before a comma or full stop. Code blocks are
 * skipped: they hold commands as written.
 */
const HOLES: [string, RegExp][] = [
  [
    'a word with nothing after it',
    /\b(?:of|on|in|for|from|to|by|with|at|the|and|or|wave|phase|PR|module|modules)\s+[:;,.)](?!\w)/,
  ],
  ['empty brackets', /\(\s*\)|\[\s*\]/],
  ['an empty code span', /(?<!`)`\s*`(?!`)/],
  ['a doubled space between words', /\S {2,}\S/],
  ['a space before punctuation', /\S [,.;:](?:\s|$)/],
];

function holesIn(text: string): string[] {
  const found: string[] = [];
  let fenced = false;
  text.split('\n').forEach((lineText, i) => {
    if (/^\s*(```|~~~)/.test(lineText)) fenced = !fenced;
    if (fenced || /^\s*(```|~~~)/.test(lineText)) return;
    const prose = lineText.replace(/^\s*(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s+)?/, '').replace(/^\|.*\|$/, '');
    for (const [what, pattern] of HOLES) {
      const match = pattern.exec(prose);
      if (match) found.push(`line ${i + 1}: ${what}: ${JSON.stringify(match[0])} in ${JSON.stringify(lineText)}`);
    }
  });
  return found;
}

describe('no compiled prompt has a hole where a value was', () => {
  it('finds the holes it looks for', () => {
    expect(
      holesIn('**DO NOT skip the pgvector verification** in the runbook of : `CREATE EXTENSION vector`').length,
    ).toBeGreaterThan(0);
    expect(holesIn('Compose project: ``.')).toEqual(['line 1: an empty code span: "``" in "Compose project: ``."']);
    expect(holesIn('- Predecessor: wave 3 (), prompt.')).toEqual([
      'line 1: empty brackets: "()" in "- Predecessor: wave 3 (), prompt."',
    ]);
    expect(holesIn('Run  before the restore.')).toEqual([
      'line 1: a doubled space between words: "n  b" in "Run  before the restore."',
    ]);
    expect(holesIn('the runbook of , then')).toEqual([
      'line 1: a word with nothing after it: "of ," in "the runbook of , then"',
      'line 1: a space before punctuation: "f , " in "the runbook of , then"',
    ]);
    expect(holesIn('```sh\nrm -rf  x\n```\n| a | b |\n1. Ordinary text, `code` and (a remark).')).toEqual([]);
  });

  it.each(compiledPrompts())('%s', (_name, text) => {
    expect(holesIn(text)).toEqual([]);
  });
});
