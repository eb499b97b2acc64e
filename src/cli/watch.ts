import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { isEditorNoise } from '../util/editor-noise.js';
import path from 'node:path';
import { CONFIG_FILE, loadConfig } from '../load/config.js';
import { WavecConfig } from '../schema/config.js';
import { parsePositiveInt } from './args.js';
import type { Command, ParsedArgs } from './command.js';
import { EXIT, type CliIo } from './io.js';

/** A folder to watch, and which names in it matter (all of them when `names` is undefined). */
interface WatchTarget {
  /** Workspace-relative, `/`-separated; '' is the root. */
  dir: string;
  /** Also every folder below it, each with a watcher of its own. */
  recursive: boolean;
  names?: ReadonlySet<string>;
}

const OUTCOME: Record<number, string> = {
  [EXIT.ok]: 'ok',
  [EXIT.check]: 'the prompt fails a check, not written',
  [EXIT.usage]: 'input errors, nothing written',
};

export interface WatchOptions {
  /** Stops the loop; without one, SIGINT and SIGTERM do. */
  signal?: AbortSignal;
  /** Quiet time after the last change before recompiling. */
  debounceMs?: number;
}

/**
 * `wavec compile <wave> --watch`: runs the compile command once, then again
 * on every change of a spec, a fragment, the charter or the config, until
 * stopped. A broken intermediate state is reported like any compile and the
 * loop keeps waiting; the next good save recovers. The folders are chosen
 * from the config after every run, so a config change moves the watch too.
 */
export async function watchCompile(
  command: Command,
  args: ParsedArgs,
  io: CliIo,
  options: WatchOptions = {},
): Promise<number> {
  const once: ParsedArgs = { ...args, values: { ...args.values, watch: false } };
  const wave = parsePositiveInt(args.positionals[0], 'wave number');
  if (typeof wave === 'string') return command.run(once, io); // prints the usage error

  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (!options.signal) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  const say = (text: string) => io.stdout.write(`[watch] ${text}\n`);

  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending: string | undefined;
  let announced = '';

  const cycle = async (reason: string | undefined) => {
    say(reason ? `${reason} changed: compiling wave ${wave}` : `compiling wave ${wave}`);
    // Armed before the compile reads anything, so a save during the compile schedules the next run.
    const { targets, inputs } = await watchTargets(args.root);
    rearm(targets);
    let code: number;
    try {
      code = await command.run(once, io);
    } catch (error) {
      io.stderr.write(`wavec compile: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      code = EXIT.usage;
    }
    say(`${OUTCOME[code] ?? `exit ${code}`}; waiting for changes`);
    const watching = inputs.join(', ');
    if (watching !== announced) say(`watching ${(announced = watching)} (Ctrl-C to stop)`);
  };
  const schedule = (reason: string) => {
    if (controller.signal.aborted) return;
    pending ??= reason;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) return; // picked up when the current run ends
      const next = pending;
      pending = undefined;
      running = cycle(next).finally(() => {
        running = undefined;
        if (pending !== undefined && !controller.signal.aborted) schedule(pending);
      });
    }, options.debounceMs ?? 100);
  };
  /**
   * Closes every watcher and opens them again on what the folders hold now.
   * A watcher follows an inode, not a name: after a save by rename, a folder
   * renamed away and back or a spec deleted and recreated, the old watchers
   * see nothing of the new files, so each run re-arms all of them (tens of
   * folders; Node's recursive fs.watch on Linux keeps its stale ones).
   */
  const rearm = (targets: WatchTarget[]) => {
    for (const watcher of watchers) watcher.close();
    watchers.length = 0;
    for (const target of targets) {
      for (const dir of target.recursive ? foldersUnder(args.root, target.dir) : [target.dir]) {
        const watcher = open(args.root, { ...target, dir }, schedule);
        if (watcher) watchers.push(watcher);
      }
    }
  };

  running = cycle(undefined).finally(() => {
    running = undefined;
  });
  await new Promise<void>((resolve) =>
    controller.signal.aborted
      ? resolve()
      : controller.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  options.signal?.removeEventListener('abort', stop);
  say('stopped');
  return EXIT.ok;
}

/** The inputs of a compile: the config, the fragment and spec folders, the charter. */
async function watchTargets(root: string): Promise<{ targets: WatchTarget[]; inputs: string[] }> {
  const loaded = await loadConfig(root);
  const config = loaded.ok ? loaded.config : WavecConfig.parse({});
  const folder = (dir: string) => path.posix.normalize(dir).replace(/\/$/, '').replace(/^\.$/, '');
  const charterDir = folder(path.posix.dirname(config.charter));
  const charterName = path.posix.basename(config.charter);
  const dirs = [folder(config.templates_dir), folder(config.waves_dir)];
  // The root watch also sees the folders themselves appear, disappear or get replaced.
  const rootNames = new Set([CONFIG_FILE, ...[...dirs, charterDir].map((d) => d.split('/')[0]!).filter(Boolean)]);
  if (charterDir === '') rootNames.add(charterName);
  const targets: WatchTarget[] = [
    { dir: '', recursive: false, names: rootNames },
    ...dirs.map((dir) => ({ dir, recursive: true })),
  ];
  if (charterDir !== '' && !dirs.some((d) => charterDir === d || charterDir.startsWith(`${d}/`))) {
    targets.push({ dir: charterDir, recursive: false, names: new Set([charterName]) });
  }
  return { targets, inputs: [CONFIG_FILE, ...dirs.map((d) => `${d || '.'}/`), config.charter] };
}

/** `dir` and every folder below it (workspace-relative), or none when `dir` does not exist (yet). */
function foldersUnder(root: string, dir: string): string[] {
  try {
    const below = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    return [dir, ...below];
  } catch {
    return []; // the root watch sees it appear
  }
}

function open(root: string, target: WatchTarget, onChange: (reason: string) => void): FSWatcher | undefined {
  try {
    const watcher = watch(path.join(root, target.dir), { persistent: true }, (_event, filename) => {
      const name = filename === null ? undefined : String(filename);
      if (target.names && (name === undefined || !target.names.has(name))) return;
      if (name !== undefined && isEditorNoise(name)) return;
      onChange(name === undefined ? target.dir || '.' : path.posix.join(target.dir, name));
    });
    // A watched folder that is removed ends its watcher; the run its removal triggers watches what is there then.
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch {
    return undefined; // the folder does not exist (yet): its parent's watcher sees it appear
  }
}
