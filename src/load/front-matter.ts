import { diagnostic, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Splits `---` YAML front matter from a Markdown body. Written here rather
 * than taken from gray-matter because gray-matter evaluates `---js` front
 * matter (CVE-2022-25863), caches a failed parse and returns empty data the
 * next time, and treats an unclosed block as "the rest of the file". Each of
 * those is an error here.
 */
export interface FrontMatterSplit {
  /** The YAML between the fences. */
  yaml: string;
  /** 1-based file line on which the YAML starts. */
  yamlFirstLine: number;
  body: string;
  /** 1-based file line on which the body starts. */
  bodyFirstLine: number;
}

export type FrontMatterResult = { ok: true; split: FrontMatterSplit } | { ok: false; diagnostics: Diagnostic[] };

const OPENING = /^---([^\n]*)$/;

export function splitFrontMatter(text: string, file: string): FrontMatterResult {
  const firstNewline = text.indexOf('\n');
  const firstLine = firstNewline === -1 ? text : text.slice(0, firstNewline);
  const opening = OPENING.exec(firstLine);
  if (!opening) {
    return fail('front-matter-missing', 'expected YAML front matter starting with "---" on line 1', file, 1, 1);
  }
  const language = opening[1]!.trim();
  if (language !== '') {
    return fail(
      'front-matter-language',
      `front matter in "${language}" is not supported: ` +
        'only YAML front matter ("---") is read, and it is never executed',
      file,
      1,
      4,
    );
  }

  const lines = text.split('\n');
  const closing = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  if (closing === -1) {
    return fail('front-matter-unclosed', 'front matter opened on line 1 is never closed with "---"', file, 1, 1);
  }
  return {
    ok: true,
    split: {
      yaml: lines.slice(1, closing).join('\n'),
      yamlFirstLine: 2,
      body: lines.slice(closing + 1).join('\n'),
      bodyFirstLine: closing + 2,
    },
  };
}

function fail(code: Code, message: string, file: string, line: number, column: number): FrontMatterResult {
  return { ok: false, diagnostics: [diagnostic(code, 'error', message, { file, line, column })] };
}
