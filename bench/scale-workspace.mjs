// Generated workspaces for the scale scenarios: the example's config,
// charter and fragments, with a programme of many waves in one predecessor
// chain per phase. Nothing here is committed as files: the bench and the
// tests write a workspace to a temporary folder and delete it.
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The spec of wave `wave` of `phase`: each wave two modules of its own, the first wave of a phase starts a chain. */
export function scaleSpec(phase, wave, { firstPhase = phase, previousPhaseLast } = {}) {
  const predecessor =
    wave > 1
      ? String(wave - 1)
      : phase > firstPhase && previousPhaseLast
        ? `{phase: ${phase - 1}, wave: ${previousPhaseLast}}`
        : 'null';
  const id = `p${phase}w${wave}`;
  return [
    `phase: ${phase}`,
    `wave: ${wave}`,
    `title: Generated wave ${wave}`,
    `subsystem: svc-${id}`,
    'compose:',
    '  project: home-platform/apps',
    `predecessor: ${predecessor}`,
    'mission: >-',
    `  Write manifests and runbooks for the ${id} services, one PR per module.`,
    'why:',
    '  stakes: >-',
    `    The ${id} services hold work the operator would have to redo by hand.`,
    '  reasons:',
    '    - A generated wave of a long programme.',
    'modules:',
    `  - id: ${id}-api`,
    '    pattern: stateless-api',
    '    kind: service',
    `  - id: ${id}-worker`,
    '    pattern: stateless-worker',
    '    kind: worker',
    ...(predecessor === 'null'
      ? ['hard_constraints:', '  add: [read-only-audit, no-secrets, no-merge, one-pr-per-module]']
      : []),
    'charter_refs:',
    '  - section: 3',
    '    why: manifests and runbooks only; nothing is deployed by this wave.',
    'pr_plan:',
    '  total: 2',
    'hand_back:',
    '  merge_gate: The operator owns the merge gate.',
    'budget:',
    '  max_tokens: 4000',
    '  max_lines: 260',
    'trigger:',
    '  commands:',
    `    - run-agent < prompts/phase-${String(phase).padStart(2, '0')}-wave-${wave}.md`,
    '',
  ].join('\n');
}

/**
 * Writes a workspace of `waves` waves split over `phases` phases (each phase
 * one chain, the first wave of each later phase continuing the previous
 * phase's chain) into `dir`, with the config, charter and fragments of the workspace `from` (default: the
 * repository's example). Returns the waves as {phase, wave}, in chain order.
 */
export async function writeScaleWorkspace(dir, waves, { phases = 1, from = ROOT } = {}) {
  await mkdir(dir, { recursive: true });
  // The fragments the source's config names (the repository's example keeps its own in example-templates/).
  const config = await readFile(path.join(from, 'wavec.config.yaml'), 'utf8');
  const templatesDir = /^templates_dir:\s*(\S+)\s*$/m.exec(config)?.[1] ?? 'templates';
  for (const entry of ['wavec.config.yaml', 'charter', templatesDir]) {
    if (!existsSync(path.join(from, entry))) continue;
    await cp(path.join(from, entry), path.join(dir, entry), { recursive: true });
  }
  const perPhase = Math.ceil(waves / phases);
  const order = [];
  let previousPhaseLast;
  for (let p = 0; p < phases; p++) {
    const phase = p + 1;
    const count = Math.min(perPhase, waves - p * perPhase);
    if (count <= 0) break;
    const folder = path.join(dir, 'waves', `phase-${String(phase).padStart(2, '0')}`);
    await mkdir(folder, { recursive: true });
    for (let wave = 1; wave <= count; wave++) {
      await writeFile(
        path.join(folder, `wave-${wave}.yaml`),
        scaleSpec(phase, wave, { firstPhase: 1, previousPhaseLast }),
      );
      order.push({ phase, wave });
    }
    previousPhaseLast = count;
  }
  return order;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, waves, phases] = process.argv.slice(2);
  await writeScaleWorkspace(dir, Number(waves), { phases: Number(phases ?? 1) });
}
