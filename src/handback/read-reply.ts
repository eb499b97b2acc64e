import { readFile, stat } from 'node:fs/promises';
import { diagnostic, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a reply file from wherever the operator saved it (it is not a
 * workspace input): a regular file, not larger than `maxBytes`, UTF-8 text.
 * Diagnostics name it `display`, the path as it was given.
 */
export async function readReplyFile(absolute: string, display: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] }> {
  const fail = (code: string, message: string) => ({ ok: false as const, diagnostics: [diagnostic(code, 'error', message, fileStart(display))] });
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return fail('file-not-found', `file not found: ${display}`);
  if (!info.isFile()) return fail('file-not-found', `not a regular file: ${display}`);
  if (info.size > maxBytes) return fail('file-too-large', `${display} is ${info.size} bytes; the limit is ${maxBytes} bytes`);
  return decodeReply(await readFile(absolute), display);
}

export function decodeReply(bytes: Uint8Array, display: string): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } {
  if (bytes.includes(0)) return { ok: false, diagnostics: [diagnostic('file-binary', 'error', `${display} is a binary file (it contains NUL bytes)`, fileStart(display))] };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, diagnostics: [diagnostic('file-encoding', 'error', `${display} is not valid UTF-8`, fileStart(display))] };
  }
}
