import path from 'node:path';
import { TOKENIZER_ID } from '../analyse/tokens.js';
import type { CompileRequest, CompileResult } from '../compile.js';
import type { Budget } from '../schema/config.js';
import { sha256 } from '../util/hash.js';
import { VERSION } from '../version.js';
import { CONFIG_FILE } from '../load/config-file.js';
import { isRecord, isString, readCacheFile, writeCacheFile } from './files.js';
import type { CacheFolder } from './folder.js';
import {
  hashOf,
  inputsUnchanged,
  isInputSnapshot,
  realRootOf,
  snapshotWithEverySpec,
  type InputSnapshot,
} from './inputs.js';

/**
 * A compile as the CLI prints and writes it: the result without its loaded facts, and the budget it was checked
 * against.
 */
export interface CachedCompile {
  result: CompileResult;
  budget: Budget;
}

interface CompileEntry {
  wavec: 'compile-cache';
  version: string;
  tokenizer: string;
  key: string;
  inputs: InputSnapshot;
  result: Omit<CompileResult, 'facts'>;
  budget: Budget;
}

/**
 * Compile results on disk, under `<cache>/compile/<key>.json`. The key is
 * the workspace, its config (by hash), the request, wavec's version and the
 * tokenizer's; the entry lists every other input by hash and is used only
 * while all of them are unchanged. A hit needs no YAML parser, no schema,
 * no Handlebars, no tokenizer and no remark.
 */
export function lookupCompile(cache: CacheFolder, root: string, request: CompileRequest): CachedCompile | undefined {
  const located = locate(cache.directory, root, request);
  if (!located) return undefined;
  const isEntry = (value: unknown): value is CompileEntry =>
    isRecord(value) &&
    value.wavec === 'compile-cache' &&
    value.version === VERSION &&
    value.tokenizer === TOKENIZER_ID &&
    value.key === located.key &&
    isInputSnapshot(value.inputs) &&
    isCompileResult(value.result) &&
    isBudget(value.budget);
  const entry = readCacheFile(cache, located.file, isEntry);
  if (
    !entry ||
    entry.inputs.config !== located.configHash ||
    !promptIsItsOwn(entry.result) ||
    !inputsUnchanged(located.root, entry.inputs)
  )
    return undefined;
  return { result: entry.result as CompileResult, budget: entry.budget };
}

/** Records a fresh compile that produced a prompt, if its inputs did not change while it ran. */
export function storeCompile(cache: CacheFolder, root: string, request: CompileRequest, result: CompileResult): void {
  const facts = result.facts;
  if (!result.prompt || !facts) return;
  const located = locate(cache.directory, root, request);
  // The compile ran the phase-wide rules, which read every spec: a change to any of them invalidates it. The snapshot
  // is of what the compile read, so a file changed while it ran makes the entry a miss; nothing is read again here.
  const inputs = snapshotWithEverySpec(facts.workspace);
  if (!located || !inputs || inputs.config !== located.configHash) return;
  const { facts: _facts, ...stored } = result;
  const entry: CompileEntry = {
    wavec: 'compile-cache',
    version: VERSION,
    tokenizer: TOKENIZER_ID,
    key: located.key,
    inputs,
    result: stored,
    budget: facts.composition.context.budget,
  };
  writeCacheFile(cache, located.file, entry);
}

/**
 * What a signed entry must still agree with: the prompt text with the hash its provenance records, and a path that
 * `output_name` can name (relative, inside, a `.md` file). The signature already proves wavec wrote the entry; these
 * keep a cache written by a faulty version from naming a file a prompt can never be.
 */
function promptIsItsOwn(result: Omit<CompileResult, 'facts'>): boolean {
  const { prompt, provenance } = result;
  if (!prompt) return false;
  const normalized = path.posix.normalize(prompt.path);
  return (
    !path.posix.isAbsolute(normalized) &&
    normalized !== '..' &&
    !normalized.startsWith('../') &&
    normalized.endsWith('.md') &&
    provenance?.prompt.hash === sha256(prompt.text)
  );
}

function locate(
  cacheDir: string,
  root: string,
  request: CompileRequest,
): { root: string; key: string; file: string; configHash: string | null } | undefined {
  const realRoot = realRootOf(root);
  if (realRoot === undefined) return undefined;
  const configHash = hashOf(realRoot, CONFIG_FILE) ?? null;
  const key = sha256(
    JSON.stringify({
      version: VERSION,
      tokenizer: TOKENIZER_ID,
      root: realRoot,
      config: configHash,
      wave: request.wave,
      phase: request.phase ?? null,
    }),
  ).slice('sha256:'.length);
  return { root: realRoot, key, file: path.join(cacheDir, 'compile', `${key}.json`), configHash };
}

function isCompileResult(value: unknown): boolean {
  if (
    !isRecord(value) ||
    typeof value.ok !== 'boolean' ||
    !Array.isArray(value.sections) ||
    !Array.isArray(value.diagnostics)
  )
    return false;
  const prompt = value.prompt;
  const stats = value.stats;
  return (
    isRecord(prompt) &&
    isString(prompt.path) &&
    isString(prompt.text) &&
    isRecord(stats) &&
    typeof stats.lines === 'number' &&
    typeof stats.tokens === 'number' &&
    isString(stats.encoding) &&
    Array.isArray(stats.sections) &&
    Array.isArray(stats.fragments) &&
    isRecord(value.provenance) &&
    value.diagnostics.every(
      (d) =>
        isRecord(d) &&
        isString(d.code) &&
        isString(d.severity) &&
        isString(d.message) &&
        isString(d.file) &&
        typeof d.line === 'number' &&
        typeof d.column === 'number',
    )
  );
}

function isBudget(value: unknown): value is Budget {
  return (
    isRecord(value) &&
    typeof value.max_tokens === 'number' &&
    typeof value.max_lines === 'number' &&
    typeof value.reserve_tokens === 'number'
  );
}
