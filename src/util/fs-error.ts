/**
 * A Node file-system error in wavec's words: `EACCES: permission denied`, the
 * code and its cause without the path or the system call. The caller names
 * the file in its own words, and a temporary file's name, which changes on
 * every run, never reaches a message.
 */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
  const message = error instanceof Error ? error.message : String(error);
  const withoutCall = syscall ? message.replace(new RegExp(`, ${syscall}( .*)?$`, 's'), '') : message;
  const cause = withoutCall.replace(/^[A-Z]+: /, '');
  return code ? `${code}: ${cause}` : cause;
}
