/**
 * What a fragment is for, declared in its front matter (`role:`): rules and
 * commands find a section by the role of the fragment that wrote it, never by
 * its heading text, so a user may retitle any heading of their own fragments.
 * One closed list: a role is added here with what it means.
 */
export const FRAGMENT_ROLES = {
  mission: 'What the agent is asked to do in this wave, and who it is.',
  why: 'Why this wave exists.',
  scope: 'What changed in scope and what is out.',
  'charter-references': 'The charter sections the wave must honour.',
  'quality-bar': 'The merged PRs that set the bar.',
  'new-patterns': 'The patterns this wave uses that no earlier wave did.',
  'hard-constraints':
    'The hard constraints in force: every one must appear in this section, and destructive commands named in it are ' +
    'prohibitions, not steps.',
  'before-you-start': 'The checks before any work starts.',
  modules: 'One subsection per module of the wave.',
  'cross-module-tasks': 'The tasks that change a file shared by several modules.',
  workflow: 'The loop every module goes through.',
  'pr-plan': 'The PRs the wave opens.',
  verification: 'The checklist each PR is verified against.',
  honesty: 'How the agent labels its claims (verified, assumed, unknown).',
  'stop-conditions': 'When to stop and escalate.',
  'hand-back': 'What the agent replies with when it is done.',
  trigger: 'How the run is started.',
  'restore-procedure':
    "An operator's restore procedure, written into a runbook as steps the agent never runs: the only text where " +
    'destructive database commands are exempt from the destructive-command rule, and only on its own lines.',
} as const satisfies Record<string, string>;

export type FragmentRole = keyof typeof FRAGMENT_ROLES;

export const FRAGMENT_ROLE_NAMES = Object.keys(FRAGMENT_ROLES) as [FragmentRole, ...FragmentRole[]];
