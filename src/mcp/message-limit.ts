import { Transform, type TransformCallback } from 'node:stream';

/**
 * Largest JSON-RPC message (one line) the MCP server reads: 4 MiB. The SDK's
 * transport closes the whole connection on a line over 10 MiB; wavec instead
 * refuses the one message and keeps serving. No tool needs more than a few
 * KiB of arguments (a prompt's text for lint_prompt is at most 2 MiB).
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * Passes complete lines through; a line longer than `limit` is dropped
 * (never buffered past the limit) and reported with its size.
 */
export class MessageLimit extends Transform {
  private parts: Buffer[] = [];
  private size = 0;
  private dropping = false;

  constructor(
    private readonly limit: number,
    private readonly onOversized: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      const piece = chunk.subarray(start, end);
      this.size += piece.length;
      if (!this.dropping && this.size > this.limit + 1) {
        this.dropping = true;
        this.parts = [];
      }
      if (!this.dropping) this.parts.push(piece);
      if (newline !== -1) this.endLine();
      start = end;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.size > 0) this.endLine();
    callback();
  }

  private endLine(): void {
    if (this.dropping) this.onOversized(this.size);
    else this.push(Buffer.concat(this.parts));
    this.parts = [];
    this.size = 0;
    this.dropping = false;
  }
}
