import type { FragmentLibrary } from '../load/fragments.js';
import type { FragmentRole } from '../schema/fragment-roles.js';
import type { HeadingInfo } from '../syntax/markdown.js';
import type { PromptView } from './prompt-view.js';
import type { CompileFacts, PromptUnderCheck } from './rule.js';
import { LastKey } from '../util/bounded-cache.js';

/**
 * Where the fragments of each role wrote in a prompt, read off its line
 * owners and the fragments' declared roles: the heading a role's fragment
 * wrote (its section), and the lines it wrote. Nothing here reads heading
 * text, so a retitled heading is found all the same. A prompt without line
 * owners (written by hand) has no roles.
 */
export class RoleSections {
  private readonly rolesByLine: (FragmentRole | undefined)[];

  constructor(
    private readonly view: PromptView,
    prompt: PromptUnderCheck,
    fragments: FragmentLibrary | undefined,
  ) {
    const owners = prompt.lineOwners ?? [];
    this.rolesByLine = owners.map((id) => fragments?.get(id)?.meta.role);
  }

  /** The role of the fragment that wrote a 1-based line, if it declares one. */
  roleOfLine(line: number): FragmentRole | undefined {
    return this.rolesByLine[line - 1];
  }

  /** The first heading (of at most `maxDepth`) written by a fragment of this role: that role's section. */
  heading(role: FragmentRole, maxDepth = 2): HeadingInfo | undefined {
    return this.view.headings.find((h) => h.depth <= maxDepth && this.roleOfLine(h.line) === role);
  }

  /** Where a role's section starts, or the top of the prompt when it has none. */
  headingOrTop(role: FragmentRole): { file: string; line: number; column: number } {
    const heading = this.heading(role);
    return { file: this.view.prompt.path, line: heading?.line ?? 1, column: heading?.column ?? 1 };
  }

  /** The text of a role's section, from its heading to the next heading of the same or a higher level. */
  sectionText(role: FragmentRole): string | undefined {
    const heading = this.heading(role);
    return heading ? this.view.sectionText(heading) : undefined;
  }

  /** Whether an offset lies in the section a fragment of this role headed. */
  inSection(role: FragmentRole, offset: number): boolean {
    const heading = this.heading(role);
    if (!heading || offset < heading.offset) return false;
    const section = this.view.sectionAt(offset, heading.depth);
    return section === heading;
  }
}

const cache = new LastKey<PromptView, RoleSections>();

/** The role sections of a prompt, shared by the rules of one check run. */
export function roleSectionsOf(
  view: PromptView,
  prompt: PromptUnderCheck,
  compiled: CompileFacts | undefined,
): RoleSections {
  let sections = cache.get(view);
  if (!sections) cache.set(view, (sections = new RoleSections(view, prompt, compiled?.workspace.fragments)));
  return sections;
}
