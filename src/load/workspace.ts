import path from 'node:path';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { proposeCharterRoles } from '../schema/charter-roles.js';
import type { WavecConfig } from '../schema/config.js';
import type { YamlSource } from '../syntax/yaml.js';
import { readCharter, type Charter } from './charter.js';
import { configKeyAt, loadConfig } from './config.js';
import { deriveRequiredSections } from './required-sections.js';
import { baseTemplatesDir } from './base-layer.js';
import { loadFragments, type BaseLayer, type FragmentLibrary } from './fragments.js';
import { readSource, type SourceFile } from './read-source.js';
import { ruleSettingProblems } from './rule-settings.js';
import { SpecStore } from './spec-store.js';
import type { ParsedSpecIndex } from './specs.js';

/** Everything a compile needs that does not depend on which wave is compiled. */
export interface Workspace {
  /** Absolute path of the workspace root. */
  root: string;
  config: WavecConfig;
  configFile: SourceFile | undefined;
  /** The config file as parsed, to point at a setting; undefined without a file. */
  configYaml: YamlSource | undefined;
  /** Base fragments with the user's laid over them, by id; each says its layer. */
  fragments: FragmentLibrary;
  /** The package's library under the user's; null when the user's templates folder is the package's own. */
  base: BaseLayer | null;
  charter: Charter;
  /** The wave specs, listed and read once per workspace loaded (see {@link SpecStore}). */
  specs: SpecStore;
}

export type WorkspaceResult =
  { ok: true; workspace: Workspace; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** How a run loads a workspace beyond the files themselves. */
export interface LoadOptions {
  /** Specs validated by earlier runs (the CLI's cache folder keeps one), read instead of parsing them again. */
  parsedSpecs?: ParsedSpecIndex;
}

/**
 * Loads config, fragment library and charter. Problems in different files
 * are all reported together, so one run shows everything to fix.
 */
export function loadWorkspace(root: string): Promise<WorkspaceResult> {
  return loadWorkspaceWith(root, {});
}

/** {@link loadWorkspace}, with the specs of earlier runs at hand. */
export async function loadWorkspaceWith(root: string, options: LoadOptions): Promise<WorkspaceResult> {
  const absoluteRoot = path.resolve(root);
  const config = await loadConfig(absoluteRoot);
  if (!config.ok) return config;
  // A rule code under `rules:` that names no rule is a config error (exit 2), like any other bad key.
  const unknownRules = ruleSettingProblems(config.config.rules, config.file);
  if (unknownRules.length > 0) return { ok: false, diagnostics: unknownRules };
  const limits = { maxFileBytes: config.config.max_file_bytes };

  const [library, charterRead] = await Promise.all([
    loadFragments(absoluteRoot, config.config.templates_dir, limits, {
      baseDir: baseTemplatesDir(),
      userFolderRequired: namesTemplatesDir(config.yaml),
    }),
    readSource(absoluteRoot, config.config.charter, limits),
  ]);
  const diagnostics = [...library.diagnostics];
  let charter: Charter | undefined;
  if (charterRead.ok) {
    const read = readCharter(charterRead.file);
    charter = read.charter;
    diagnostics.push(...read.diagnostics);
  } else {
    diagnostics.push(...charterRead.diagnostics);
  }
  if (!charter || hasErrors(diagnostics)) return { ok: false, diagnostics };
  const sections = derivedSections(config.config, library.fragments, charter, config.file, config.yaml);
  if (!sections.ok) return { ok: false, diagnostics: [...diagnostics, ...sections.diagnostics] };
  return {
    ok: true,
    workspace: {
      root: absoluteRoot,
      config: sections.config,
      configFile: config.file,
      configYaml: config.yaml,
      fragments: library.fragments,
      base: library.base,
      charter,
      specs: new SpecStore(absoluteRoot, config.config, options.parsedSpecs),
    },
    diagnostics,
  };
}

/** Whether the config file sets `templates_dir` itself, rather than leaving the default. */
function namesTemplatesDir(yaml: YamlSource | undefined): boolean {
  const value = yaml?.value;
  return typeof value === 'object' && value !== null && 'templates_dir' in value;
}

/**
 * The config with `required_sections` derived from the layout in use when the file sets none: the headings its
 * always-rendered sections print, with the charter roles they cite resolved. A role the map lacks is an error: the
 * honesty section's heading cannot be required, or found, without it.
 */
function derivedSections(
  config: WavecConfig,
  fragments: FragmentLibrary,
  charter: Charter,
  configFile: SourceFile | undefined,
  configYaml: YamlSource | undefined,
): { ok: true; config: WavecConfig } | { ok: false; diagnostics: Diagnostic[] } {
  if (config.required_sections) return { ok: true, config };
  const titled = [...charter.sections.values()]
    .sort((a, b) => a.number - b.number)
    .map((s) => ({ section: s.number, title: s.title }));
  const derived = deriveRequiredSections(
    config.layout,
    fragments,
    config.charter_roles ?? proposeCharterRoles(titled),
    new Map(titled.map((s) => [s.section, s.title])),
  );
  // An unknown layout is compile's located error; prompts are then held to no structure.
  if (!derived) return { ok: true, config: { ...config, required_sections: { headings: ['*'], match_case: false } } };
  if (derived.unmapped.length > 0) {
    const headings = titled.map((s) => `§${s.section} ${s.title}`).join(', ') || 'no § headings';
    return {
      ok: false,
      diagnostics: [...new Set(derived.unmapped)].map((role) =>
        diagnostic(
          'charter-role-unmapped',
          'error',
          `charter role "${role}" is not mapped in charter_roles (wavec.config.yaml), and the layout ` +
            `"${config.layout}" cites it in a section heading every prompt has; the charter has ${headings}`,
          configKeyAt({ configFile, configYaml }, 'charter_roles'),
          { hint: `add \`${role}: N\` under charter_roles, N the § of your charter that plays this role` },
        ),
      ),
    };
  }
  return { ok: true, config: { ...config, required_sections: { headings: derived.headings, match_case: false } } };
}
