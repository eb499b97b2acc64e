import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandPlaceholders, parsePlaceholder, placeholdersIn } from '../../src/util/placeholders.js';
import { outputName } from '../../src/load/output-path.js';
import { expandTitle, unknownTitlePlaceholders } from '../../src/schema/pr-title.js';

describe('expandPlaceholders', () => {
  it('inserts values, zero-padded to a written width and never truncated', () => {
    expect(expandPlaceholders('p{phase:02}-w{wave}-{wave:3}', { phase: 2, wave: 4 })).toBe('p02-w4-004');
    expect(expandPlaceholders('{phase:02}', { phase: 123 })).toBe('123');
  });

  it('inserts a value as written, never expanding placeholders inside it again', () => {
    expect(expandPlaceholders('{title} ({subsystem})', { title: '{subsystem}', subsystem: 'web' })).toBe(
      '{subsystem} (web)',
    );
  });

  it('leaves an unknown placeholder as written, or gives it to the caller', () => {
    expect(expandPlaceholders('{stage}-{wave}', { wave: 1 })).toBe('{stage}-1');
    expect(expandPlaceholders('{stage:02}', {}, (p) => `<${p.name}/${p.width}>`)).toBe('<stage/2>');
    // A name an object has by inheritance is no value.
    expect(expandPlaceholders('{constructor}', {})).toBe('{constructor}');
  });
});

describe('placeholders, read and expanded', () => {
  const pattern = fc
    .array(
      fc.oneof(
        fc.constantFrom('{', '}', ':', '-', 'x', '0', '9', '.md'),
        fc.constantFrom('{phase}', '{wave:02}', '{title}', '{a_b:1}', '{:2}', '{x:}'),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));

  it('agree: each placeholder read is one the expander replaces, and nothing else is replaced', () => {
    fc.assert(
      fc.property(pattern, (text) => {
        const found = placeholdersIn(text);
        for (const placeholder of found) expect(parsePlaceholder(placeholder.whole)).toEqual(placeholder);
        const seen: string[] = [];
        const marked = expandPlaceholders(text, {}, (placeholder) => {
          seen.push(placeholder.whole);
          return placeholder.whole;
        });
        expect(marked).toBe(text);
        expect(seen).toEqual(found.map((placeholder) => placeholder.whole));
      }),
    );
  });
});

describe('the callers', () => {
  it('output_name and the PR title expand alike, and each refuses the names it does not take', () => {
    expect(outputName('phase-{phase:02}-wave-{wave}.md', { phase: 2, wave: 4 })).toBe('phase-02-wave-4.md');
    expect(
      expandTitle('Phase {phase:02} wave {wave}', { phase: 2, wave: 4, title: 't', subsystem: 's', agent: 'a' }),
    ).toBe('Phase 02 wave 4');
    expect(() => outputName('{title}-{wave}.md', { phase: 1, wave: 1 })).toThrow('unknown placeholder {title}');
    expect(unknownTitlePlaceholders('{phase:02} {stage} {wave} {x:3}')).toEqual(['stage', 'x']);
  });
});
