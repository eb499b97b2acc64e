import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { topLevelHeadings } from '../syntax/outline.js';
import type { SourceFile } from './read-source.js';
import { hiddenCharacterDiagnostics, markdownLimitDiagnostics } from './source-checks.js';

export interface CharterSection {
  number: number;
  title: string;
  line: number;
  column: number;
}

export interface Charter {
  file: SourceFile;
  /** By § number. */
  sections: ReadonlyMap<number, CharterSection>;
}

/** `## §3 Deploy flow`, `## § 13. Wakeup honesty`, `### §6: Backups`. */
const SECTION_HEADING = /^§\s*(\d+)\s*[.:)-]?\s*(.*)$/;

/**
 * Reads the charter's `§N` headings. The charter itself is the operator's
 * document: wavec only needs to know which sections exist and their titles,
 * so that a reference to §14 can be caught before an agent goes looking.
 */
export function readCharter(file: SourceFile): { charter: Charter; diagnostics: Diagnostic[] } {
  const sections = new Map<number, CharterSection>();
  if (file.text.trim() === '') {
    return {
      charter: { file, sections },
      diagnostics: [
        diagnostic(
          'charter-empty',
          'error',
          `${file.path} is empty: charter references need its § headings`,
          fileStart(file.path),
        ),
      ],
    };
  }
  const tooComplex = markdownLimitDiagnostics(file.path, file.text);
  if (tooComplex.length > 0) return { charter: { file, sections }, diagnostics: tooComplex };
  // Its titles reach the prompt and the agent reads the charter itself: a hidden character is an error here too.
  const diagnostics: Diagnostic[] = hiddenCharacterDiagnostics(file.path, file.text);
  for (const heading of topLevelHeadings(file.text)) {
    const match = SECTION_HEADING.exec(heading.text);
    if (!match) continue;
    const number = Number(match[1]);
    const existing = sections.get(number);
    if (existing) {
      diagnostics.push(
        diagnostic(
          'charter-duplicate-section',
          'error',
          `§${number} is defined twice in the charter`,
          { file: file.path, line: heading.line, column: heading.column },
          {
            related: { message: 'first defined here', file: file.path, line: existing.line, column: existing.column },
          },
        ),
      );
      continue;
    }
    sections.set(number, { number, title: match[2]!.trim(), line: heading.line, column: heading.column });
  }
  return { charter: { file, sections }, diagnostics };
}
