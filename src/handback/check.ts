import type { HandBackPart } from '../compose/hand-back.js';
import { diagnostic, sortDiagnostics, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { contractItems, type ContractModule, type ContractPr, type HandBackContract } from './contract.js';
import { fenceOpening } from '../syntax/markdown-lines.js';
import { prUrls } from './forge-urls.js';
import { afterLabel, mentions, readReply, startsWithName, type Part, type Reply, type ReplyLine } from './reply.js';

/** The labels the charter's wakeup-honesty section asks each claim to carry. */
export const CLAIM_LABELS = ['verified', 'assumed', 'unknown'] as const;
export type ClaimLabel = (typeof CLAIM_LABELS)[number];

const LABEL = /\b(verified|assumed|unknown)\b/i;
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
/** Words that say a container runs; "not running", "not started yet" are taken out first (see withoutNegations). */
const RUNNING = /\b(?:running|healthy|restarting|up \d)/i;

function withoutNegations(text: string): string {
  // `n't` ends a word ("isn't"), so it takes no word boundary before it.
  return text.replace(/(?:\b(?:not|never|no longer)|n't)\s+(?:yet\s+)?(?:running|healthy|started|up)\b/gi, ' ');
}

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

type ClaimKind = 'audit' | 'manifest' | 'unverified';

/** What each module's part names, and how a line says it. */
const MODULE_LINES: readonly { kind: ClaimKind; what: string; labelled: boolean }[] = [
  { kind: 'audit', what: 'what the audit found', labelled: true },
  { kind: 'manifest', what: 'what the manifest declares', labelled: true },
  { kind: 'unverified', what: 'what is UNVERIFIED (or "UNVERIFIED: none")', labelled: false },
];
/** The words that start a claim of each kind; one scan of a line finds them all. */
const CLAIM_WORDS = /(\baudit(?:ed|s)?\b|\bfound\b)|(\bmanifests?\b|\bdeclare[sd]?\b)|(\bunverified\b)/gi;
/** What may stand between a clause's start and the word that starts a claim (`; the manifest declares`). */
const CLAIM_LEAD =
  /^[\s*_`]*(?:[[(](?:verified|assumed|unknown)[\])]\s*)?(?:(?:the|its|a|an|what|and|also|then)\s+){0,2}$/i;
/** The longest text {@link CLAIM_LEAD} is tried on: past it, the claim word is inside a clause. */
const MAX_CLAIM_LEAD = 40;
/** Where a clause starts: a claim word after one of these (or at the start of the line) starts a new claim. */
const CLAUSE_END = /[.;:!?,(—–]/g;

/** A sentence that says nothing is left: `none`, `nothing`, `n/a`. */
const NOTHING =
  /^[\s*_`(]*(?:none|nothing|n\/a|no(?:thing)? (?:open |new )?(?:items?|issues?|findings?)?)[\s*_`).!]*$/i;
/** A part marked not applicable; it still needs a reason. */
const NOT_APPLICABLE = /\bn\/a\b|\bnot applicable\b|\bdoes(?: not|n't) apply\b/gi;

/** How a part is recognised, for the findings that say one was not found. */
const PART_FORMS =
  'a part starts with a heading, a list item, a bold lead-in (**Health:**) or a line whose label names it ' +
  '(Health: …), in any order and case';

/** How a PR that could not be opened is reported, for the findings that miss one. */
const BLOCKED_FORM =
  'a PR that could not be opened is written in its place with the word "blocked" and the reason ' +
  '("3. api: blocked, the registry refused the push")';
/** Where a claim's label may stand, for the finding that misses one. */
const LABEL_FORMS =
  'write the label in the claim ("Audit found: X (verified)"), before it ("Verified: audit found X", ' +
  '"[verified] Audit found X", "Manifest (assumed): declares Y"), or on a line of its own ("Verified:") over the ' +
  'claims it labels';

/** A PR as the reply gives it: its URL, or the reason it is blocked. */
export interface ReadPr {
  number: number;
  id: string;
  url: string | null;
  /** The blocked report as written, when there is no URL. */
  blocked: string | null;
}

/** One claim of a module's part. */
export interface ReadClaim {
  kind: ClaimKind;
  label: ClaimLabel | null;
  text: string;
}

/** What was read from a reply, whatever the findings: what `--record` stores. */
export interface HandBackReading {
  prs: ReadPr[];
  modules: { id: string; claims: ReadClaim[]; unverified: string[] }[];
  /** Each extra item's answer; `not_applicable` when the reply marked it so (the answer then holds the reason). */
  items: { key: string; number: number; asked: string; answer: string | null; not_applicable: boolean }[];
  /** The noticed-not-done list, one entry per item; empty when the reply says none (or has no list). */
  noticed: string[];
}

/**
 * Checks an agent's reply against a wave's hand-back contract. Every
 * finding is located in the reply (`file`); a part that is missing
 * altogether is reported at the reply's first line.
 */
export function checkReply(contract: HandBackContract, reply: { path: string; text: string }): Diagnostic[] {
  return readHandBack(contract, reply).diagnostics;
}

/** The findings and what was read; every pass over the reply is linear in its length. */
export function readHandBack(
  contract: HandBackContract,
  reply: { path: string; text: string },
): { diagnostics: Diagnostic[]; reading: HandBackReading } {
  const entryNames = [
    ...contract.prs.map((pr) => pr.id),
    ...contract.modules.flatMap((module) => [module.service, ...module.containers]),
  ];
  const read = readReply(reply.text, { parts: contract.parts, entryNames, subsystem: contract.subsystem });
  const at = (line: ReplyLine, index = line.contentStart): SourceLocation => ({
    file: reply.path,
    line: line.number,
    column: Math.min(index, line.text.length) + 1,
  });
  const start: SourceLocation = { file: reply.path, line: 1, column: 1 };
  // An empty reply is one finding (the agent's output was not captured), not one per part it lacks.
  if (read.lines.every((line) => line.blank)) {
    const nothing = diagnostic(
      'handback-reply-empty',
      'error',
      'the reply is empty: it has no text outside HTML comments',
      start,
      { hint: "pass the file the agent's final message was written to, or - to read it from stdin" },
    );
    return { diagnostics: [nothing], reading: { prs: [], modules: [], items: [], noticed: [] } };
  }
  const blocks = moduleBlocks(contract, read);
  const prs = checkPrs(contract, read, blocks, at, start);
  const modules = checkModules(contract, blocks, read, at, start);
  const items = checkItems(contract, read, at, start);
  const noticed = checkNoticed(read, at, start);
  // concat, not push(...): a hostile reply can have more findings than a call has arguments.
  const diagnostics = sortDiagnostics(
    prs.found.concat(modules.found, checkHealth(contract, read, at, start), items.found, noticed.found),
  );
  return {
    diagnostics,
    reading: { prs: prs.read, modules: modules.read, items: items.read, noticed: noticed.read },
  };
}

type At = (line: ReplyLine, index?: number) => SourceLocation;

interface ModuleBlock {
  id: string;
  header: ReplyLine;
  lines: ReplyLine[];
}

/** The names a module's own line may start with: its id, its service, its containers. */
function namesOf(module: ContractModule): string[] {
  return [...new Set([module.id, module.service, ...module.containers])];
}

/**
 * Each module's part: from a line that starts with its id, service or
 * container (a heading, an item, a bold lead-in, a table row, a paragraph)
 * to the next such line, inside the per-module part, or, when the reply has
 * none, anywhere outside the health, noticed and item parts.
 */
function moduleBlocks(contract: HandBackContract, reply: Reply): Map<string, ModuleBlock[]> {
  const modulesPart = reply.parts.some((p) => p.kind === 'modules');
  const inRegion = (part: Part | undefined) =>
    modulesPart ? part?.kind === 'modules' : part === undefined || part.kind === 'prs';
  const names = contract.modules.flatMap((module) => namesOf(module).map((name) => ({ id: module.id, name })));
  // The longest name first: `n8n-worker` before `n8n`.
  names.sort((a, b) => b.name.length - a.name.length);
  const blocks = new Map<string, ModuleBlock[]>();
  let current: ModuleBlock | undefined;
  let currentPart: Part | undefined;
  reply.lines.forEach((line, i) => {
    const part = reply.partOf[i];
    if (!inRegion(part) || part !== currentPart) current = undefined;
    currentPart = part;
    if (!inRegion(part)) return;
    const id =
      line.fenced || line.blank || (!modulesPart && prUrls(line.text).length > 0)
        ? undefined
        : names.find((n) => startsWithName(line, n.name))?.id;
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
): { found: Diagnostic[]; read: ReadPr[] } {
  const prsParts = reply.parts.filter((p) => p.kind === 'prs');
  const inBlock = new Set<ReplyLine>();
  for (const list of blocks.values()) for (const block of list) for (const line of block.lines) inBlock.add(line);
  let listing: ReplyLine[] =
    prsParts.length > 0
      ? prsParts.flatMap((p) => p.lines)
      : reply.lines.filter((line, i) => reply.partOf[i] === undefined && !inBlock.has(line));
  /** The planned PR of the module whose part a line is in, when the URLs are read from the module parts. */
  let entryOf: ((line: ReplyLine) => ContractPr | undefined) | undefined;
  if (prsParts.length === 0 && !listing.some((line) => prUrls(line.text).length > 0 || blockedAt(line.text) !== -1)) {
    // No PR list of its own: the URLs given in each module's part.
    const owner = new Map<ReplyLine, ContractPr | undefined>();
    for (const [id, list] of blocks)
      for (const block of list)
        for (const line of block.lines)
          owner.set(
            line,
            contract.prs.find((pr) => pr.id === id),
          );
    listing = [...owner.keys()];
    entryOf = (line) => owner.get(line);
  }

  interface Item {
    line: ReplyLine;
    column: number;
    url: string | undefined;
    entry: ContractPr | undefined;
  }
  const found: Diagnostic[] = [];
  const items: Item[] = [];
  const firstSeen = new Map<string, { line: ReplyLine; index: number }>();
  const prIds = contract.prs.map((pr) => pr.id);
  for (const line of listing) {
    if (line.fenced || line.blank) continue;
    const entry = entryOf?.(line);
    const urls = prUrls(line.text);
    const blocked = urls.length === 0 ? blockedAt(line.text) : -1;
    const count = urls.length + (blocked !== -1 ? 1 : 0);
    const explicit = entry ?? (count === 1 ? entryNamedBy(contract, prIds, line) : undefined);
    for (const url of urls) {
      const first = firstSeen.get(url.key);
      if (first) {
        found.push(
          diagnostic(
            'handback-pr-duplicate',
            'error',
            `PR URL ${url.url} is given twice (first on line ${first.line.number}): each planned PR has its own`,
            at(line, url.index),
            {
              related: {
                file: start.file,
                line: first.line.number,
                column: first.index + 1,
                message: 'first given here',
              },
            },
          ),
        );
        continue;
      }
      firstSeen.set(url.key, { line, index: url.index });
      items.push({ line, column: url.index, url: url.url, entry: explicit });
    }
    if (blocked !== -1) items.push({ line, column: blocked, url: undefined, entry: explicit });
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
  // The plan's PRs in order, for the URLs that name none: a cursor, so a reply of many URLs stays linear.
  let next = 0;
  for (const item of items.filter((i) => !i.entry)) {
    while (next < contract.prs.length && assigned.has(contract.prs[next]!.number)) next++;
    const pr = contract.prs[next];
    if (!pr) {
      extra(
        item,
        `${item.url ? `PR URL ${item.url}` : 'this blocked report'} ` +
          `is one more than the ${plural(contract.prs.length, 'PR')} the plan has`,
      );
      continue;
    }
    item.entry = pr;
    assigned.set(pr.number, item);
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
        {
          hint:
            (prsParts.length === 0 && items.length === 0
              ? 'PR URLs are read from a "PR URLs" part, else from the lines outside every part, else from each ' +
                "module's part; "
              : '') + BLOCKED_FORM,
        },
      ),
    );
  }
  const read = contract.prs.map((pr): ReadPr => {
    const item = assigned.get(pr.number);
    return {
      number: pr.number,
      id: pr.id,
      url: item?.url ?? null,
      blocked: item && !item.url ? item.line.content : null,
    };
  });
  return { found, read };
}

function checkModules(
  contract: HandBackContract,
  blocks: Map<string, ModuleBlock[]>,
  reply: Reply,
  at: At,
  start: SourceLocation,
): { found: Diagnostic[]; read: HandBackReading['modules'] } {
  const found: Diagnostic[] = [];
  const read: HandBackReading['modules'] = [];
  let labelHinted = false;
  const modulesPart = reply.parts.find((p) => p.kind === 'modules');
  for (const module of contract.modules) {
    const list = blocks.get(module.id);
    const names = namesOf(module).map((name) => `\`${name}\``);
    if (!list) {
      read.push({ id: module.id, claims: [], unverified: [] });
      found.push(
        diagnostic(
          'handback-module-missing',
          'error',
          `no part for module ${module.id}: what the audit found, what the manifest declares, what is UNVERIFIED`,
          modulesPart ? at(modulesPart.header) : start,
          {
            hint:
              `a module's part starts with ${listed(names, 'or')}: as a heading, a list item, a bold lead-in, ` +
              `a table row or a paragraph, ${
                modulesPart ? 'inside the per-module part' : 'outside the health and noticed parts'
              }`,
          },
        ),
      );
      continue;
    }
    const claims = list.flatMap((block) => claimsOf(block, reply));
    read.push({
      id: module.id,
      claims: claims.map((c) => ({ kind: c.kind, label: c.label, text: c.text })),
      unverified: claims.filter((c) => c.kind === 'unverified' && !NOTHING.test(c.text)).map((c) => c.text),
    });
    const missing = MODULE_LINES.filter((kind) => !claims.some((c) => c.kind === kind.kind));
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
      for (const claim of claims.filter((c) => c.kind === kind.kind && c.label === null)) {
        found.push(
          diagnostic(
            'handback-claim-unlabelled',
            'error',
            `${module.id}: ${kind.what} is not labelled verified, assumed or unknown ` +
              `(charter §${contract.labels.section})`,
            at(claim.line, claim.column),
            // Once per reply: the same sentence under each of thousands of claims says nothing more.
            labelHinted ? {} : { hint: LABEL_FORMS },
          ),
        );
        labelHinted = true;
      }
    }
  }
  return { found, read };
}

interface Claim {
  kind: ClaimKind;
  line: ReplyLine;
  column: number;
  label: ClaimLabel | null;
  /** What it says, after the word that names its kind (`none` in `UNVERIFIED: none`). */
  text: string;
}

/**
 * The claims of a module's part: a clause that starts with the word of a
 * kind (audit, manifest, UNVERIFIED) starts one; the rest of the clause and
 * the lines after it continue it. A line that is only a label (`Verified:`)
 * labels the claims under it. In a table, the header row names each column.
 */
function claimsOf(block: ModuleBlock, reply: Reply): Claim[] {
  if (block.header.table) return tableClaims(block.header, reply);
  const claims: Claim[] = [];
  let group: ClaimLabel | null = null;
  let current: Claim | undefined;
  for (const line of block.lines) {
    if (line.fenced) continue;
    // The header's own name is not a claim word ("honcho-audit-log").
    const from = line === block.header ? line.contentStart + Math.max(0, line.content.indexOf(' ')) : line.contentStart;
    if (line !== block.header && LABEL_ONLY.test(line.content)) {
      group = labelIn(line.content);
      continue;
    }
    const segments = claimSegments(line.text, from);
    if (segments.length === 0) {
      const label = labelIn(line.text);
      if (current && current.label === null && label) current.label = label;
      continue;
    }
    // A label written before the claim word (`Verified: audit found …`) labels the line's first claim.
    const leadLabel = isOnlyLabel(line.text.slice(from, segments[0]!.index))
      ? labelIn(line.text.slice(from, segments[0]!.index))
      : null;
    for (const segment of segments) {
      // `Manifest: Verified — declares …`, `Manifest (assumed): declares …`: the claim word, its label, then the
      // same kind's verb is one claim, not an empty labelled one and an unlabelled one.
      if (current?.line === line && current.kind === segment.kind && isOnlyLabel(current.text)) {
        current.text = claimText(segment.text);
        current.label ??= labelIn(segment.text);
        continue;
      }
      current = {
        kind: segment.kind,
        line,
        column: segment.index,
        label: labelIn(segment.text) ?? (segment === segments[0] ? leadLabel : null) ?? group,
        text: claimText(segment.text),
      };
      claims.push(current);
    }
  }
  return claims;
}

/** The clauses of a line that start with a claim word, each up to the next one. */
function claimSegments(text: string, from: number): { kind: ClaimKind; index: number; text: string }[] {
  const starts: { kind: ClaimKind; index: number }[] = [];
  let clause = from;
  const ends: number[] = [];
  for (const m of text.matchAll(CLAUSE_END)) if (m.index >= from) ends.push(m.index);
  let e = 0;
  // How deep in parentheses the scan is: a claim word inside them is evidence (`(verified: the manifest in PR 11)`).
  let depth = 0;
  let scanned = from;
  CLAIM_WORDS.lastIndex = from;
  for (let match = CLAIM_WORDS.exec(text); match; match = CLAIM_WORDS.exec(text)) {
    for (; scanned < match.index; scanned++) {
      if (text[scanned] === '(') depth++;
      else if (text[scanned] === ')' && depth > 0) depth--;
    }
    if (depth > 0) continue;
    while (e < ends.length && ends[e]! < match.index) clause = ends[e++]! + 1;
    // A claim word starts a claim only where a clause starts: "UNVERIFIED: not found" is one claim.
    if (match.index - clause > MAX_CLAIM_LEAD || !CLAIM_LEAD.test(text.slice(clause, match.index))) continue;
    const kind: ClaimKind = match[1] ? 'audit' : match[2] ? 'manifest' : 'unverified';
    if (starts.length > 0 && starts[starts.length - 1]!.index >= clause) continue;
    starts.push({ kind, index: match.index });
  }
  // Object literals, not spreads: this runs for every line of a reply.
  return starts.map((s, i) => ({
    kind: s.kind,
    index: s.index,
    text: text.slice(s.index, starts[i + 1]?.index ?? text.length),
  }));
}

/** The marks a label is written with: `**Verified** —`, `(assumed):`, `[unknown]`. */
const LABEL_MARKS = ' \t*_`[]():—–-';

/** Whether a text says nothing but, at most, one label: read by trimming, as a regex over it would backtrack. */
function isOnlyLabel(text: string): boolean {
  let start = 0;
  let end = text.length;
  while (start < end && LABEL_MARKS.includes(text[start]!)) start++;
  while (end > start && LABEL_MARKS.includes(text[end - 1]!)) end--;
  const word = text.slice(start, end).toLowerCase();
  return word === '' || (CLAIM_LABELS as readonly string[]).includes(word);
}

function labelIn(text: string): ClaimLabel | null {
  const match = LABEL.exec(text);
  return match ? (match[1]!.toLowerCase() as ClaimLabel) : null;
}

/** `Audit found: X (verified).` → `X (verified).`: the claim without the word that named its kind. */
function claimText(segment: string): string {
  const text = segment.replace(/^\S+(?:\s+(?:found|declares?|says?))?\s*[:—–-]?\s*/i, '').replace(/^[*_\s]+/, '');
  return trimEnd(text, ' \t;,*_');
}

/** Without trailing `characters`: a loop, because a regex anchored at the end is quadratic. */
function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function tableClaims(row: ReplyLine, reply: Reply): Claim[] {
  const header = cells(reply.lines[row.tableStart - 1]!.text);
  const values = cells(row.text);
  const kinds: { kind: ClaimKind; pattern: RegExp }[] = [
    { kind: 'audit', pattern: /\baudit(?:ed|s)?\b|\bfound\b/i },
    { kind: 'manifest', pattern: /\bmanifests?\b|\bdeclare[sd]?\b/i },
    { kind: 'unverified', pattern: /\bunverified\b/i },
  ];
  const rowLabel = values
    .filter((_, i) => !kinds.some((k) => k.pattern.test(header[i] ?? '')))
    .map(labelIn)
    .find((label) => label !== null);
  return kinds.flatMap(({ kind, pattern }) => {
    const column = header.findIndex((h) => pattern.test(h));
    if (column === -1 || values[column] === undefined) return [];
    const value = values[column]!;
    return [
      {
        kind,
        line: row,
        column: row.text.indexOf(value),
        label: labelIn(value) ?? rowLabel ?? null,
        text: value,
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

/**
 * The names the health observation may call a container by: the container's
 * own, and for a module with a single container, its service too; the module
 * id only when it names that container (a stack whose containers are named
 * otherwise is observed by their names). A new module does not run yet: it is
 * named by any of them, and no state is asked for.
 */
function containerNames(module: ContractModule): { container: string; names: string[]; state: boolean }[] {
  if (module.lifecycle === 'new')
    return [
      {
        container: module.id,
        names: [...new Set([module.id, module.service, ...module.containers])],
        state: false,
      },
    ];
  if (module.containers.length !== 1)
    return module.containers.map((container) => ({ container, names: [container], state: true }));
  const container = module.containers[0]!;
  const names =
    container === module.service
      ? [container, module.id]
      : [container, ...(module.service !== module.id ? [module.service] : [])];
  return [{ container, names: [...new Set(names)], state: true }];
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
        { hint: PART_FORMS },
      ),
    ];
  }
  const lines = parts.flatMap((p) => p.lines).filter((line) => !line.blank);
  const header = parts[0]!.header;
  const found: Diagnostic[] = [];
  const wanted = contract.modules.flatMap((module) =>
    containerNames(module).map((entry) => ({ module: module.id, ...entry })),
  );
  const allNames = wanted.flatMap((w) => w.names);
  // "The n8n subsystem" names the subsystem, not the container n8n.
  const subsystem = `${contract.subsystem.toLowerCase()} subsystem`;
  // Which names each line mentions, found once per line.
  const named = lines.map(
    (line) =>
      new Set(
        mentions(line.text.toLowerCase().split(subsystem).join(' '.repeat(subsystem.length)), allNames).map(
          (m) => m.id,
        ),
      ),
  );
  for (const want of wanted) {
    const mentioned = lines.flatMap((line, i) => (want.names.some((name) => named[i]!.has(name)) ? [i] : []));
    const what = !want.state
      ? `the new module ${want.module} (what its PR adds and how it was validated)`
      : want.container === want.module
        ? `the container of ${want.module}`
        : `container ${want.container}`;
    if (mentioned.length === 0) {
      found.push(
        diagnostic('handback-health-container', 'error', `the health observation does not name ${what}`, at(header), {
          hint:
            `name it ${listed(
              want.names.map((name) => `\`${name}\``),
              'or',
            )}` +
            // Compose prefixes a container it names itself; a declared container name is written as it is.
            (want.state && want.container === want.module
              ? ` (a container name around it counts, as in \`<project>-${want.names[0]}-1\`)`
              : ''),
        }),
      );
      continue;
    }
    const claimsRunning = mentioned.find((i) => RUNNING.test(withoutNegations(unitOf(lines, i, named))));
    if (!want.state && claimsRunning !== undefined) {
      const line = lines[claimsRunning]!;
      const column = Math.max(0, ...want.names.map((name) => line.text.toLowerCase().indexOf(name.toLowerCase())));
      found.push(
        diagnostic(
          'handback-new-module-running',
          'warning',
          `the health observation says the new module ${want.module} runs, though the prompt says it does not run ` +
            'yet: did the run start it?',
          at(line, column),
          { hint: 'for a module the wave adds, say what its PR adds and how it was validated, with the command' },
        ),
      );
      continue;
    }
    if (want.state && !mentioned.some((i) => STATE.test(unitOf(lines, i, named)))) {
      const first = lines[mentioned[0]!]!;
      const lower = first.text.toLowerCase();
      const column = Math.max(0, ...want.names.map((name) => lower.indexOf(name.toLowerCase())));
      found.push(
        diagnostic(
          'handback-health-container',
          'error',
          `the health observation names ${what} but not its state (running, exited, healthy, …)`,
          at(first, column),
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

/** A line and the lines continuing it (indented further, naming no container), up to 20 lines. */
function unitOf(lines: readonly ReplyLine[], at: number, named: readonly Set<string>[]): string {
  const line = lines[at]!;
  const texts = [line.text];
  for (let i = at + 1; i < lines.length && i <= at + 20; i++) {
    const next = lines[i]!;
    if (next.indent <= line.indent || named[i]!.size > 0) break;
    texts.push(next.text);
  }
  return texts.join('\n');
}

/** Every extra item answered, or marked not applicable with a reason. */
function checkItems(
  contract: HandBackContract,
  reply: Reply,
  at: At,
  start: SourceLocation,
): { found: Diagnostic[]; read: HandBackReading['items'] } {
  const found: Diagnostic[] = [];
  const read: HandBackReading['items'] = [];
  for (const item of contractItems(contract)) {
    const parts = reply.parts.filter((p) => p.key === item.key);
    const answer = parts.map(answerOf).join('\n').trim();
    const notApplicable = answer.search(NOT_APPLICABLE) !== -1;
    read.push({
      key: item.key,
      number: item.number!,
      asked: item.text,
      answer: answer === '' ? null : answer,
      not_applicable: notApplicable,
    });
    if (answer === '') {
      found.push(
        diagnostic(
          'handback-item-missing',
          'error',
          parts.length === 0
            ? `no answer to hand-back item ${item.number}: "${short(item.text)}"`
            : `hand-back item ${item.number} is not answered: "${short(item.text)}"`,
          parts[0] ? at(parts[0].header) : start,
          parts.length === 0
            ? {
                hint:
                  `answer it under its number (${item.number}.) or a label with its words, ` +
                  'or mark it "not applicable" with the reason',
              }
            : {},
        ),
      );
    } else if (notApplicable && wordsBesides(answer, NOT_APPLICABLE) < 2) {
      found.push(
        diagnostic(
          'handback-item-reason',
          'error',
          `hand-back item ${item.number} is marked not applicable without a reason: "${short(item.text)}"`,
          at(parts[0]!.header),
        ),
      );
    }
  }
  return { found, read };
}

/** What a part says: after its label (or the whole line, for a line that only names it), then the lines under it. */
function answerOf(part: Part): string {
  const header = part.header;
  const labelled = header.heading === 0 && (header.bold !== undefined || header.content.includes(':'));
  const first = header.heading > 0 ? '' : labelled ? afterLabel(header) : header.content;
  const rest = part.lines
    .slice(1)
    .filter((line) => !line.blank)
    .map((line) => line.content || line.text.trim());
  return [first, ...rest].filter((text) => text !== '').join('\n');
}

function checkNoticed(
  reply: Reply,
  at: At,
  start: SourceLocation,
): { found: Diagnostic[]; read: HandBackReading['noticed'] } {
  const parts = reply.parts.filter((p) => p.kind === 'noticed');
  if (parts.length === 0) {
    return {
      found: [
        diagnostic(
          'handback-noticed-missing',
          'error',
          'no "noticed, not done" list: list what you saw out of scope, or say none',
          start,
          { hint: PART_FORMS },
        ),
      ],
      read: [],
    };
  }
  const entries: string[] = [];
  for (const part of parts) {
    const inline = afterLabel(part.header);
    if (inline !== '') entries.push(inline);
    const body = part.lines.slice(1).filter((line) => !line.blank && line.heading === 0 && !line.fenced);
    let itemIndent = Infinity;
    for (const line of body) if (line.list !== undefined && line.indent < itemIndent) itemIndent = line.indent;
    for (const line of body) {
      if (line.list !== undefined && line.indent === itemIndent) entries.push(line.content);
      else if (line.list === undefined && line.indent < itemIndent) entries.push(line.content);
      else if (entries.length > 0) entries[entries.length - 1] += ` ${line.content}`;
      else entries.push(line.content);
    }
  }
  const said = entries.filter((entry) => entry !== '');
  if (said.length === 0)
    return {
      found: [
        diagnostic(
          'handback-noticed-missing',
          'error',
          'the "noticed, not done" list is empty: list what you saw out of scope, or say none',
          at(parts[0]!.header),
        ),
      ],
      read: [],
    };
  return { found: [], read: said.filter((entry) => !NOTHING.test(entry)) };
}

/** What after "blocked" says there is none: `Blocked PRs: none`, `Blocked: 0`. */
const NONE_AFTER = new RegExp(
  /^[\s*_]*(?:prs?|pull requests?|merge requests?)?[\s*_]*[:—–-]?/.source +
    /[\s*_]*(?:none|nothing|no\b|0\b|n\/a)/.source,
  'i',
);

/**
 * Where a line reports a PR blocked: the first "blocked" whose clause does
 * not deny it ("None of the PRs was blocked.", "Blocked PRs: none." report nothing); -1 if none.
 * One scan of the line.
 */
export function blockedAt(text: string): number {
  if (!/blocked/i.test(text)) return -1;
  let denied = false;
  for (const match of text.matchAll(
    /(\bblocked\b)|([.;:!?,(—–])|\b(?:no|none|not|nothing|never|neither|nor|zero|without|0)\b|n't\b/gi,
  )) {
    if (match[1]) {
      const after = text.slice(match.index + match[1].length, match.index + match[1].length + 40);
      if (!denied && !NONE_AFTER.test(after)) return match.index;
    } else if (match[2]) denied = false;
    else denied = true;
  }
  return -1;
}

/** A blocked report says why: words besides the entry's name and "blocked". */
function hasReason(line: ReplyLine, contract: HandBackContract): boolean {
  let rest = line.content.toLowerCase();
  for (const pr of contract.prs)
    rest = rest.split(pr.id.toLowerCase()).join(' ').split(pr.title.toLowerCase()).join(' ');
  return wordsBesides(rest, /\bblocked\b|\bpr\s*#?\d+\b/g) >= 2;
}

/** How many words (two letters or more) a text has besides what `pattern` matches, up to 2. */
function wordsBesides(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.replace(pattern, ' ').matchAll(/[a-z]{2,}/gi)) if (++count >= 2) break;
  return count;
}

/** The planned PR a line names: by its id or title, else by its number in an ordered list. */
function entryNamedBy(contract: HandBackContract, prIds: readonly string[], line: ReplyLine): ContractPr | undefined {
  const named = new Set(mentions(line.text, prIds).map((m) => m.id));
  const lower = line.text.toLowerCase();
  for (const pr of contract.prs) if (lower.includes(pr.title.toLowerCase())) named.add(pr.id);
  if (named.size === 1) return contract.prs.find((pr) => named.has(pr.id));
  if (named.size === 0 && line.ordinal !== undefined) return contract.prs.find((pr) => pr.number === line.ordinal);
  return undefined;
}

function short(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listed(items: readonly string[], conjunction: string): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export type { HandBackPart };
