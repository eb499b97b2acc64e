// The architecture rules of README.md's "Architecture" section, checked by `npm run arch` (dependency-cruiser).
// STAGES is the pipeline's order, lowest first: a module may import its own stage and the stages before it, never a
// later one, and the peers of one stage (folders listed together) never import each other. No file may be part of an
// import circle.

/** Each stage: the folders (or files at the top of src/) it is made of. */
const STAGES = [
  ['util', 'version.ts'],
  ['schema'],
  ['diagnostics'],
  ['syntax'],
  ['validate'],
  ['load'],
  ['compose'],
  ['render'],
  ['analyse'],
  ['check'],
  ['emit'],
  ['compile.ts'],
  ['compile-all.ts'],
  ['lint.ts'],
  ['report'],
  ['pr', 'handback'],
  ['authoring'],
  ['explain'],
  ['status'],
  ['cache'],
  ['mcp'],
  ['cli'],
  ['index.ts'],
];

/** The imports README.md names and justifies as exceptions to the stage order: none today. */
const ALLOWED_UPWARD = [];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A path pattern for a folder under src/ (everything in it) or a file at the top of src/. */
const part = (name) => (name.endsWith('.ts') ? `src/${escape(name)}$` : `src/${escape(name)}/`);
const anyOf = (names) => `^(?:${names.map(part).join('|')})`;

const upward = STAGES.slice(0, -1).map((stage, i) => ({
  name: `stage-order:${stage.join('+')}`,
  comment: `${stage.join(', ')} may not import a later stage (${STAGES.slice(i + 1)
    .flat()
    .join(', ')})`,
  severity: 'error',
  from: { path: anyOf(stage) },
  to: { path: anyOf(STAGES.slice(i + 1).flat()), pathNot: ALLOWED_UPWARD.length ? anyOf(ALLOWED_UPWARD) : '^$' },
}));

const peers = STAGES.filter((stage) => stage.length > 1).flatMap((stage) =>
  stage.map((name) => ({
    name: `stage-peers:${name}`,
    comment: `${name} may not import its peers (${stage.filter((other) => other !== name).join(', ')})`,
    severity: 'error',
    from: { path: anyOf([name]) },
    to: { path: anyOf(stage.filter((other) => other !== name)) },
  })),
);

/** Every file of src/ is in exactly one stage: a new folder must be placed in the order before it can be imported. */
const unplaced = {
  name: 'stage-unplaced',
  comment: 'every module under src/ belongs to a stage of STAGES',
  severity: 'error',
  from: { path: '^src/' },
  to: { path: '^src/', pathNot: anyOf(STAGES.flat()) },
};

export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import circle between files',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    ...peers,
    unplaced,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
