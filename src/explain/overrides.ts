import { useWorkspace } from '../authoring/workspace-arg.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Workspace } from '../load/workspace.js';

/**
 * What became of the base under a user's fragment of the same id since the
 * copy was made, as its `overrides:` record tells: `unchanged`, `changed`
 * (an upgrade moved the base on: the copy may lack its fixes), `unrecorded`
 * (written by hand, not ejected: no record to compare with), or `gone`
 * (wavec no longer ships the id: the copy is a fragment of the user's own).
 */
export type BaseStatus = 'unchanged' | 'changed' | 'unrecorded' | 'gone';

export interface Override {
  id: string;
  /** Workspace-relative path of the user's file. */
  path: string;
  status: BaseStatus;
  /** The base fragment under it now; null when `gone`. */
  base: { path: string; hash: string } | null;
  /** The base as the copy recorded it (`overrides:` in its front matter); null when `unrecorded`. */
  recorded: { wavec: string; digest: string } | null;
}

export interface OverridesReport {
  /** False when the workspace did not load; then only `diagnostics` has content. */
  loaded: boolean;
  /** False when the workspace's templates folder is the package's own library: there is nothing to override. */
  layered: boolean;
  /** The user's fragments that replace base ones, by id. */
  overrides: Override[];
  /** The user's fragments with ids wavec does not ship, by id. */
  additions: { id: string; path: string }[];
  /** Base fragments used as wavec ships them. */
  baseInUse: number;
  diagnostics: Diagnostic[];
}

/** The user's overrides of the package's library, and whether the base under each changed since it was copied. */
export async function listOverrides(workspaceOrRoot: Workspace | string): Promise<OverridesReport> {
  const { workspace, diagnostics } = await useWorkspace(workspaceOrRoot);
  const report: OverridesReport = {
    loaded: workspace !== undefined,
    layered: workspace?.base != null,
    overrides: [],
    additions: [],
    baseInUse: 0,
    diagnostics: sortDiagnostics(diagnostics),
  };
  if (!workspace || workspace.base === null) return report;
  const byId = [...workspace.fragments.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const fragment of byId) {
    if (fragment.layer === 'base') {
      report.baseInUse++;
      continue;
    }
    const recorded = fragment.meta.overrides ?? null;
    const base = fragment.overrides ? { path: fragment.overrides.file.path, hash: fragment.overrides.file.hash } : null;
    if (!base && !recorded) {
      report.additions.push({ id: fragment.id, path: fragment.file.path });
      continue;
    }
    const status: BaseStatus = !base
      ? 'gone'
      : !recorded
        ? 'unrecorded'
        : recorded.digest === base.hash
          ? 'unchanged'
          : 'changed';
    report.overrides.push({ id: fragment.id, path: fragment.file.path, status, base, recorded });
  }
  return report;
}

const SAID: Record<BaseStatus, (o: Override) => string> = {
  unchanged: (o) => `base unchanged since your copy (wavec ${o.recorded!.wavec})`,
  changed: (o) =>
    `base changed since your copy (wavec ${o.recorded!.wavec}): compare your file with ${o.base!.path}, ` +
    'then update the digest in its overrides: record',
  unrecorded: () => 'no overrides: record (not copied by wavec eject): cannot tell whether the base changed',
  gone: (o) => `wavec ${o.recorded!.wavec} shipped this id; this wavec does not: it is a fragment of your own now`,
};

/** The report as `wavec explain --overrides` prints it. */
export function formatOverrides(report: OverridesReport): string {
  if (!report.loaded) return '';
  if (!report.layered)
    return "The templates folder is wavec's own library (the base layer itself): there are no overrides.\n";
  const out: string[] = [];
  const width = Math.max(0, ...[...report.overrides, ...report.additions].map((f) => f.id.length));
  if (report.overrides.length === 0) out.push('No overrides: every fragment wavec ships is used as it ships it.');
  else {
    out.push(`${report.overrides.length} override${report.overrides.length === 1 ? '' : 's'} of wavec's fragments:`);
    for (const o of report.overrides) out.push(`  ${o.id.padEnd(width)}  ${o.path}: ${SAID[o.status](o)}`);
  }
  if (report.additions.length > 0) {
    out.push(`${report.additions.length} fragment${report.additions.length === 1 ? '' : 's'} of your own:`);
    for (const a of report.additions) out.push(`  ${a.id.padEnd(width)}  ${a.path}`);
  }
  out.push(`${report.baseInUse} of wavec's fragments used as shipped (they follow every upgrade).`);
  return `${out.join('\n')}\n`;
}
