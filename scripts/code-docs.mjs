// Writes the tables of docs/errors.md and the index of docs/rules.md from the code table (src/schema/codes.ts,
// read from its build in dist/): `npm run docs`. A table sits between `<!-- codes: <group> -->` and `<!-- /codes -->`;
// everything around the markers is hand-written and left as it is. test/codes/docs.test.ts holds the files equal to
// what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MARKED = /(<!-- codes: ([a-z-]+) -->\n)[\s\S]*?(<!-- \/codes -->)/g;

/** A Markdown code span of `text`, fenced by more backticks than it holds, with `|` escaped for a table cell. */
function codeSpan(text) {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = longest > 0 ? ` ${text} ` : text;
  return `${fence}${padded.replaceAll('|', '\\|')}${fence}`;
}

const cell = (text) => text.replaceAll('|', '\\|');

function exampleCell(entry) {
  if (entry.unreachable) return `none: ${cell(entry.unreachable)}`;
  return entry.examples
    .map((example) => `${codeSpan(example.message)}${example.context ? ` (${cell(example.context)})` : ''}`)
    .join('; ');
}

/** The rows of docs/errors.md, by group: every input code, and every rule that also reports a problem in the inputs. */
function errorRows(codes) {
  const rows = new Map();
  const add = (group, row) => rows.set(group, [...(rows.get(group) ?? []), row]);
  for (const [code, entry] of Object.entries(codes)) {
    const docs = entry.group === 'prompt-rule' || entry.group === 'phase-rule' ? entry.inputs : entry;
    if (!docs) continue;
    add(docs.group, `| \`${code}\` | ${entry.severity} | ${exampleCell(docs)} | ${cell(docs.summary)} |`);
  }
  return rows;
}

function ruleRows(codes, group) {
  return Object.entries(codes)
    .filter(([, entry]) => entry.group === group)
    .map(([code, entry]) => `| [\`${code}\`](#${code}) | ${entry.severity} | ${cell(entry.summary)} |`);
}

/** The table a marker asks for. */
function table(codes, group) {
  if (group === 'prompt-rule' || group === 'phase-rule')
    return ['| code | severity | checks |', '| --- | --- | --- |', ...ruleRows(codes, group)];
  const rows = errorRows(codes).get(group);
  if (!rows) throw new Error(`no code of the table is in the group "${group}"`);
  return ['| code | severity | example | what to do |', '| --- | --- | --- | --- |', ...rows];
}

/** `text` with every marked table written afresh from `codes`; the groups it marks, in order. */
export function writeCodeTables(text, codes) {
  const groups = [];
  const written = text.replace(MARKED, (_, open, group, close) => {
    groups.push(group);
    return `${open}\n${table(codes, group).join('\n')}\n\n${close}`;
  });
  return { text: written, groups };
}

export const DOCS = ['docs/errors.md', 'docs/rules.md'];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { CODES } = await import(pathToFileURL(path.join(root, 'dist/schema/codes.js')).href);
  for (const doc of DOCS) {
    const file = path.join(root, doc);
    const before = readFileSync(file, 'utf8');
    const { text } = writeCodeTables(before, CODES);
    if (text !== before) writeFileSync(file, text);
    process.stdout.write(`${doc} ${text === before ? 'unchanged' : 'written'}\n`);
  }
}
