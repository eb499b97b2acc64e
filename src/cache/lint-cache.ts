import { realpathSync } from 'node:fs';
import path from 'node:path';
import { TOKENIZER_ID } from '../analyse/tokens.js';
import type { LintOptions, LintResult } from '../lint.js';
import type { Workspace } from '../load/workspace.js';
import { provenancePath } from '../load/output-path.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/regular-file.js';
import { VERSION } from '../version.js';
import { CONFIG_FILE } from '../load/config-file.js';
import { isInside } from '../load/read-source.js';
import { isRecord, isString, readCacheFile, writeCacheFile } from './files.js';
import type { CacheFolder } from './folder.js';
import { hashOf, inputsUnchanged, isInputSnapshot, snapshotWithEverySpec, type InputSnapshot } from './inputs.js';

/** A lint as the CLI reports it. */
export interface LintOutcome {
  result: LintResult;
  /** The text linted, for source excerpts. */
  text: string | undefined;
  inputError: boolean;
}

interface LintEntry {
  wavec: 'lint-cache';
  version: string;
  tokenizer: string;
  key: string;
  /**
   * For a compiled prompt, every workspace input its lint read; null for a hand-written one (its config and text are
   * in the key).
   */
  inputs: InputSnapshot | null;
  result: LintResult;
}

/**
 * Lint results on disk, under `<cache>/lint/<key>.json`, one per prompt.
 * The key is the workspace, its config, the prompt's path and text, its
 * sidecar's text, the options and the versions; a compiled prompt's entry
 * also lists every fragment, spec and the charter by hash. A CI lint of
 * unchanged prompts then loads no Handlebars and no tokenizer.
 */
export class LintCache {
  private readonly root: string | undefined;
  private readonly configHash: string | null;
  /** Snapshots already verified in this run: prompts of one workspace share them. */
  private readonly verified = new Map<string, boolean>();

  constructor(
    private readonly cache: CacheFolder,
    workspaceRoot: string,
    private readonly options: LintOptions,
    /** The workspace's `max_file_bytes`: a prompt over it is not read here either (lint refuses it, unread). */
    private readonly maxFileBytes: number,
  ) {
    try {
      this.root = realpathSync.native(workspaceRoot);
    } catch {
      this.root = undefined;
    }
    this.configHash = this.root === undefined ? null : (hashOf(this.root, CONFIG_FILE) ?? null);
  }

  lookup(file: string): LintOutcome | undefined {
    const located = this.locate(file);
    if (!located) return undefined;
    const isEntry = (value: unknown): value is LintEntry =>
      isRecord(value) &&
      value.wavec === 'lint-cache' &&
      value.version === VERSION &&
      value.tokenizer === TOKENIZER_ID &&
      value.key === located.key &&
      (value.inputs === null || isInputSnapshot(value.inputs)) &&
      isLintResult(value.result);
    const entry = readCacheFile(this.cache, located.entry, isEntry);
    if (!entry || (entry.inputs === null ? this.options.drift : !this.unchanged(entry.inputs))) return undefined;
    return { result: entry.result, text: located.text, inputError: false };
  }

  /** Records a lint whose inputs were all readable; `workspace` is the one the lint used. */
  store(file: string, outcome: LintOutcome, workspace: Workspace): void {
    if (outcome.inputError || outcome.text === undefined) return;
    // Under --drift a prompt without a sidecar is checked against the specs (is it at a wave's path?): its result
    // depends on inputs its entry would not list.
    if (!outcome.result.compiled && this.options.drift) return;
    const located = this.locate(file);
    if (!located || located.text !== outcome.text) return;
    let inputs: InputSnapshot | null = null;
    if (outcome.result.compiled) {
      const snapshot = snapshotWithEverySpec(workspace);
      if (!snapshot || snapshot.config !== this.configHash || !this.unchanged(snapshot)) return;
      inputs = snapshot;
    }
    const entry: LintEntry = {
      wavec: 'lint-cache',
      version: VERSION,
      tokenizer: TOKENIZER_ID,
      key: located.key,
      inputs,
      result: outcome.result,
    };
    writeCacheFile(this.cache, located.entry, entry);
  }

  private unchanged(snapshot: InputSnapshot): boolean {
    const id = JSON.stringify(snapshot);
    let known = this.verified.get(id);
    if (known === undefined)
      this.verified.set(id, (known = this.root !== undefined && inputsUnchanged(this.root, snapshot)));
    return known;
  }

  private locate(file: string): { key: string; entry: string; text: string } | undefined {
    if (this.root === undefined) return undefined;
    const absolute = path.resolve(this.root, file);
    const read = readRegularFile(absolute, this.maxFileBytes);
    if (read.kind !== 'ok') return undefined;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    } catch {
      return undefined;
    }
    // Linted texts are normalised (no BOM, LF): a file that needs it is simply not cached.
    if (text.charCodeAt(0) === 0xfeff || text.includes('\r')) return undefined;
    const relative = path.relative(this.root, absolute);
    const sidecar = !isInside(this.root, absolute)
      ? null
      : (hashOf(this.root, provenancePath(relative.split(path.sep).join('/'))) ?? null);
    const key = sha256(
      JSON.stringify({
        version: VERSION,
        tokenizer: TOKENIZER_ID,
        root: this.root,
        config: this.configHash,
        file: absolute,
        text: sha256(text),
        sidecar,
        options: { strict: Boolean(this.options.strict), drift: Boolean(this.options.drift) },
      }),
    ).slice('sha256:'.length);
    return { key, entry: path.join(this.cache.directory, 'lint', `${key}.json`), text };
  }
}

function isLintResult(value: unknown): value is LintResult {
  return (
    isRecord(value) &&
    isString(value.path) &&
    typeof value.ok === 'boolean' &&
    typeof value.compiled === 'boolean' &&
    isRecord(value.stats) &&
    typeof value.stats.tokens === 'number' &&
    Array.isArray(value.diagnostics) &&
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
