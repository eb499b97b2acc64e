import { findHiddenCharacters, formatCodePoint, hiddenKind } from '../util/hidden-characters.js';
import { longRun, MARKDOWN_LIMITS } from '../syntax/markdown-limits.js';
import { diagnostic, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../syntax/yaml.js';
import { stringLeaves } from '../util/string-leaves.js';
import { atxHeading, fenceOpening, setextUnderline } from '../syntax/markdown-lines.js';
import { formatPath } from './validate.js';

/**
 * Spec text is data: the prompt prints it as written, so a value must not be
 * able to create structure there (a heading, a fence, front matter, an HTML
 * comment) nor carry characters a reviewer cannot see or that corrupt the
 * text (controls, private-use characters wavec reserves, lone surrogates).
 * One rule for every string of a spec, checked on the parsed YAML so that a
 * `"\0"` escape is caught as well as a raw character.
 */

/** Keys whose values are one line: a newline in them is a control character like any other. */
const SINGLE_LINE_KEYS = new Set([
  '$schema',
  'title',
  'subsystem',
  'layout',
  'id',
  'pattern',
  'project',
  'profile',
  'image',
  'file',
  'branch_prefix',
  'exposure',
  'similar_to',
  'heading',
]);

/**
 * The Markdown structure a line of spec text would open in the prompt, if any: an ATX heading, a code fence, front
 * matter or a thematic break, an HTML comment, a setext underline (`===`, when a line precedes it). At any
 * indentation: the value may be printed inside a list item.
 */
function structureOpened(line: string, first: boolean): string | undefined {
  const content = line.replace(/^[ \t]+/, '');
  if (atxHeading(content)) return 'a heading';
  if (fenceOpening(content)) return 'a code fence';
  if (content.startsWith('---')) return 'front matter or a thematic break';
  if (content.startsWith('<!--')) return 'an HTML comment';
  if (!first && setextUnderline(content) === 1) return 'a heading underline';
  return undefined;
}

export function inertTextDiagnostics(yaml: YamlSource, sourceText = ''): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const { path, value } of stringLeaves(yaml.value)) {
    const problem = textProblem(
      value,
      sourceText,
      SINGLE_LINE_KEYS.has(String(path.findLast((segment) => typeof segment === 'string') ?? '')),
    );
    if (problem)
      found.push(
        diagnostic(problem.code, 'error', `${formatPath(path)}: ${problem.message}`, yaml.locate(path), {
          hint: problem.hint,
        }),
      );
  }
  return found;
}

interface TextProblem {
  code: Code;
  message: string;
  hint: string;
}

/** What is wrong with one spec string, or undefined when it is inert. */
function textProblem(text: string, sourceText: string, singleLine: boolean): TextProblem | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const bad = badCharacter(text, i, unit, singleLine);
    if (bad === undefined) {
      if (unit >= 0xd800 && unit <= 0xdbff) i++;
      continue;
    }
    return {
      code: 'spec-text-character',
      message: `${bad} at character ${i + 1} of the value; spec text reaches the prompt as written`,
      hint: bad.startsWith('U+000A')
        ? 'this value is one line: remove the line break'
        : 'remove it (a YAML escape such as "\\0" or "\\x01" writes one)',
    };
  }
  // Zero-width, bidirectional, separator and tag characters, and runs of variation selectors: the one table's.
  // One written as is in the file is reported there, at its column (`source-hidden-character`); an escape only here.
  const hidden = findHiddenCharacters(text).find(
    (c) => !sourceText.includes(text.slice(c.offset, c.offset + (c.codePoint > 0xffff ? 2 : 1))),
  );
  if (hidden) {
    return {
      code: 'spec-text-character',
      message:
        `hidden character ${hidden.label} at character ${hidden.offset + 1} of the value; ` +
        'spec text reaches the prompt as written',
      hint: 'remove it (a YAML escape such as "\\u200B" writes one)',
    };
  }
  const run = longRun(text);
  if (run) {
    return {
      code: 'spec-text-run',
      message:
        `a run of ${run.length} characters without a break at character ${run.offset + 1} of the value ` +
        `(the limit is ${MARKDOWN_LIMITS.maxRun}); the prompt could not be analysed`,
      hint: 'break the text with spaces, or shorten it',
    };
  }
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const structure = structureOpened(lines[n]!, n === 0);
    if (!structure) continue;
    const shown = lines[n]!.trim().slice(0, 40);
    return {
      code: 'spec-text-structure',
      message:
        `line ${n + 1} of the value ("${shown}") would start ${structure} in the prompt; ` +
        'spec text is printed as written and cannot create structure',
      hint: 'reword the line so it does not start with Markdown syntax (structure belongs in the fragments)',
    };
  }
  return undefined;
}

function badCharacter(text: string, i: number, unit: number, singleLine: boolean): string | undefined {
  if (unit === 0x09) return undefined;
  if (unit === 0x0a) return singleLine ? 'U+000A LINE FEED' : undefined;
  // A carriage return in a parsed value came from an escape: the files themselves are read with LF line ends.
  if (unit === 0x0d) return `control character ${formatCodePoint(unit)}`;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return `unpaired surrogate ${formatCodePoint(unit)}`;
  } else if (unit >= 0xdc00 && unit <= 0xdfff) return `unpaired surrogate ${formatCodePoint(unit)}`;
  const codePoint = text.codePointAt(i)!;
  const kind = hiddenKind(codePoint);
  if (kind === 'control') return `control character ${formatCodePoint(codePoint)}`;
  if (kind === 'private-use') return `private-use character ${formatCodePoint(codePoint)}`;
  return undefined;
}
