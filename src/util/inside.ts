import path from 'node:path';

/**
 * Whether `candidate` is `root` or lies under it, compared by path (resolve links first where they matter). A name
 * that merely starts with two dots (`..prompts`) is inside; only `..` as a whole step leads out.
 */
export function isInsidePath(root: string, candidate: string, paths: path.PlatformPath = path): boolean {
  const relative = paths.relative(root, candidate);
  if (relative === '') return true;
  if (paths.isAbsolute(relative)) return false;
  return relative !== '..' && !relative.startsWith(`..${paths.sep}`) && !relative.startsWith('../');
}
