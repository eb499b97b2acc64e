import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { WavecConfig } from '../schema/config.js';
import type { YamlSource } from '../syntax/yaml.js';
import { readCharter, type Charter } from './charter.js';
import { loadConfig } from './config.js';
import { baseTemplatesDir } from './base-layer.js';
import { loadFragments, type BaseLayer, type FragmentLibrary } from './fragments.js';
import { readSource, type SourceFile } from './read-source.js';
import { ruleSettingProblems } from './rule-settings.js';
import { SpecStore } from './spec-store.js';

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

/**
 * Loads config, fragment library and charter. Problems in different files
 * are all reported together, so one run shows everything to fix.
 */
export async function loadWorkspace(root: string): Promise<WorkspaceResult> {
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
  return {
    ok: true,
    workspace: {
      root: absoluteRoot,
      config: config.config,
      configFile: config.file,
      configYaml: config.yaml,
      fragments: library.fragments,
      base: library.base,
      charter,
      specs: new SpecStore(absoluteRoot, config.config),
    },
    diagnostics,
  };
}

/** Whether the config file sets `templates_dir` itself, rather than leaving the default. */
function namesTemplatesDir(yaml: YamlSource | undefined): boolean {
  const value = yaml?.value;
  return typeof value === 'object' && value !== null && 'templates_dir' in value;
}
