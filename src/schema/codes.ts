/**
 * Every diagnostic code wavec reports, each listed once: its default
 * severity, where the docs list it, what to do about it and an example of
 * the message it gives. `Code` is the closed set: `diagnostic()` and a
 * rule's `code` take nothing else, so a code missing here is a type error.
 * docs/errors.md's tables and docs/rules.md's index are generated from this
 * table (`npm run docs`), and a test runs every example.
 */

/** The tables of docs/errors.md, in their order: problems in the files a user edits, or met writing a file. */
export const INPUT_GROUPS = [
  'reading',
  'yaml',
  'front-matter',
  'validation',
  'composition',
  'templates',
  'markdown',
  'writing',
  'commands',
  'handback',
] as const;
export type InputGroup = (typeof INPUT_GROUPS)[number];

/** The checks of a prompt (docs/rules.md): each can be turned down or off under `rules:` in the config. */
export type RuleGroup = 'prompt-rule' | 'phase-rule';

export interface CodeExample {
  /** The message, exactly as the example's input produces it. */
  message: string;
  /** Where or when, when the message alone does not say. */
  context?: string;
}

interface Documented {
  severity: 'error' | 'warning' | 'info';
  /** What the code means and what to do about it: one line of Markdown. */
  summary: string;
}

/** A problem in the inputs: a row of docs/errors.md with examples, or a reason no input can produce it. */
interface InputCode extends Documented {
  group: InputGroup;
  examples?: readonly [CodeExample, ...CodeExample[]];
  /** Why no input produces the code (a guard against a wavec bug): instead of examples. */
  unreachable?: string;
}

/** A rule: a section of docs/rules.md, with its examples there. */
interface RuleCodeEntry extends Documented {
  group: RuleGroup;
  /** The same code reporting a problem in the inputs, where the spec says what the prompt would: its errors.md row. */
  inputs?: { group: InputGroup; summary: string; examples: readonly [CodeExample, ...CodeExample[]] };
}

export type CodeEntry = InputCode | RuleCodeEntry;

export const CODES = {
  'file-not-found': {
    severity: 'error',
    group: 'reading',
    summary: 'Create the file, or fix the path in `wavec.config.yaml`.',
    examples: [{ message: 'file not found: charter/PLATFORM_CHARTER.md' }],
  },
  'file-too-large': {
    severity: 'error',
    group: 'reading',
    summary: 'Split the file; raise `max_file_bytes` only if it really must be that large.',
    examples: [{ message: 'templates/sections/mission.md is 80062 bytes; the limit is 65536 bytes' }],
  },
  'file-binary': {
    severity: 'error',
    group: 'reading',
    summary: 'Replace it with the text it should be.',
    examples: [{ message: 'templates/sections/mission.md is a binary file (it contains NUL bytes)' }],
  },
  'file-encoding': {
    severity: 'error',
    group: 'reading',
    summary: 'Save the file as UTF-8; the position is the first bad byte. A BOM and CRLF line endings are fine.',
    examples: [{ message: 'templates/sections/mission.md is not valid UTF-8 (at byte 64)' }],
  },
  'path-outside-workspace': {
    severity: 'error',
    group: 'reading',
    summary:
      'Keep every input and output inside the workspace. Paths in the config are checked as written; links are ' +
      'checked after resolving their real path.',
    examples: [
      {
        message: 'templates/sections/shared.md resolves outside the workspace (/tmp/x/outside/shared.md)',
        context: 'a fragment that is a link to a file outside',
      },
      {
        message:
          'output_dir "../elsewhere" is outside the workspace: paths in wavec.config.yaml are relative to it and ' +
          'stay inside',
        context: '`output_dir` in the config',
      },
    ],
  },
  'templates-not-found': {
    severity: 'error',
    group: 'reading',
    summary: 'Create the folder or fix `templates_dir` (set, it must exist: a typo would hide every override).',
    examples: [{ message: 'templates folder not found: fragments' }],
  },
  'templates-folder-link': {
    severity: 'error',
    group: 'reading',
    summary: 'Move or copy the fragments into the templates folder (a folder link can loop or lead out).',
    examples: [
      {
        message:
          'templates/sections/patterns is a link to a folder; wavec does not follow folder links in the fragment ' +
          'library',
      },
    ],
  },
  'source-hidden-character': {
    severity: 'error',
    group: 'reading',
    summary:
      'Delete it. Controls, zero-width characters and fillers, bidirectional controls, U+2028/U+2029, private-use ' +
      'and tag characters and runs of variation selectors are all errors, in specs, fragments and the charter alike; ' +
      'a zero-width joiner inside an emoji and one variation selector after a character are allowed.',
    examples: [{ message: 'hidden character U+200B ZERO WIDTH SPACE: a reviewer does not see it, the agent reads it' }],
  },
  'file-not-regular': {
    severity: 'error',
    group: 'reading',
    summary:
      'Put a regular file there. Every input, prompt, sidecar and excerpt is opened without blocking and checked on ' +
      'the open file before anything is read, so a FIFO or a device never hangs a command; a sidecar that is a ' +
      'folder is this error, not "no sidecar".',
    examples: [
      { message: 'templates/sections/notes.md is a FIFO, not a regular file; wavec reads only regular files' },
      {
        message: '/dev/zero is a character device, not a regular file; wavec reads only regular files',
        context: '`wavec lint /dev/zero`',
      },
    ],
  },
  'file-unreadable': {
    severity: 'error',
    group: 'reading',
    summary: 'Fix what stops it being read: its permissions, a link that loops.',
    examples: [
      {
        message: 'loop.md cannot be read (ELOOP: too many symbolic links encountered)',
        context: 'a reply that is a link to itself',
      },
    ],
  },
  'yaml-syntax': {
    severity: 'error',
    group: 'yaml',
    summary:
      'Fix the YAML at the position given. Tags are never resolved to code or to YAML 1.1 types (`!!binary`, ' +
      '`!!timestamp`): write plain values. At most 50 aliases per document.',
    examples: [
      { message: 'Map keys must be unique (DUPLICATE_KEY)' },
      { message: 'Unresolved tag: tag:yaml.org,2002:js/function (TAG_RESOLVE_FAILED)' },
      {
        message: 'YAML could not be read: Excessive alias count indicates a resource exhaustion attack',
        context: 'more than 50 aliases',
      },
    ],
  },
  'yaml-multiple-documents': {
    severity: 'error',
    group: 'yaml',
    summary: 'Remove the second `---` and what follows, or merge it into the first.',
    examples: [{ message: 'expected one YAML document, found a second one' }],
  },
  'yaml-forbidden-key': {
    severity: 'error',
    group: 'yaml',
    summary: 'Rename the key; `__proto__`, `constructor` and `prototype` are refused everywhere.',
    examples: [{ message: 'the key "__proto__" is not allowed (it names an object prototype)' }],
  },
  'yaml-complex-key': {
    severity: 'error',
    group: 'yaml',
    summary: 'Use a plain scalar as the key.',
    examples: [{ message: 'a mapping key must be a plain value, not a list or a mapping' }],
  },
  'yaml-comment-in-value': {
    severity: 'error',
    group: 'yaml',
    summary:
      'YAML starts a comment at any ` #`; a `#` glued to its text after a plain value (`PR #29`) is almost always ' +
      'meant as part of the value. Quote the value, or put a space after the `#` if it really is a comment.',
    examples: [{ message: '"#29)" starts a YAML comment, so this value ends at "First manifest (PR"' }],
  },
  'yaml-too-deep': {
    severity: 'error',
    group: 'yaml',
    summary: 'Flatten the structure; a spec needs five or six levels.',
    examples: [{ message: 'lists and mappings are nested more than 64 levels deep' }],
  },
  'yaml-too-large': {
    severity: 'error',
    group: 'yaml',
    summary: 'Split the content; a wave spec is under 10,000 characters.',
    examples: [{ message: 'YAML is 72123 characters long; wavec reads YAML documents of up to 65536 characters' }],
  },
  'front-matter-missing': {
    severity: 'error',
    group: 'front-matter',
    summary: 'Start the fragment with `---`, its `id`, `kind` and `title`, and `---`.',
    examples: [{ message: 'expected YAML front matter starting with "---" on line 1' }],
  },
  'front-matter-language': {
    severity: 'error',
    group: 'front-matter',
    summary: 'Write the front matter as YAML under a plain `---`.',
    examples: [
      {
        message:
          'front matter in "js" is not supported: only YAML front matter ("---") is read, and it is never executed',
      },
    ],
  },
  'front-matter-unclosed': {
    severity: 'error',
    group: 'front-matter',
    summary: 'Add the closing `---` line.',
    examples: [{ message: 'front matter opened on line 1 is never closed with "---"' }],
  },
  'spec-invalid': {
    severity: 'error',
    group: 'validation',
    summary: 'Fix the key or value at the position given (see the wave spec reference in the README).',
    examples: [
      { message: 'modules[0].exposur: unknown key "exposur"; did you mean "exposure"?' },
      { message: 'hard_constraints.add[0]: missing required key "text"' },
      { message: 'wave: Invalid input: expected number, received string' },
    ],
  },
  'config-invalid': {
    severity: 'error',
    group: 'validation',
    summary: 'Fix the key or value in `wavec.config.yaml`.',
    examples: [
      { message: 'output_dri: unknown key "output_dri"; did you mean "output_dir"?' },
      {
        message:
          'rules.leftover-placeholders: unknown rule "leftover-placeholders"; did you mean "leftover-placeholder"?',
        context: 'a `rules:` key',
      },
      {
        message:
          'output_name: unknown placeholder {stage}; output_name takes {phase} and {wave}, optionally padded as ' +
          '{phase:02}',
        context: '`output_name`, checked when the config is loaded',
      },
    ],
  },
  'fragment-invalid': {
    severity: 'error',
    group: 'validation',
    summary: "Fix the fragment's front matter.",
    examples: [{ message: 'titel: unknown key "titel"; did you mean "title"?' }],
  },
  'spec-empty': {
    severity: 'error',
    group: 'validation',
    summary: 'Write the spec, or delete the file.',
    examples: [
      { message: 'waves/phase-01/wave-1.yaml is empty' },
      { message: 'waves/phase-01/wave-1.yaml has no content (only comments or blank lines)' },
    ],
  },
  'spec-identity': {
    severity: 'error',
    group: 'validation',
    summary: 'Make `phase`/`wave` match the folder and file name.',
    examples: [{ message: 'wave is 2 but the file is named wave-1' }],
  },
  'spec-not-found': {
    severity: 'error',
    group: 'validation',
    summary: 'Check the wave number (and `--phase`).',
    examples: [{ message: 'no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)' }],
  },
  'spec-ambiguous': {
    severity: 'error',
    group: 'validation',
    summary:
      'Pass `--phase` (MCP: `phase`), or name the wave `<phase>:<wave>` where a command takes that (`wavec diff 1:2 ' +
      '2:1`).',
    examples: [
      {
        message:
          'wave 1 exists in phases 1, 2 (waves/phase-01/wave-1.yaml, waves/phase-02/wave-1.yaml); say which with ' +
          '--phase',
        context: 'at the first of the files',
      },
    ],
  },
  'spec-duplicate-file': {
    severity: 'error',
    group: 'validation',
    summary: 'Delete one of the files; no `--phase` can choose between them.',
    examples: [
      {
        message:
          'wave 1 of phase 1 has 2 spec files: waves/phase-01/wave-1.yaml and waves/phase-01/wave-1.yml; keep one',
        context: 'at the first of the files',
      },
    ],
  },
  'spec-predecessor-missing': {
    severity: 'error',
    group: 'validation',
    summary:
      'Point `predecessor` at an existing wave: a number for the same phase, `{phase, wave}` for another phase, or ' +
      '`null`.',
    examples: [
      {
        message: 'predecessor wave 3 has no spec (expected waves/phase-01/wave-3.yaml)',
      },
      {
        message: 'predecessor phase-01 wave 7 has no spec (expected waves/phase-01/wave-7.yaml)',
        context: 'a predecessor in another phase',
      },
    ],
  },
  'spec-predecessor-cycle': {
    severity: 'error',
    group: 'validation',
    summary: "Break the loop: a wave's predecessor is an earlier wave.",
    examples: [{ message: 'predecessor chain loops: wave 3 → 2 → 3' }],
  },
  'fragment-duplicate-id': {
    severity: 'error',
    group: 'validation',
    summary: 'Give each fragment its own `id`.',
    examples: [{ message: 'fragment id "no-merge" is already used by templates/constraints/no-merge-copy.md' }],
  },
  'fragment-empty': {
    severity: 'error',
    group: 'validation',
    summary: 'Write the body, or delete the fragment.',
    examples: [{ message: 'fragment "mission" has front matter but no body: it would render nothing' }],
  },
  'charter-empty': {
    severity: 'error',
    group: 'validation',
    summary: 'Point `charter:` at the real charter, or write its `§N` headings.',
    examples: [{ message: 'charter/PLATFORM_CHARTER.md is empty: charter references need its § headings' }],
  },
  'charter-duplicate-section': {
    severity: 'error',
    group: 'validation',
    summary: 'Number each `§` heading once.',
    examples: [{ message: '§1 is defined twice in the charter' }],
  },
  'spec-text-structure': {
    severity: 'error',
    group: 'validation',
    summary:
      'Spec text is data. No line of a spec value may start (after spaces) a heading (`#`), a code fence (```` ``` ' +
      '````, `~~~`), front matter or a rule (`---`), an HTML comment (`<!--`), or, after a first line, a heading ' +
      'underline (`===`). Reword the line; structure belongs in the fragments.',
    examples: [
      {
        message:
          'mission: line 2 of the value ("## Hand-back") would start a heading in the prompt; spec text is printed ' +
          'as written and cannot create structure',
      },
    ],
  },
  'spec-text-character': {
    severity: 'error',
    group: 'validation',
    summary:
      'Remove the character. Refused in every spec value: C0 and C1 controls except tab (and line feed, except in ' +
      'one-line fields: `title`, `subsystem`, ids, `image`, …), DEL, private-use characters (U+E000–U+F8FF and ' +
      'planes 15–16) and unpaired surrogates, whether written raw or as a YAML escape.',
    examples: [
      {
        message:
          'subsystem: control character U+0000 at character 4 of the value; spec text reaches the prompt as written',
      },
    ],
  },
  'spec-text-run': {
    severity: 'error',
    group: 'validation',
    summary:
      'A spec value that would push the prompt over a Markdown limit (see "Markdown limits") is blamed on the ' +
      'value, not on the fragment that prints it. Break the text with spaces or shorten it.',
    examples: [
      {
        message:
          'mission: a run of 5000 characters without a break at character 1 of the value (the limit is 1024); the ' +
          'prompt could not be analysed',
      },
    ],
  },
  'pattern-unknown': {
    severity: 'error',
    group: 'composition',
    summary: 'Use the id of a `kind: pattern` fragment, or add the pattern.',
    examples: [
      { message: 'unknown pattern "stateless-apii"; did you mean "stateless-api"?' },
      {
        message: 'requires_pattern names unknown pattern "stateful-redi"; did you mean "stateful-redis"?',
        context: "at a constraint fragment's `requires_pattern`",
      },
    ],
  },
  'pattern-does-not-fit': {
    severity: 'error',
    group: 'composition',
    summary:
      "The pattern's front matter (`lifecycles:`) does not list the module's lifecycle: use a pattern that does, or " +
      'change the lifecycle if the module runs already (`existing`, `changed`) or does not yet (`new`).',
    examples: [
      {
        message:
          'pattern "audit-only" does not fit a new module: it fits lifecycles existing; ' +
          'patterns that fit a new module: stateless-api, stateless-worker',
        context: "at the module's `lifecycle` key (its `pattern` key when the lifecycle is the default)",
      },
    ],
  },
  'pattern-kind-mismatch': {
    severity: 'error',
    group: 'composition',
    summary:
      "A module's pattern describes modules of other kinds (its front matter's `kinds:`): change the module's " +
      '`kind`, or use a pattern for that kind (the hint lists them).',
    examples: [{ message: 'pattern "stateless-api" fits modules of kind service, and module "web" is kind worker' }],
  },
  'pattern-extends-cycle': {
    severity: 'error',
    group: 'composition',
    summary: 'Remove one `extends`.',
    examples: [{ message: 'pattern extends itself: a → b → a' }],
  },
  'constraint-unknown': {
    severity: 'error',
    group: 'composition',
    summary: 'Use a constraint fragment id, or write the constraint inline as `{id, text}`.',
    examples: [
      { message: '"stateless-api" is a pattern fragment, not a constraint' },
      {
        message: 'cannot drop "no-merg": no inherited constraint has that id; did you mean "no-merge"?',
        context: 'a `drop` entry',
      },
    ],
  },
  'constraint-duplicate': {
    severity: 'warning',
    group: 'composition',
    summary: 'Remove the entry: it is inherited.',
    examples: [{ message: 'constraint "no-merge" is already in force (inherited); this entry is ignored' }],
  },
  'constraint-dropped-and-added': {
    severity: 'error',
    group: 'composition',
    summary:
      'One wave both drops a constraint (`hard_constraints.drop`) and adds it back (`add`): the prompt would list it ' +
      'in force and under "No longer in force". Keep one: remove the drop to keep it, or the add to let it go; a ' +
      'reworded inline constraint takes a new id. Reported at the `add` entry, with the drop as the related location.',
    examples: [
      { message: 'constraint "no-merge" is dropped (hard_constraints.drop[0]) and added back in the same wave' },
    ],
  },
  'constraint-needs-module': {
    severity: 'error',
    group: 'composition',
    summary:
      'The constraint fragment declares `requires_pattern`; the wave has no module of that pattern (or of one ' +
      'extending it). Reported at the `add` entry that brought it in, or at `predecessor` when it is inherited: ' +
      'remove it, drop it (`hard_constraints.drop: [{id, reason}]`), or add such a module. A constraint a pattern ' +
      "implies never gets here: it lapses in a wave without that pattern's modules.",
    examples: [
      {
        message:
          'constraint "dump-first" speaks of this wave\'s modules of pattern "stateful-postgres", and wave 1 has ' +
          'none: its text would have a hole',
      },
    ],
  },
  'constraint-implied-conflict': {
    severity: 'error',
    group: 'composition',
    summary: "Change the module's pattern or the pattern's `implies` (see `constraint-implied` in rules.md).",
    examples: [{ message: 'cannot drop "redis-no-flush": pattern "stateful-redis" of module "web" implies it' }],
  },
  'spec-duplicate-id': {
    severity: 'error',
    group: 'composition',
    summary: 'Give each module and task its own id.',
    examples: [{ message: 'id "web" is used twice in this wave (first at modules.0.id)' }],
  },
  'template-syntax': {
    severity: 'error',
    group: 'templates',
    summary: 'Close the `{{` or block at the position given.',
    examples: [{ message: 'Handlebars syntax error: unexpected end of template' }],
  },
  'template-unknown-helper': {
    severity: 'error',
    group: 'templates',
    summary: 'Use one of the listed helpers.',
    examples: [
      {
        message:
          'unknown helper "jion"; did you mean "join"? (helpers: charter, constraint, each, eq, if, inc, join, ' +
          'lookup, pattern, unless, with)',
      },
    ],
  },
  'template-literal-name': {
    severity: 'error',
    group: 'templates',
    summary: 'Write `{{name}}`, not `{{"name"}}`.',
    examples: [{ message: 'a literal ("title") cannot name a field or a helper: write the name without quotes' }],
  },
  'template-decorator': {
    severity: 'error',
    group: 'templates',
    summary: 'Remove the decorator.',
    examples: [{ message: 'decorators ({{* ...}}) are not allowed in fragments' }],
  },
  'template-dynamic-partial': {
    severity: 'error',
    group: 'templates',
    summary: 'Include sections by their id: `{{> mission}}`.',
    examples: [{ message: 'dynamic partials ({{> (expr)}}) are not allowed: name the fragment id' }],
  },
  'template-partial-block': {
    severity: 'error',
    group: 'templates',
    summary: 'Use a plain `{{> id}}`.',
    examples: [{ message: 'partial blocks ({{#> ...}}) are not allowed; include sections with {{> id}}' }],
  },
  'template-unknown-partial': {
    severity: 'error',
    group: 'templates',
    summary: 'Partials are fragment ids, never paths; layouts cannot be included.',
    examples: [
      { message: 'unknown partial "missions"; did you mean "mission"?' },
      { message: 'unknown partial "../../wavec.config"', context: 'a partial names a fragment id, never a path' },
    ],
  },
  'template-partial-cycle': {
    severity: 'error',
    group: 'templates',
    summary: 'Remove one of the includes.',
    examples: [{ message: 'partials include each other: mission → notes → mission' }],
  },
  'template-too-complex': {
    severity: 'error',
    group: 'templates',
    summary:
      'Split the fragment or flatten its blocks; Handlebars parses and renders them recursively (2,000 nested ' +
      'blocks overflowed its stack).',
    examples: [
      { message: 'blocks ({{#…}}) are nested more than 32 levels deep' },
      { message: 'subexpressions ((…)) are nested more than 32 levels deep' },
      { message: 'more than 2000 {{…}} tags in one fragment' },
    ],
  },
  'template-private-use': {
    severity: 'error',
    group: 'templates',
    summary: 'Delete the character (wavec uses it to attribute lines).',
    examples: [{ message: 'fragment contains U+E000/U+E001, which wavec reserves' }],
  },
  'template-missing-field': {
    severity: 'error',
    group: 'templates',
    summary: 'Name a field the render context has (README, "Fragment reference"), or guard it with `{{#if}}`.',
    examples: [
      { message: '"missing" is not defined in the render context (templates are strict: a missing field is an error)' },
    ],
  },
  'charter-role-unmapped': {
    severity: 'error',
    group: 'templates',
    summary:
      'A fragment cites a charter section by role (`{{charter "secrets"}}`) that `charter_roles` in ' +
      'wavec.config.yaml does not map, or maps to a § the charter lacks. Map the role to the section of your charter ' +
      'that plays it; the message lists the charter headings and the likeliest one by title.',
    examples: [
      {
        message:
          'charter role "backups" is not mapped in charter_roles (wavec.config.yaml); the charter has §1 Deploy ' +
          'flow, §2 Secrets, §3 Honest reporting',
      },
    ],
  },
  'template-render': {
    severity: 'error',
    group: 'templates',
    summary: 'Fix the helper call at the position given.',
    examples: [{ message: 'join expects a list as its first argument' }],
  },
  'value-missing': {
    severity: 'error',
    group: 'composition',
    summary:
      'A fragment prints a value the spec leaves out (or sets to null): set it at the key named, or guard the ' +
      'expression with `{{#if}}` in the fragment. Never an empty hole in the prompt; the related location is the ' +
      "fragment's expression.",
    examples: [
      {
        message: 'why.caution is not set, and fragment "mission" prints it: the prompt would have a hole',
      },
    ],
  },
  'template-not-text': {
    severity: 'error',
    group: 'templates',
    summary:
      'An expression prints a list, a mapping or a boolean (`{{modules}}`), which would reach the prompt as ' +
      '`[object Object]` or `a,b`: print one field of it, `join` a list, or iterate with `{{#each}}`.',
    examples: [
      {
        message: 'this expression is a list, not text: it would print "[object Object]" into the prompt',
      },
    ],
  },
  'template-too-costly': {
    severity: 'error',
    group: 'templates',
    summary:
      'Rendering is bounded while it runs: every `{{#each}}` iteration and every fragment is a step, every piece of ' +
      'output is counted at each level. Reported at the most deeply nesting `{{#each}}` of the fragment that was ' +
      'rendering. Flatten the loops: iterate over a list once and let a pattern fragment render each item.',
    examples: [
      {
        message:
          'rendering took more than 100000 steps (block iterations and fragments); nested {{#each}} blocks multiply',
      },
      {
        message:
          'rendering produced more than 8388608 characters; nested {{#each}} blocks or partials multiply their output',
      },
    ],
  },
  'layout-unknown': {
    severity: 'error',
    group: 'templates',
    summary: 'Set `layout` (config or spec) to a `kind: layout` fragment.',
    examples: [{ message: 'no layout fragment with id "master-promt"' }],
  },
  'markdown-too-large': {
    severity: 'error',
    group: 'markdown',
    summary: 'Shorten the text; a prompt that large cannot fit a budget anyway.',
    examples: [{ message: 'Markdown is 280012 characters long; wavec analyses at most 262144' }],
  },
  'markdown-too-deep': {
    severity: 'error',
    group: 'markdown',
    summary: 'Flatten the nesting, or put the text in a code fence.',
    examples: [
      { message: 'lists and block quotes are nested more than 32 levels deep' },
      { message: 'a line is indented by 129 columns; wavec analyses at most 128 outside code fences' },
    ],
  },
  'markdown-too-complex': {
    severity: 'error',
    group: 'markdown',
    summary:
      'Break the text up. When the rendered prompt crosses a limit (a value printed in a loop), the error is at the ' +
      'fragment that printed it: `the compiled prompt is too much to analyse: … (prompt line 7, from this fragment ' +
      'or the spec values it prints)`. `wavec lint` refuses a prompt over any of these limits the same way, at the ' +
      'place it crosses it: `the prompt is too much to analyse: …` (exit 2).',
    examples: [
      {
        message:
          'a run of 1100 characters without a break (the limit is 1024); token counting slows down quadratically on ' +
          'such runs',
      },
      { message: 'a paragraph has more than 256 emphasis and link markers (*, _, [)' },
      {
        message:
          'the prompt is too much to analyse: a run of 1100 characters without a break (the limit is 1024); token ' +
          'counting slows down quadratically on such runs',
        context: '`wavec lint` of a prompt over a limit',
      },
    ],
  },
  'output-hand-edited': {
    severity: 'error',
    group: 'writing',
    summary:
      'Move the edits into the spec or the fragments and compile again, or pass `--force` to discard them. A PR ' +
      'file (`wavec pr --write`) is guarded the same way, by the mark on its last line: ' +
      '`prompts/phase-01-wave-1.pr.md was edited by hand (it no longer matches the hash wavec wrote at its end); ' +
      'not overwriting it`.',
    examples: [
      {
        message:
          'prompts/phase-01-wave-1.md was edited by hand (it no longer matches the hash in ' +
          'prompts/phase-01-wave-1.provenance.json); not overwriting it',
      },
    ],
  },
  'output-outside-workspace': {
    severity: 'error',
    group: 'writing',
    summary: 'Make the output folder a real folder inside the workspace; wavec does not write through links.',
    examples: [{ message: 'output folder prompts resolves outside the workspace (/tmp/x/outside)' }],
  },
  'output-not-regular': {
    severity: 'error',
    group: 'writing',
    summary:
      'Move the FIFO, folder or device away; wavec replaces only regular files (even with `--force`). An existing ' +
      'prompt that cannot be read (permissions, or larger than 64 MiB) is `output-hand-edited`: `… cannot be read ' +
      '(EACCES: permission denied), so wavec cannot tell whether it was edited by hand; not overwriting it`, ' +
      'replaced only with `--force`. A prompt that differs from a fresh compile only in CRLF line endings or a BOM ' +
      'is current (left as it is), as `lint --drift` sees it.',
    examples: [
      { message: 'prompts/phase-01-wave-1.md is a FIFO, not a regular file; wavec replaces only regular files' },
    ],
  },
  'init-outside-workspace': {
    severity: 'error',
    group: 'writing',
    summary:
      '`wavec init` writes nothing when a folder it would write into (`charter/`, `templates/`, `waves/`, ' +
      '`schemas/` or below) is a link leading out of the workspace. Remove the link or init elsewhere.',
    examples: [
      {
        message:
          'templates/ resolves outside the workspace (/tmp/x/outside); wavec init does not write through links that ' +
          'leave it',
      },
    ],
  },
  'output-location': {
    severity: 'error',
    group: 'writing',
    summary:
      "A prompt's path is its own: not the config, the charter, a fragment or a spec (compared on real paths), not " +
      "another wave's prompt, and named by phase and wave when `waves_dir` has several phases. Change `output_dir` " +
      'or `output_name`. `output_name` itself is checked when the config is loaded (`config-invalid`): only ' +
      '`{phase}` and `{wave}` (padded `{phase:02}`, width 1 to 9), `{wave}` required, a name ending in `.md`: ' +
      '`output_name: unknown placeholder {stage}; output_name takes {phase} and {wave}, optionally padded as ' +
      '{phase:02}`. Two files for one wave (`wave-4.yaml` and `wave-4.yml`) are `spec-duplicate-file`.',
    examples: [
      { message: 'prompts would be written into templates_dir (templates), where wavec reads its inputs' },
      { message: "the prompt's path charter/charter-1.md is an input file (the charter); compiling would replace it" },
      {
        message:
          'output_name "wave-{wave}.md" has no {phase}, but waves has phases 1, 2: their waves would write the same ' +
          'prompts',
        context: 'two phases',
      },
    ],
  },
  'output-write-failed': {
    severity: 'error',
    group: 'writing',
    summary:
      'Fix what stands in the way (a folder, a full disk). The previous prompt and sidecar are left as they were, ' +
      'and no temporary file remains.',
    examples: [
      {
        message:
          'could not write prompts/phase-01-wave-1.md (EISDIR: illegal operation on a directory); the previous file ' +
          'is unchanged',
      },
    ],
  },
  'provenance-invalid': {
    severity: 'error',
    group: 'writing',
    summary: 'Compile the wave again to rewrite the sidecar, or delete it to lint the prompt as hand-written.',
    examples: [
      {
        message:
          'prompts/phase-01-wave-1.provenance.json is not valid JSON (Expected double-quoted property name in JSON ' +
          'at position 22)',
      },
    ],
  },
  'prompt-wave-mismatch': {
    severity: 'error',
    group: 'writing',
    summary:
      "The prompt at a wave's path has a sidecar naming another wave (or another path): it is not that wave's " +
      'compile. Compile the wave the path belongs to; `lint`, `report` and `pr` fail until then.',
    examples: [
      {
        message:
          "prompts/phase-01-wave-2.md is wave 2 of phase 1's prompt, but its sidecar says it is the compile of " +
          'wave 1 of phase 1 (prompts/phase-01-wave-1.md)',
      },
    ],
  },
  'init-exists': {
    severity: 'error',
    group: 'commands',
    summary: 'Run `wavec init` in an empty folder, or remove the listed files.',
    examples: [
      {
        message: 'wavec.config.yaml already exists; wavec init never overwrites a file',
        context: 'one per file; the command lists them',
      },
    ],
  },
  'eject-unknown': {
    severity: 'error',
    group: 'commands',
    summary: "Name a fragment of wavec's own library by its id (the `id:` of its front matter).",
    examples: [{ message: 'wavec\'s library has no fragment "no-merg"; did you mean "no-merge"?' }],
  },
  'eject-exists': {
    severity: 'error',
    group: 'commands',
    summary: 'Edit your copy, or delete it to copy the base again.',
    examples: [
      {
        message:
          'fragment "no-merge" is already in your templates folder (templates/constraints/no-merge.md); ' +
          'wavec eject never overwrites a file',
      },
    ],
  },
  'new-exists': {
    severity: 'error',
    group: 'commands',
    summary: 'Edit it, or pick another wave number.',
    examples: [{ message: 'waves/phase-01/wave-1.yaml already exists; wavec new never overwrites a spec' }],
  },
  'new-no-predecessor': {
    severity: 'error',
    group: 'commands',
    summary: 'Pass `--from <wave>`.',
    examples: [{ message: 'no wave before wave 1 in waves/phase-02/ to scaffold from; name one with --from' }],
  },
  'new-invalid': {
    severity: 'error',
    group: 'commands',
    summary: 'Fix the source spec it was scaffolded from.',
    unreachable:
      'a guard against a wavec bug: `wavec new` scaffolds from a spec that validated, and its scaffold validates too ' +
      '(the tests of `wavec new` hold it); reported like `spec-invalid` if it ever does not',
  },
  'pr-prompt-missing': {
    severity: 'error',
    group: 'commands',
    summary: 'Compile the wave first; without `--write`, `wavec pr` prints the pull request of a fresh compile.',
    examples: [
      {
        message: 'prompts/phase-01-wave-1.md does not exist yet: the pull request adds a compiled prompt',
        context: '`wavec pr --write`',
      },
    ],
  },
  'explain-base': {
    severity: 'error',
    group: 'commands',
    summary: 'Pass a revision git knows.',
    examples: [{ message: 'unknown git revision "mian"', context: '`wavec explain --base`' }],
  },
  'handback-reply-empty': {
    severity: 'error',
    group: 'handback',
    summary:
      "Check the file holds the agent's reply: a run whose output went elsewhere leaves an empty file, which is one " +
      'finding rather than one per part the contract asks for.',
    examples: [{ message: 'the reply is empty: it has no text outside HTML comments' }],
  },
  'handback-pr-missing': {
    severity: 'error',
    group: 'handback',
    summary:
      "Give the PR's URL (GitHub `/pull/N`, Forgejo and Gitea `/pulls/N`, GitLab `/merge_requests/N`), or write " +
      '"blocked" and the reason in its place.',
    examples: [
      {
        message: 'no PR URL for PR 1 (web), and it is not reported blocked: the plan has 1 PR, the reply gives 0 URLs',
      },
    ],
  },
  'handback-pr-duplicate': {
    severity: 'error',
    group: 'handback',
    summary:
      'Give each planned PR its own URL. URLs are compared as the forge identifies the PR: `/pulls/43` and ' +
      '`/pulls/043`, another host case, `:443`, another owner or repository case are one PR.',
    examples: [
      {
        message:
          'PR URL https://git.example.org/platform/infra/pulls/12 is given twice (first on line 5): each planned PR ' +
          'has its own',
      },
    ],
  },
  'handback-pr-extra': {
    severity: 'error',
    group: 'handback',
    summary: "One URL per planned PR: a module's work is one PR.",
    examples: [
      { message: 'PR URL https://git.example.org/platform/infra/pulls/13 is one more than the 1 PR the plan has' },
    ],
  },
  'handback-blocked-reason': {
    severity: 'error',
    group: 'handback',
    summary: 'Say why the PR could not be opened.',
    examples: [{ message: 'PR 1 (web) is reported blocked without a reason' }],
  },
  'handback-module-missing': {
    severity: 'error',
    group: 'handback',
    summary:
      "Add the module's part: a heading, a list item, a bold lead-in, a table row or a paragraph that starts with " +
      'its id (or its compose service or container), and its three lines.',
    examples: [
      { message: 'no part for module web: what the audit found, what the manifest declares, what is UNVERIFIED' },
    ],
  },
  'handback-module-incomplete': {
    severity: 'error',
    group: 'handback',
    summary: 'Add the missing line; "UNVERIFIED: none" when nothing is.',
    examples: [{ message: 'the part for web does not say what the manifest declares' }],
  },
  'handback-claim-unlabelled': {
    severity: 'error',
    group: 'handback',
    summary:
      'Label the claim on its line, or under a `Verified:` / `Assumed:` / `Unknown:` line. Only asked for when the ' +
      'charter has a wakeup-honesty section.',
    examples: [{ message: 'web: what the audit found is not labelled verified, assumed or unknown (charter §3)' }],
  },
  'handback-health-missing': {
    severity: 'error',
    group: 'handback',
    summary: 'Add the part, under a heading or label that says health.',
    examples: [
      {
        message:
          "no web subsystem health observation: the state of each module's container, with the command that showed it",
      },
    ],
  },
  'handback-health-container': {
    severity: 'error',
    group: 'handback',
    summary:
      "Name every container (the module's `containers`, else its compose `service`, else its id, as " +
      '`docker compose ps` shows it; `apps-web-1` names `web`) with its state.',
    examples: [
      { message: 'the health observation does not name the container of web' },
      { message: 'the health observation names the container of web but not its state (running, exited, healthy, …)' },
    ],
  },
  'handback-new-module-running': {
    severity: 'warning',
    group: 'handback',
    summary:
      'A module the wave adds (`lifecycle: new`) does not run yet: the health observation says what its PR adds and ' +
      'how it was validated. A reply that calls it running or healthy may mean the run started it: check before ' +
      'merging.',
    examples: [
      {
        message:
          'the health observation says the new module web runs, though the prompt says it does not run yet: did the ' +
          'run start it?',
      },
    ],
  },
  'handback-health-command': {
    severity: 'error',
    group: 'handback',
    summary: 'Quote the command (`` `docker compose -p apps ps` ``) or paste its output in a code block.',
    examples: [{ message: "the health observation does not give the command that showed the containers' state" }],
  },
  'handback-item-missing': {
    severity: 'error',
    group: 'handback',
    summary:
      "Answer each of the spec's `hand_back.items` under its number in the prompt's list (`4.`) or a label with " +
      'its words (`Dependents found: …`), or mark it "not applicable" with the reason.',
    examples: [{ message: 'no answer to hand-back item 4: "The dependents found, with the command that showed them"' }],
  },
  'handback-item-reason': {
    severity: 'error',
    group: 'handback',
    summary: 'Say why it does not apply (`n/a: nothing depends on it yet`).',
    examples: [
      {
        message:
          'hand-back item 4 is marked not applicable without a reason: "The dependents found, with the command ' +
          'that showed them"',
      },
    ],
  },
  'handback-noticed-missing': {
    severity: 'error',
    group: 'handback',
    summary: 'Add the list; "none" is an answer.',
    examples: [
      { message: 'no "noticed, not done" list: list what you saw out of scope, or say none' },
      { message: 'the "noticed, not done" list is empty: list what you saw out of scope, or say none' },
    ],
  },
  'charter-section-unknown': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'Every `§N` the prompt cites is a section of the charter file.',
    inputs: {
      group: 'composition',
      summary:
        'A `charter_refs` entry cites a § the charter lacks. Cite a section the charter has, or add it to the ' +
        'charter. The same code reports a `§N` in prompt text (see rules.md): one code, one meaning.',
      examples: [{ message: '§14 is not a section of charter/PLATFORM_CHARTER.md (it has §1, §2, §3)' }],
    },
  },
  'charter-required': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'Every charter section the wave spec requires (`charter_refs`) is cited in the prompt as `§N`.',
  },
  'module-section': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'Every module of the wave spec has its own heading in the prompt.',
  },
  'pr-reference-unknown': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      "Every PR reference in the prompt (`#29`, `#32–34`) is one the spec knows: a canary PR or a module's " +
      '`similar_to`.',
  },
  'pr-plan-total': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      'Every PR count the prompt states ("5 PRs", "five PRs", "5 pull requests", "the 5 PR URLs", "1 PR in total") ' +
      'equals the derived plan: one PR per module plus one per cross-module task. A count that names another phase ' +
      'or wave beside it ("ten PRs of phase 01", "wave 3\'s 4 PRs") is about that plan and is not compared.',
    inputs: {
      group: 'composition',
      summary: 'Correct the stated total (also a prompt rule, see rules.md).',
      examples: [{ message: 'pr_plan.total is 2, but the plan derives 1 (1 module + 0 cross-module tasks)' }],
    },
  },
  'constraint-implied': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      "Every hard constraint the composition puts in force (inherited, added, or implied by a module's pattern) is " +
      'in the hard-constraints section (the one its fragment declares `role: hard-constraints`) with its full text.',
  },
  'constraint-lapsed-subject': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      'A hard constraint that lapsed (no module uses the pattern that implied it) is not about anything the prompt ' +
      'still mentions: no subject its fragment declares (`subjects`, e.g. `pg_dump`) appears in the text.',
  },
  'hand-back-contract': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      'The prompt asks for every part `wavec handback` checks a reply for: the PR URLs, the per-module lines, the ' +
      'health observation, each extra hand_back item and the noticed-not-done list, each with the text of ' +
      '`hand_back.parts` / `hand_back.noticed`.',
  },
  'destructive-command': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      'Destructive commands (`pg_dump`, `pg_restore`, SQL `DROP`, `docker compose down -v`, `docker volume rm`, `rm ' +
      '-rf`) appear only inside a gate: the hard-constraints section, a restore procedure, or a prohibition or ' +
      "operator's confirmation in their own sentence.",
  },
  'leftover-placeholder': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'The prompt has no leftover placeholders: `{{…}}`, `TODO`, `FIXME`, `[ALL_CAPS]` or `$ARGUMENTS`.',
  },
  'hidden-character': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      'The prompt has no invisible characters: controls, zero-width characters and fillers, bidirectional ' +
      'controls, U+2028/U+2029, private-use or Unicode tag characters, runs of variation selectors.',
  },
  'phase-module-unique': {
    severity: 'error',
    group: 'phase-rule',
    summary:
      'Across the waves of a phase, each module id belongs to exactly one wave, unless a later wave declares that ' +
      'it revisits it (`revisits: W`).',
  },
  'phase-predecessor-chain': {
    severity: 'error',
    group: 'phase-rule',
    summary:
      "The waves of a phase form one predecessor chain, each wave's predecessor the wave numbered just before it: " +
      'no gap, no cycle. Only the first wave may inherit from another (earlier) phase, as ' +
      '`predecessor: {phase, wave}`, and that wave is the last of its phase ' +
      'unless `predecessor_skip_reason` says why not.',
  },
  'budget-tokens': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'The prompt fits its token budget, less the reserve kept for the agent.',
  },
  'budget-lines': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'The prompt has no more lines than its budget allows.',
  },
  'section-required': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'Every heading that `required_sections` names (or asks for with `?`, `+` or `## *`) is in the prompt.',
  },
  'section-order': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'The headings come in the order `required_sections` gives, with no heading where the list allows none.',
  },
  'section-empty': {
    severity: 'error',
    group: 'prompt-rule',
    summary: 'Every section `required_sections` names has content, not just a heading.',
  },
  'special-token-text': {
    severity: 'warning',
    group: 'prompt-rule',
    summary: 'The prompt has no text that looks like a model control token (`<|endoftext|>`, `<|im_start|>`).',
  },
  'prompt-drift': {
    severity: 'error',
    group: 'prompt-rule',
    summary:
      'A committed compiled prompt is what a fresh compile produces: not stale (an input changed) and not edited by ' +
      'hand.',
  },
} as const satisfies Record<string, CodeEntry>;

export type Code = keyof typeof CODES;

/** The codes of rules, whose severity the config may change. */
export type RuleCode = { [C in Code]: (typeof CODES)[C]['group'] extends RuleGroup ? C : never }[Code];
