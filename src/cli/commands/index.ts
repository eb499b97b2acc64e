import type { Command } from '../command.js';
import { compileCommand } from './compile.js';
import { diffCommand } from './diff.js';
import { ejectCommand } from './eject.js';
import { explainCommand } from './explain.js';
import { handbackCommand } from './handback.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { mcpCommand } from './mcp.js';
import { newCommand } from './new.js';
import { prCommand } from './pr.js';
import { reportCommand } from './report.js';
import { schemaCommand } from './schema.js';
import { statusCommand } from './status.js';

/** Every CLI command; adding one is adding a file and a line here. */
export const COMMANDS: readonly Command[] = [
  compileCommand,
  lintCommand,
  reportCommand,
  prCommand,
  handbackCommand,
  statusCommand,
  initCommand,
  newCommand,
  ejectCommand,
  explainCommand,
  diffCommand,
  schemaCommand,
  mcpCommand,
];
