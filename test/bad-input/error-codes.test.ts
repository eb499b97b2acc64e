import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/workspace.js';

// Every diagnostic code the source can emit is documented: input errors in
// docs/errors.md, prompt rules in docs/rules.md. A new code without a row
// fails here.

/**
 * The ways a code is written in src/: diagnostic('x', …), diagnostic(c ? 'x' : 'y', …), fail('x', …),
 * refuse('x', …), validate(S, y, 'x'), { code: 'x' }.
 */
const CODE_PATTERNS = [
  /\bdiagnostic\(\s*'([a-z0-9-]+)'/g,
  /\bdiagnostic\(\s*[\w.]+\s*\?\s*'([a-z0-9-]+)'\s*:\s*'([a-z0-9-]+)'/g,
  /\b(?:fail|refuse)\(\s*'([a-z0-9-]+)'/g,
  /\bvalidate\([^()]*,\s*'([a-z0-9-]+)'\)/g,
  /\bcode:\s*'([a-z0-9-]+)'/g,
];
/** zod's issue code, not a diagnostic. */
const NOT_DIAGNOSTICS = new Set(['custom']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of CODE_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        for (const code of match.slice(1)) {
          if (code !== undefined && !NOT_DIAGNOSTICS.has(code) && !found.has(code))
            found.set(code, path.relative(REPO_ROOT, file));
        }
      }
    }
  }
  return found;
}

const documented = (doc: string) =>
  new Set(
    [...readFileSync(path.join(REPO_ROOT, 'docs', doc), 'utf8').matchAll(/`([a-z0-9-]+)`|^## ([a-z0-9-]+)$/gm)].map(
      (m) => m[1] ?? m[2]!,
    ),
  );

describe('diagnostic codes', () => {
  it('are each documented in docs/errors.md or docs/rules.md', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThan(50);
    const known = new Set([...documented('errors.md'), ...documented('rules.md')]);
    const undocumented = [...codes].filter(([code]) => !known.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(undocumented).toEqual([]);
  });

  it('finds the codes this suite relies on, so the scan itself cannot silently miss them', () => {
    const codes = codesInSource();
    for (const code of [
      'yaml-too-deep',
      'template-missing-field',
      'template-render',
      'spec-invalid',
      'file-encoding',
      'output-write-failed',
      'markdown-too-deep',
      'pr-plan-total',
      'budget-tokens',
    ]) {
      expect(codes.has(code)).toBe(true);
    }
  });

  it('in docs/errors.md each have exactly one row', () => {
    const rows = [
      ...readFileSync(path.join(REPO_ROOT, 'docs/errors.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm),
    ].map((m) => m[1]!);
    expect(rows.filter((code, i) => rows.indexOf(code) !== i)).toEqual([]);
  });
});
