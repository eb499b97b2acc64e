import { defineCommand } from '../command.js';
import { EXIT } from '../io.js';

export const mcpCommand = defineCommand({
  name: 'mcp',
  summary: 'Serve wavec as a Model Context Protocol server over stdio, for agent clients.',
  workspace: 'required',
  positionals: [],
  options: {},
  details: `Tools: compile_wave, lint_prompt, explain_budget, list_fragments, new_wave
(see the README's "MCP server" section).
stdout carries only protocol messages; logs go to stderr. The server runs until
the client closes its stdin, then exits 0.

Register it with a client by absolute paths, so it works from any folder:
  /path/to/workspace/node_modules/.bin/wavec mcp --root /path/to/workspace`,
  async execute(_args, { io, root, debug }) {
    // stdout is the transport: anything a dependency logs through console
    // would corrupt the protocol stream, so it goes to stderr instead.
    const toStderr = (...values: unknown[]) => console.error(...values);
    console.log = console.info = console.debug = console.dir = console.table = toStderr;
    const { serveStdio } = await import('../../mcp/server.js');
    await serveStdio(
      { root, log: (text) => io.stderr.write(text), debug },
      { stdin: process.stdin, stdout: process.stdout },
    );
    return EXIT.ok;
  },
});
