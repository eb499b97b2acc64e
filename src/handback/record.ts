import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { writeTextOutput } from '../emit/write-text.js';
import { sha256 } from '../util/hash.js';
import { readRegularFile } from '../util/regular-file.js';
import { normalizeNewlines } from '../util/text.js';
import type { HandBackReading } from './check.js';
import type { HandBackResult } from './hand-back.js';

/**
 * What `wavec handback --record` stores beside the prompt
 * (`prompts/phase-02-wave-4.handback.json`): the checked result, in a fixed
 * key order and without timestamps or paths, so that recording the same reply
 * twice writes the same bytes and a new reply diffs line by line. Its open
 * items are where the next wave starts: `wavec new` offers each, `wavec
 * status` says whether a later wave carried it.
 */
export const RECORD_FORMAT = 'wavec-handback/1';

const ClaimRecord = z.object({
  kind: z.enum(['audit', 'manifest', 'unverified']),
  label: z.enum(['verified', 'assumed', 'unknown']).nullable(),
  text: z.string(),
});

/** An open loop the reply left: a noticed-not-done entry, an UNVERIFIED claim, a blocked PR. */
export const OpenItem = z.object({
  kind: z.enum(['noticed', 'unverified', 'blocked']),
  /** The module (UNVERIFIED) or planned PR (blocked) it is about; null for a noticed entry. */
  about: z.string().nullable(),
  text: z.string(),
});
export type OpenItem = z.infer<typeof OpenItem>;

export const HandBackRecord = z.object({
  format: z.literal(RECORD_FORMAT),
  phase: z.int().positive(),
  wave: z.int().positive(),
  /** The hash of the reply recorded (LF line endings, no BOM). */
  reply: z.string(),
  met_contract: z.boolean(),
  findings: z.array(z.object({ code: z.string(), line: z.int(), column: z.int(), message: z.string() })),
  prs: z.array(
    z.object({ number: z.int(), id: z.string(), url: z.string().nullable(), blocked: z.string().nullable() }),
  ),
  modules: z.array(z.object({ id: z.string(), claims: z.array(ClaimRecord), unverified: z.array(z.string()) })),
  items: z.array(
    z.object({
      number: z.int(),
      asked: z.string(),
      answer: z.string().nullable(),
      not_applicable: z.boolean(),
    }),
  ),
  noticed: z.array(z.string()),
  open_items: z.array(OpenItem),
});
export type HandBackRecord = z.infer<typeof HandBackRecord>;

/** `prompts/phase-02-wave-4.md` → `prompts/phase-02-wave-4.handback.json`. */
export function recordPath(promptPath: string): string {
  return `${promptPath.replace(/\.md$/, '')}.handback.json`;
}

/** The open loops of a reading: every noticed entry, every UNVERIFIED claim, every blocked PR. */
export function openItemsOf(reading: HandBackReading): OpenItem[] {
  return [
    ...reading.noticed.map((text) => ({ kind: 'noticed' as const, about: null, text })),
    ...reading.modules.flatMap((module) =>
      module.unverified.map((text) => ({ kind: 'unverified' as const, about: module.id, text })),
    ),
    ...reading.prs.flatMap((pr) =>
      pr.blocked === null ? [] : [{ kind: 'blocked' as const, about: pr.id, text: pr.blocked }],
    ),
  ];
}

/** The record of a checked reply; every key in a fixed order. */
export function buildRecord(
  result: Required<Pick<HandBackResult, 'contract' | 'reading'>> & Pick<HandBackResult, 'ok' | 'diagnostics'>,
  replyText: string,
): HandBackRecord {
  const { contract, reading } = result;
  return {
    format: RECORD_FORMAT,
    phase: contract.phase,
    wave: contract.wave,
    reply: sha256(normalizeNewlines(replyText)),
    met_contract: result.ok,
    findings: result.diagnostics.map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message })),
    prs: reading.prs.map((pr) => ({ number: pr.number, id: pr.id, url: pr.url, blocked: pr.blocked })),
    modules: reading.modules.map((module) => ({
      id: module.id,
      claims: module.claims.map((claim) => ({ kind: claim.kind, label: claim.label, text: claim.text })),
      unverified: module.unverified,
    })),
    items: reading.items.map((item) => ({
      number: item.number,
      asked: item.asked,
      answer: item.answer,
      not_applicable: item.not_applicable,
    })),
    noticed: reading.noticed,
    open_items: openItemsOf(reading).map((item) => ({ kind: item.kind, about: item.about, text: item.text })),
  };
}

export function serializeRecord(record: HandBackRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/**
 * Writes the record beside the wave's prompt, atomically, never through a
 * link or outside the workspace.
 */
export async function writeRecord(
  root: string,
  promptPath: string,
  record: HandBackRecord,
): Promise<{ ok: true; path: string; status: 'written' | 'unchanged' } | { ok: false; diagnostics: Diagnostic[] }> {
  const target = recordPath(promptPath);
  const written = await writeTextOutput(root, target, serializeRecord(record));
  return written.ok ? { ok: true, path: target, status: written.status } : written;
}

/** A recorded hand-back, or why it cannot be read (absent: no record). */
export type RecordRead =
  { kind: 'absent' } | { kind: 'unreadable'; reason: string } | { kind: 'ok'; record: HandBackRecord };

/** A record is a few kilobytes; a larger file there is not read. */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/** Reads the record beside a prompt; one that is not a record of this format is unreadable, never trusted. */
export function readRecord(root: string, promptPath: string): RecordRead {
  const read = readRegularFile(path.join(root, recordPath(promptPath)), MAX_RECORD_BYTES);
  if (read.kind === 'missing') return { kind: 'absent' };
  if (read.kind === 'not-regular') return { kind: 'unreadable', reason: `it is ${read.what}` };
  if (read.kind === 'too-large') return { kind: 'unreadable', reason: `it is ${read.size} bytes` };
  if (read.kind === 'unreadable') return { kind: 'unreadable', reason: read.reason };
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return { kind: 'unreadable', reason: 'it is not JSON' };
  }
  const parsed = HandBackRecord.safeParse(value);
  return parsed.success
    ? { kind: 'ok', record: parsed.data }
    : { kind: 'unreadable', reason: `it is not a ${RECORD_FORMAT} record` };
}
