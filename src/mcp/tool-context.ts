import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What every tool's registration needs from the server. */
export interface ToolContext {
  /** Absolute workspace root every tool works in. */
  root: string;
  /**
   * Runs a tool body. Content problems come back as diagnostics; an
   * exception is a wavec bug or an environment failure: it is logged to
   * stderr and rethrown, and the SDK turns it into an `isError` answer, so
   * the server keeps serving.
   */
  guard(tool: string, body: () => Promise<CallToolResult>): Promise<CallToolResult>;
  /** Resolves once no tool call is running, so closing never drops an answer. */
  drained(): Promise<void>;
}

export function toolContext(root: string, log: (text: string) => void, debug: boolean): ToolContext {
  const running = new Set<Promise<unknown>>();
  return {
    root,
    guard(tool, body) {
      const call = body().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log(`wavec mcp: ${tool}: internal error: ${message}\n`);
        if (debug && error instanceof Error && error.stack) log(`${error.stack}\n`);
        throw error;
      });
      const settled = call.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return call;
    },
    async drained() {
      // A request read just before end of input may not have reached its
      // tool yet: let queued work start, then wait for it, until none is left.
      do {
        await new Promise((resolve) => setImmediate(resolve));
        await Promise.all(running);
      } while (running.size > 0);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
