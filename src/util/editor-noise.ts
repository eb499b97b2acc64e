/**
 * Editors' swap, backup, lock, auto-save and probe files: never an input, and saving one is not a change of one.
 * Hidden files (vim's `.x.swp`, emacs' `.#x` lock, Kate's and gedit's temporaries), backups (`x~`), vim's swap
 * variants and its `4913` write probe, emacs' `#x#` auto-save and JetBrains' `x___jb_tmp___`/`x___jb_old___`. The
 * fragment loader skips them and the watcher ignores them: one list, so the two never disagree.
 */
export function isEditorNoise(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return (
    base.startsWith('.') ||
    base.endsWith('~') ||
    /\.sw[a-p]$/.test(base) ||
    base === '4913' ||
    (base.length > 1 && base.startsWith('#') && base.endsWith('#')) ||
    /___jb_(tmp|old)___$/.test(base)
  );
}
