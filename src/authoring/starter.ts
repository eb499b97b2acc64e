/**
 * The files `wavec init` writes besides the editor schemas (generated) and,
 * with `--eject`, copies of the package's fragments. Kept small
 * and generic: a newcomer replaces them, wavec only needs them to compile.
 */

/** The layout and charter role map the starter config names (the derived required_sections follow them). */
export const STARTER_LAYOUT = 'master-prompt';
export const STARTER_CHARTER_ROLES: Readonly<Record<string, number>> = { deploy: 1, secrets: 2, honesty: 3 };

/** Where `wavec init` writes the charter stub. */
export const STARTER_CHARTER_PATH = 'charter/PLATFORM_CHARTER.md';

const STUB_CHARTER_BLOCK = `# A stub: point this at your real charter, whose "§N" headings wave specs cite.
charter: ${STARTER_CHARTER_PATH}
# Which charter section plays each role the fragments cite ({{charter "deploy"}}
# prints the deploy section's number): point each role at the section of your
# charter that plays it.
charter_roles:
${Object.entries(STARTER_CHARTER_ROLES)
  .map(([role, section]) => `  ${role}: ${section}\n`)
  .join('')}`;

/**
 * The config's charter lines for a charter the user already has (\`init --charter\`): the roles proposed from its
 * headings, to confirm, and a comment naming each role no heading suggested.
 */
export function ownCharterBlock(
  charterPath: string,
  proposed: Readonly<Record<string, number>>,
  unproposed: readonly string[],
): string {
  const mapped = Object.entries(proposed);
  return (
    `# Your charter; wave specs cite its "§N" headings.\n` +
    `charter: ${JSON.stringify(charterPath)}\n` +
    "# Proposed by wavec init from the charter's headings: confirm that each role\n" +
    '# the fragments cite ({{charter "deploy"}}) points at the section that plays it.\n' +
    unproposed
      .map((role) => `# No heading suggested a section for "${role}": map it (role: section number).\n`)
      .join('') +
    (mapped.length === 0
      ? 'charter_roles: {}\n'
      : `charter_roles:\n${mapped.map(([role, section]) => `  ${role}: ${section}\n`).join('')}`)
  );
}

/** The starter config with the given charter lines (the stub's by default). */
export function starterConfig(charterBlock: string = STUB_CHARTER_BLOCK): string {
  return STARTER_CONFIG_TEMPLATE.replace('{{charter lines}}\n', () => charterBlock);
}

const STARTER_CONFIG_TEMPLATE = `# yaml-language-server: $schema=./schemas/wavec-config.schema.json
# wavec workspace configuration. Every key is optional; the values below are
# the defaults. See the wavec README ("Configuration") for what each does.
# Your fragments: only those you add, or copy from wavec's library to
# override (\`wavec eject ID\`). Unset, a missing templates/ means none.
# templates_dir: templates
waves_dir: waves
output_dir: prompts
output_name: phase-{phase:02}-wave-{wave}.md
{{charter lines}}
layout: master-prompt
# The agent the prompts are written for: codex, claude-code, or one of your own
# under \`agents:\` (see the README, "Agents"). It gives the name the prompt
# addresses, the trigger command, the branch prefix, and the encoding and
# budget when they are not set here.
agent: codex
# Who the prompts name as the person who reviews, merges, deploys and
# confirms, as it reads in a sentence (default: the operator).
# operator: the operator
# encoding: o200k_base
# budget:
#   max_tokens: 6000
#   max_lines: 400
#   reserve_tokens: 0
`;

export const STARTER_CONFIG = starterConfig();

export const STARTER_CHARTER = `# Platform charter (stub)

> Written by \`wavec init\`. Replace it with your platform's charter, or point
> \`charter:\` in wavec.config.yaml at the real one. wavec reads only the
> \`§N\` headings: wave specs cite sections by number, and a citation of a
> section that does not exist is an error. The fragments cite sections by
> role (deploy, secrets, honesty); \`charter_roles\` in wavec.config.yaml says
> which section plays each.

## §1 Deploy flow

Every runtime change goes through a merged PR and the operator's deploy
step. Agents write manifests and runbooks; they do not deploy.

## §2 Secrets

Secrets live in the secret store. Manifests name them; they never hold them.

## §3 Honest reporting

Report what you verified, what you assumed and what you could not check.
Never present an assumption as a finding.
`;

export const STARTER_WAVE = `# yaml-language-server: $schema=../../schemas/wave-spec.schema.json
# Phase 01 wave 1, written by \`wavec init\`: a small, generic first wave.
# Replace the example module with one of yours and compile it with
# \`wavec compile 1\`; start the next wave with \`wavec new 2\`.
phase: 1
wave: 1
title: First manifest
subsystem: web
compose:
  project: apps
predecessor: null

mission: >-
  Write the manifest and the runbook of one stateless service, \`web\`, and
  open one PR for it. Nothing that runs is changed.

why:
  stakes: >-
    A manifest is what lets the operator rebuild a service after losing the
    host, and the first one sets the format every later wave follows.
  reasons:
    - One stateless service is the smallest complete example of the format.

modules:
  - id: web
    pattern: stateless-api
    kind: service
    exposure: as configured in its compose labels (verify them)

hard_constraints:
  add: [read-only-audit, no-secrets, no-merge, one-pr-per-module]

charter_refs:
  - section: 1
    why: manifests and runbooks only; nothing is deployed by this wave.
  - section: 3
    why: every claim is labelled verified, assumed or unknown.

hand_back:
  merge_gate: The operator owns the merge gate.

budget:
  max_tokens: 3000
  max_lines: 200

# Without trigger.commands, the prompt shows the agent's own command line (see
# \`agent\` in wavec.config.yaml); list commands here to run it otherwise.
trigger: {}
`;

/**
 * The starter wave citing the given charter's deploy and honesty sections (the stub's by default). A role with no
 * section is left commented out, to be filled in: the stub's number could name another section of a real charter,
 * which would compile as a citation of the wrong rule.
 */
export function starterWave(roles: Readonly<Record<string, number>> = STARTER_CHARTER_ROLES): string {
  const cited: Record<string, { role: string; section: number | undefined }> = {
    [STARTER_CHARTER_ROLES.deploy!]: { role: 'deploy', section: roles.deploy },
    [STARTER_CHARTER_ROLES.honesty!]: { role: 'honesty', section: roles.honesty },
  };
  return STARTER_WAVE.replace(
    /^( {2}- section: )(\d+)\n( {4}why: .*)$/gm,
    (ref, key: string, n: string, why: string) => {
      const citation = cited[n];
      if (!citation) return ref;
      if (citation.section !== undefined) return `${key}${citation.section}\n${why}`;
      return (
        `  # The charter's ${citation.role} section: no heading suggested one (see charter_roles).\n` +
        `  # - section: N\n  #   ${why.trimStart()}`
      );
    },
  );
}
