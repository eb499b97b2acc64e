/** What wavec measures of a prompt (analyse/ measures it); compile, lint, report and every output format carry it. */
export interface SectionStats {
  /** Heading text without the `#` marks. */
  title: string;
  depth: number;
  /** 1-based line of the heading. */
  line: number;
  /** Last line of the section (before the next heading of the same or a higher level). */
  endLine: number;
  lines: number;
  tokens: number;
  /** True when nothing but blank lines follows the heading. */
  empty: boolean;
}

export interface FragmentStats {
  id: string;
  file: string;
  lines: number;
  tokens: number;
}

export interface PromptStats {
  lines: number;
  tokens: number;
  encoding: string;
  sections: SectionStats[];
  /** Only for compiled prompts: where the lines and tokens came from. */
  fragments: FragmentStats[];
}
