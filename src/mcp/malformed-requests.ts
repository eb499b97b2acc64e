import { Transform, type TransformCallback } from 'node:stream';
import { ErrorCode, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/** A JSON-RPC error answer to a message the server will not pass on. */
export interface Refusal {
  id: string | number | null;
  /** The JSON-RPC error code; absent for a notification, which is never answered. */
  code?: number;
  message: string;
}

/**
 * Lets through the lines the SDK's transport can read (one JSON-RPC message each) and answers the others itself.
 * The transport drops a line it cannot read without answering, so a request with `"params": null` (or any shape
 * the protocol does not allow) would wait for an answer that never comes: here a request whose id can be read gets
 * an Invalid params (or Invalid request) error with that id, and a line that is not JSON a Parse error with id null,
 * as JSON-RPC asks. A malformed notification has no one to answer: it is only reported.
 */
export class MalformedRequests extends Transform {
  private partial: Buffer[] = [];

  constructor(private readonly refuse: (refusal: Refusal) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      this.partial.push(chunk.subarray(start, newline + 1));
      this.line(Buffer.concat(this.partial));
      this.partial = [];
      start = newline + 1;
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.partial.length > 0) this.line(Buffer.concat(this.partial));
    callback();
  }

  private line(line: Buffer): void {
    const text = line.toString('utf8').trim();
    if (text === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.refuse({ id: null, code: ErrorCode.ParseError, message: 'Parse error: the line is not JSON' });
      return;
    }
    if (JSONRPCMessageSchema.safeParse(parsed).success) {
      this.push(line);
      return;
    }
    const message = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
    if (typeof message.method === 'string' && id === undefined && !('id' in message)) {
      this.refuse({ id: null, message: `notification ${message.method} is not valid JSON-RPC: ignored` });
      return;
    }
    const paramsWrong =
      typeof message.method === 'string' &&
      'params' in message &&
      (typeof message.params !== 'object' || message.params === null || Array.isArray(message.params));
    this.refuse(
      paramsWrong
        ? { id: id ?? null, code: ErrorCode.InvalidParams, message: 'Invalid params: params must be an object' }
        : { id: id ?? null, code: ErrorCode.InvalidRequest, message: 'Invalid request: not a JSON-RPC 2.0 message' },
    );
  }
}
