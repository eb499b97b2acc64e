import type { Command } from '../command.js';
import { compileCommand } from './compile.js';

/** Every CLI command; adding one is adding a file and a line here. */
export const COMMANDS: readonly Command[] = [compileCommand];
