import path from 'node:path';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { EXAMPLE } from './workspace.js';

/**
 * Usage errors and the exact stderr each prints (exit 2, nothing on stdout), run in the example fixture: the
 * in-process tests and the bin's run the same table.
 */
const usage = (name: string) => `Usage: wavec ${COMMANDS.find((c) => c.name === name)!.usage}\n`;
const LIST = 'Run `wavec --help` for the list of commands.\n';

export const USAGE_ERRORS: [string, string[], string][] = [
  [
    'an unknown help topic, with a suggestion',
    ['help', 'compiel'],
    `wavec: unknown command "compiel"; did you mean "compile"?\n${LIST}`,
  ],
  ['an unknown help topic close to none', ['help', 'frobnicate'], `wavec: unknown command "frobnicate"\n${LIST}`],
  ['an unknown command', ['reprot', '4'], `wavec: unknown command "reprot"; did you mean "report"?\n${LIST}`],
  [
    'a value that is not one of the choices',
    ['lint', '--format', 'xml'],
    `wavec lint: --format must be one of human, json, github, sarif, got "xml"\n${usage('lint')}`,
  ],
  ['a missing required positional', ['diff', '3'], `wavec diff: missing second wave\n${usage('diff')}`],
  ['an extra positional', ['report', '4', '5'], `wavec report: unexpected argument "5"\n${usage('report')}`],
  [
    'an unknown option, with a suggestion',
    ['pr', '4', '--wirte'],
    `wavec pr: unknown option --wirte; did you mean --write?\n${usage('pr')}`,
  ],
  [
    'a value given as --opt=value',
    ['explain', '4', '--by=bytes'],
    `wavec explain: --by must be tokens or lines, got "bytes"\n${usage('explain')}`,
  ],
  [
    'a value given as --opt value',
    ['explain', '4', '--by', 'bytes'],
    `wavec explain: --by must be tokens or lines, got "bytes"\n${usage('explain')}`,
  ],
  ['an argument starting with a dash', ['report', '-4'], `wavec report: unknown option -4\n${usage('report')}`],
  [
    'an argument starting with a dash after --, which ends the options',
    ['report', '--', '-4'],
    `wavec report: wave number must be a positive whole number, got "-4"\n${usage('report')}`,
  ],
  [
    'an option after --, taken as a path',
    ['lint', '--', '--strict'],
    `wavec lint: no such file or folder: ${path.join(EXAMPLE, '--strict')}\n`,
  ],
];
