import { diagnostic, sortDiagnostics, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { ContractPr, HandBackContract } from './contract.js';
import { fenceOpening } from '../syntax/markdown-lines.js';
import { prUrls } from './forge-urls.js';
import { contentOf, mentions, readReply, startsWithId, type Reply, type ReplyLine } from './reply.js';

const LABEL = /\b(?:verified|assumed|unknown)\b/i;
const LABEL_ONLY = /^[\s*_]*(?:verified|assumed|unknown)[\s*_:]*$/i;
/** The words a health observation states a container's state with. */
const STATES = [
  'running',
  'up',
  'exited',
  'stopped',
  'healthy',
  'unhealthy',
  'restarting',
  'paused',
  'created',
  'dead',
  'starting',
  'down',
  'absent',
  'missing',
  'removed',
  'not found',
];
const STATE = new RegExp(`\\b(?:${STATES.join('|')})\\b`, 'i');
/** The well-known tools whose name in the text marks a command. */
const COMMAND_TOOLS = [
  'docker',
  'podman',
  'nerdctl',
  'kubectl',
  'systemctl',
  'redis-cli',
  'psql',
  'pg_isready',
  'curl',
  'wget',
];
/**
 * A command: in a code span, after a prompt (`$ `), after a `Command:` label, or a well-known tool named in the
 * text.
 */
const COMMAND = new RegExp(
  '`[^`\\n]+`|^\\s*\\$\\s+\\S|\\bcommand\\s*:\\s*\\S|' + `\\b(?:${COMMAND_TOOLS.join('|')})\\s+\\S`,
  'i',
);

/** What each module's part names, and how a line says it. */
const MODULE_LINES = [
  { kind: 'audit', what: 'what the audit found', pattern: /\baudit(?:ed|s)?\b|\bfound\b/i, labelled: true },
  { kind: 'manifest', what: 'what the manifest declares', pattern: /\bmanifests?\b|\bdeclare[sd]?\b/i, labelled: true },
  {
    kind: 'unverified',
    what: 'what is UNVERIFIED (or "UNVERIFIED: none")',
    pattern: /\bunverified\b/i,
    labelled: false,
  },
] as const;

/**
 * Checks an agent's reply against a wave's hand-back contract. Every
 * finding is located in the reply (`file`); a part that is missing
 * altogether is reported at the reply's first line.
 */
export function checkReply(contract: HandBackContract, reply: { path: string; text: string }): Diagnostic[] {
  const entryIds = contract.prs.map((pr) => pr.id);
  const read = readReply(reply.text, entryIds, contract.subsystem);
  const at = (line: ReplyLine, index = line.contentStart): SourceLocation => ({
    file: reply.path,
    line: line.number,
    column: index + 1,
  });
  const start: SourceLocation = { file: reply.path, line: 1, column: 1 };
  const blocks = moduleBlocks(contract, read);
  // concat, not push(...): a hostile reply can have more findings than a call has arguments.
  return sortDiagnostics(
    checkPrs(contract, read, blocks, at, start).concat(
      checkModules(contract, blocks, read, at, start),
      checkHealth(contract, read, at, start),
      checkNoticed(read, at, start),
    ),
  );
}

type At = (line: ReplyLine, index?: number) => SourceLocation;

interface ModuleBlock {
  id: string;
  header: ReplyLine;
  lines: ReplyLine[];
}

/**
 * Each module's part: from a line that starts with its id (a heading, an
 * item, a table row) to the next such line, inside the per-module part, or
 * anywhere outside the other parts when the reply has no per-module part.
 */
function moduleBlocks(contract: HandBackContract, reply: Reply): Map<string, ModuleBlock[]> {
  const modulesPart = reply.parts.some((p) => p.kind === 'modules');
  const inRegion = (i: number) => (modulesPart ? reply.partOf[i]?.kind === 'modules' : reply.partOf[i] === undefined);
  const blocks = new Map<string, ModuleBlock[]>();
  let current: ModuleBlock | undefined;
  reply.lines.forEach((line, i) => {
    if (!inRegion(i)) {
      current = undefined;
      return;
    }
    const id =
      line.fenced || (!modulesPart && prUrls(line.text).length > 0)
        ? undefined
        : contract.modules.find((m) => startsWithId(line, m.id))?.id;
    if (id) {
      current = { id, header: line, lines: [line] };
      const list = blocks.get(id);
      if (list) list.push(current);
      else blocks.set(id, [current]);
    } else if (current && current.header.heading > 0 && line.heading > 0 && line.heading <= current.header.heading)
      current = undefined;
    else current?.lines.push(line);
  });
  return blocks;
}

function checkPrs(
  contract: HandBackContract,
  reply: Reply,
  blocks: Map<string, ModuleBlock[]>,
  at: At,
  start: SourceLocation,
): Diagnostic[] {
  const prsParts = reply.parts.filter((p) => p.kind === 'prs');
  const inBlock = new Set([...blocks.values()].flat().flatMap((b) => b.lines));
  let listing: { line: ReplyLine; entry?: ContractPr }[] =
    prsParts.length > 0
      ? prsParts.flatMap((p) => p.lines).map((line) => ({ line }))
      : reply.lines.filter((line, i) => reply.partOf[i] === undefined && !inBlock.has(line)).map((line) => ({ line }));
  const listed = (lines: typeof listing) => lines.some(({ line }) => prUrls(line.text).length > 0 || isBlocked(line));
  if (prsParts.length === 0 && !listed(listing)) {
    // No PR list of its own: the URLs given in each module's part.
    listing = [...blocks.entries()].flatMap(([id, list]) =>
      list.flatMap((b) => b.lines).map((line) => ({ line, entry: contract.prs.find((pr) => pr.id === id) })),
    );
  }

  interface Item {
    line: ReplyLine;
    column: number;
    url?: string;
    entry?: ContractPr;
  }
  const found: Diagnostic[] = [];
  const items: Item[] = [];
  const firstSeen = new Map<string, ReplyLine>();
  for (const { line, entry } of listing) {
    const urls = prUrls(line.text);
    const blocked = urls.length === 0 && isBlocked(line);
    const count = urls.length + (blocked ? 1 : 0);
    const explicit = entry ?? (count === 1 ? entryNamedBy(contract, line) : undefined);
    for (const url of urls) {
      const first = firstSeen.get(url.key);
      if (first) {
        found.push(
          diagnostic(
            'handback-pr-duplicate',
            'error',
            `PR URL ${url.url} is given twice (first on line ${first.number}): each planned PR has its own`,
            at(line, url.index),
            {
              related: {
                ...at(first, first.text.toLowerCase().indexOf(url.url.toLowerCase())),
                message: 'first given here',
              },
            },
          ),
        );
        continue;
      }
      firstSeen.set(url.key, line);
      items.push({ line, column: url.index, url: url.url, ...(explicit ? { entry: explicit } : {}) });
    }
    if (blocked) {
      items.push({ line, column: line.text.search(/\bblocked\b/i), ...(explicit ? { entry: explicit } : {}) });
    }
  }

  const assigned = new Map<number, Item>();
  const extra = (item: Item, message: string) =>
    found.push(diagnostic('handback-pr-extra', 'error', message, at(item.line, item.column)));
  for (const item of items.filter((i) => i.entry)) {
    const previous = assigned.get(item.entry!.number);
    if (previous)
      extra(
        item,
        `a second ${item.url ? `PR URL (${item.url})` : 'report'} for PR ${item.entry!.number} (${item.entry!.id}): ` +
          `one URL per planned PR (the first is on line ${previous.line.number})`,
      );
    else assigned.set(item.entry!.number, item);
  }
  for (const item of items.filter((i) => !i.entry)) {
    const next = contract.prs.find((pr) => !assigned.has(pr.number));
    if (!next) {
      extra(
        item,
        `${item.url ? `PR URL ${item.url}` : 'this blocked report'} ` +
          `is one more than the ${plural(contract.prs.length, 'PR')} the plan has`,
      );
      continue;
    }
    item.entry = next;
    assigned.set(next.number, item);
  }
  for (const [number, item] of assigned) {
    if (!item.url && !hasReason(item.line, contract)) {
      found.push(
        diagnostic(
          'handback-blocked-reason',
          'error',
          `PR ${number} (${item.entry!.id}) is reported blocked without a reason`,
          at(item.line, item.column),
        ),
      );
    }
  }
  const urlCount = items.filter((i) => i.url).length;
  const where = prsParts[0] ? at(prsParts[0].header) : items[0] ? at(items[0].line) : start;
  for (const pr of contract.prs.filter((p) => !assigned.has(p.number))) {
    found.push(
      diagnostic(
        'handback-pr-missing',
        'error',
        `no PR URL for PR ${pr.number} (${pr.id}), and it is not reported blocked: ` +
          `the plan has ${plural(contract.prs.length, 'PR')}, the reply gives ${plural(urlCount, 'URL')}`,
        where,
      ),
    );
  }
  return found;
}

function checkModules(
  contract: HandBackContract,
  blocks: Map<string, ModuleBlock[]>,
  reply: Reply,
  at: At,
  start: SourceLocation,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const modulesPart = reply.parts.find((p) => p.kind === 'modules');
  for (const module of contract.modules) {
    const list = blocks.get(module.id);
    if (!list) {
      found.push(
        diagnostic(
          'handback-module-missing',
          'error',
          `no part for module ${module.id}: what the audit found, what the manifest declares, what is UNVERIFIED`,
          modulesPart ? at(modulesPart.header) : start,
        ),
      );
      continue;
    }
    const claims = list.flatMap((block) => claimsOf(block, reply, module.id));
    const missing = MODULE_LINES.filter((kind) => !claims.some((c) => c.kinds.has(kind.kind)));
    if (missing.length > 0) {
      found.push(
        diagnostic(
          'handback-module-incomplete',
          'error',
          `the part for ${module.id} does not say ${listed(
            missing.map((m) => m.what),
            'or',
          )}`,
          at(list[0]!.header),
        ),
      );
    }
    if (!contract.labels) continue;
    for (const kind of MODULE_LINES.filter((k) => k.labelled)) {
      for (const claim of claims.filter((c) => c.kind === kind.kind && !c.labelled)) {
        found.push(
          diagnostic(
            'handback-claim-unlabelled',
            'error',
            `${module.id}: ${kind.what} is not labelled verified, assumed or unknown ` +
              `(charter §${contract.labels.section})`,
            at(claim.line, claim.column),
          ),
        );
      }
    }
  }
  return found;
}

interface Claim {
  /** The kind the line starts with; `kinds` is every kind it names. */
  kind: string;
  kinds: Set<string>;
  line: ReplyLine;
  column: number;
  labelled: boolean;
}

/**
 * The claims of a module's part: a line naming what it says (audit,
 * manifest, UNVERIFIED) starts one, lines after it continue it. A line that
 * is only a label (`Verified:`) labels the claims under it. In a table, the
 * header row names each column.
 */
function claimsOf(block: ModuleBlock, reply: Reply, id: string): Claim[] {
  if (block.header.table) return tableClaims(block.header, reply);
  const claims: Claim[] = [];
  let group = false;
  let current: Claim | undefined;
  for (const line of block.lines) {
    const text =
      line === block.header
        ? line.text.slice(line.text.toLowerCase().indexOf(id.toLowerCase()) + id.length)
        : line.text;
    const offset = line.text.length - text.length;
    if (LABEL_ONLY.test(contentOf(line)) && line !== block.header) {
      group = true;
      continue;
    }
    const named = MODULE_LINES.map((kind) => ({ kind: kind.kind, index: text.search(kind.pattern) })).filter(
      (n) => n.index !== -1,
    );
    if (named.length === 0) {
      if (current && LABEL.test(text)) current.labelled = true;
      continue;
    }
    const first = named.reduce((a, b) => (b.index < a.index ? b : a));
    current = {
      kind: first.kind,
      kinds: new Set(named.map((n) => n.kind)),
      line,
      column: offset + first.index,
      labelled: group || LABEL.test(text),
    };
    claims.push(current);
  }
  return claims;
}

function tableClaims(row: ReplyLine, reply: Reply): Claim[] {
  const header = cells(reply.lines[row.tableStart - 1]!.text);
  const values = cells(row.text);
  const labelled = values.some(
    (value, i) => LABEL.test(value) && !MODULE_LINES.some((k) => k.pattern.test(header[i] ?? '')),
  );
  return MODULE_LINES.flatMap((kind) => {
    const column = header.findIndex((h) => kind.pattern.test(h));
    if (column === -1 || values[column] === undefined) return [];
    return [
      {
        kind: kind.kind,
        kinds: new Set<string>([kind.kind]),
        line: row,
        column: row.text.indexOf(values[column]!),
        labelled: labelled || LABEL.test(values[column]!),
      },
    ];
  });
}

function cells(text: string): string[] {
  return text
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

function checkHealth(contract: HandBackContract, reply: Reply, at: At, start: SourceLocation): Diagnostic[] {
  const parts = reply.parts.filter((p) => p.kind === 'health');
  if (parts.length === 0) {
    return [
      diagnostic(
        'handback-health-missing',
        'error',
        `no ${contract.subsystem} subsystem health observation: ` +
          "the state of each module's container, with the command that showed it",
        start,
      ),
    ];
  }
  const lines = parts.flatMap((p) => p.lines);
  const position = new Map(lines.map((line, i) => [line, i]));
  const header = parts[0]!.header;
  const found: Diagnostic[] = [];
  const containers = contract.modules.map((m) => m.container);
  // "The n8n subsystem" names the subsystem, not the container n8n.
  const subsystem = `${contract.subsystem.toLowerCase()} subsystem`;
  const named = (text: string) => mentions(text.toLowerCase().split(subsystem).join(' '), containers);
  for (const module of contract.modules) {
    const mentioned = lines.filter((line) => named(line.text).some((m) => m.id === module.container));
    if (mentioned.length === 0) {
      found.push(
        diagnostic(
          'handback-health-container',
          'error',
          `the health observation does not name the container of ${module.id}`,
          at(header),
        ),
      );
      continue;
    }
    if (!mentioned.some((line) => STATE.test(unitOf(line, lines, position.get(line)!, named)))) {
      found.push(
        diagnostic(
          'handback-health-container',
          'error',
          `the health observation names the container of ${module.id} but not its state (running, exited, healthy, …)`,
          at(mentioned[0]!, mentioned[0]!.text.toLowerCase().indexOf(module.container.toLowerCase())),
        ),
      );
    }
  }
  // A fenced line that is not a fence of its own: code, whatever its indentation.
  const code = (line: ReplyLine) => line.fenced && !fenceOpening(line.text.replace(/^\s+/, ''));
  if (!lines.some((line) => code(line) || COMMAND.test(line.text))) {
    found.push(
      diagnostic(
        'handback-health-command',
        'error',
        "the health observation does not give the command that showed the containers' state",
        at(header),
      ),
    );
  }
  return found;
}

/** A line and the lines continuing it (indented further, not naming another container). */
function unitOf(line: ReplyLine, lines: readonly ReplyLine[], at: number, named: (text: string) => unknown[]): string {
  const texts = [line.text];
  for (let i = at + 1; i < lines.length; i++) {
    const next = lines[i]!;
    if (next.text.trim() === '' || next.indent <= line.indent || named(next.text).length > 0) break;
    texts.push(next.text);
  }
  return texts.join('\n');
}

function checkNoticed(reply: Reply, at: At, start: SourceLocation): Diagnostic[] {
  const parts = reply.parts.filter((p) => p.kind === 'noticed');
  if (parts.length === 0) {
    return [
      diagnostic(
        'handback-noticed-missing',
        'error',
        'no "noticed, not done" list: list what you saw out of scope, or say none',
        start,
      ),
    ];
  }
  const said = parts.some((part) => {
    const rest = contentOf(part.header)
      .replace(/^[^:]*:?/, '')
      .replace(/[\s*_]+/g, '');
    return rest !== '' || part.lines.slice(1).some((line) => line.text.trim() !== '' && line.heading === 0);
  });
  return said
    ? []
    : [
        diagnostic(
          'handback-noticed-missing',
          'error',
          'the "noticed, not done" list is empty: list what you saw out of scope, or say none',
          at(parts[0]!.header),
        ),
      ];
}

function isBlocked(line: ReplyLine): boolean {
  return /\bblocked\b/i.test(line.text);
}

/** A blocked report says why: words besides the entry's name and "blocked". */
function hasReason(line: ReplyLine, contract: HandBackContract): boolean {
  let rest = contentOf(line).toLowerCase();
  for (const pr of contract.prs)
    rest = rest.split(pr.id.toLowerCase()).join(' ').split(pr.title.toLowerCase()).join(' ');
  rest = rest.replace(/\bblocked\b|\bpr\s*#?\d+\b/g, ' ');
  return (rest.match(/[a-z]{2,}/g) ?? []).length >= 2;
}

/** The planned PR a line names: by its id or title, else by its number in an ordered list. */
function entryNamedBy(contract: HandBackContract, line: ReplyLine): ContractPr | undefined {
  const named = new Set(
    mentions(
      line.text,
      contract.prs.map((pr) => pr.id),
    ).map((m) => m.id),
  );
  for (const pr of contract.prs) if (line.text.toLowerCase().includes(pr.title.toLowerCase())) named.add(pr.id);
  if (named.size === 1) return contract.prs.find((pr) => named.has(pr.id));
  if (named.size === 0 && line.ordinal !== undefined) return contract.prs.find((pr) => pr.number === line.ordinal);
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listed(items: readonly string[], conjunction: string): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
