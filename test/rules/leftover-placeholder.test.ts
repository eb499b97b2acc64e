import { describe, expect, it } from 'vitest';
import { leftoverPlaceholder } from '../../src/check/rules/leftover-placeholder.js';
import { runRule } from '../helpers/rules.js';

describe('leftover-placeholder', () => {
  it('passes task boxes, one-letter labels, links and code that legitimately uses the same characters', () => {
    const text = [
      '# Wave',
      '',
      '- [ ] open',
      '- [x] done',
      '- [X] done too',
      '- Option [A] or [B].',
      '- See [API](https://example.org) and [RFC][rfc].',
      "- List names with `docker ps --format '{{.Names}}'` and `grep -rn TODO src/`.",
      '',
      '```sh',
      "docker inspect -f '{{range .Mounts}}{{.Name}} {{end}}' honcho-postgres",
      '```',
      '',
      '[rfc]: https://example.org/rfc',
      '',
    ].join('\n');
    expect(runRule(leftoverPlaceholder, text)).toEqual([]);
  });

  it('reports every kind of leftover at its position', () => {
    const text = [
      '# Wave {{wave}}',
      '',
      'Write the manifest for [MODULE_NAME]. TODO: the volume.',
      '',
      '- Arguments: $ARGUMENTS',
      '- FIXME and ${ARGUMENTS}',
      '- Unrendered in code: `{{compose.project}}`',
      '',
    ].join('\n');
    expect(runRule(leftoverPlaceholder, text)).toEqual([
      'prompts/hand-written.md:1:8 leftover-placeholder leftover placeholder "{{wave}}": a template expression ' +
        'that was never rendered',
      'prompts/hand-written.md:3:24 leftover-placeholder leftover placeholder "[MODULE_NAME]": a ' +
        'fill-in-the-blank that was never filled',
      'prompts/hand-written.md:3:39 leftover-placeholder leftover placeholder "TODO": unfinished text',
      'prompts/hand-written.md:5:14 leftover-placeholder leftover placeholder "$ARGUMENTS": slash-command ' +
        'arguments are not substituted in a prompt',
      'prompts/hand-written.md:6:3 leftover-placeholder leftover placeholder "FIXME": unfinished text',
      'prompts/hand-written.md:6:13 leftover-placeholder leftover placeholder "${ARGUMENTS}": slash-command ' +
        'arguments are not substituted in a prompt',
      'prompts/hand-written.md:7:24 leftover-placeholder leftover placeholder "{{compose.project}}": a ' +
        'template expression that was never rendered',
    ]);
  });

  it(
    'reports a code span that is nothing but a placeholder (a spec value wavec new left to fill), not quoted ' +
      'code that names TODO',
    () => {
      const text = [
        '# Wave',
        '',
        '- Compose project: `apps`, profile `TODO: the compose profile`.',
        '- Search with `grep -rn "TODO:" src/` and `git grep TODO`.',
        '',
        '```sh',
        '# TODO: not a placeholder in a code block',
        '```',
        '',
      ].join('\n');
      expect(runRule(leftoverPlaceholder, text)).toEqual([
        'prompts/hand-written.md:3:37 leftover-placeholder leftover placeholder "TODO": unfinished text',
      ]);
    },
  );

  it('reports an unclosed {{ up to the end of its line', () => {
    expect(runRule(leftoverPlaceholder, 'Run {{#each modules\n')).toEqual([
      'prompts/hand-written.md:1:5 leftover-placeholder leftover placeholder "{{#each modules": a template ' +
        'expression that was never rendered',
    ]);
  });

  it('runs without a spec', () => {
    expect(leftoverPlaceholder.needsSpec).toBe(false);
  });
});
