/**
 * Every file system error the app can meet, reading its inputs or writing its output, becomes one
 * line that starts with the path (escaped), says what failed and what to do. Pure Node.
 */
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';

/** What the app was doing with the path, and the advice that fits this path's role. */
export interface FileSystemAction {
  /** "be read", "be listed", "be written"… completes "cannot …". */
  readonly verb: string;
  /** How to give the app another path, such as "set XDR_TFVARS to another file". */
  readonly elsewhere: string;
}

const REASONS: Record<string, (a: FileSystemAction) => string> = {
  ENOENT: (a) => `no such file or folder; check the spelling, or ${a.elsewhere}`,
  EACCES: (a) => `permission denied (EACCES); give your user access (ls -ld each folder on the path, then chmod), or ${a.elsewhere}`,
  EPERM: (a) => `operation not permitted (EPERM); check the owner and flags of the path (ls -ld, lsattr), or ${a.elsewhere}`,
  EISDIR: (a) => `is a folder where a file is needed (EISDIR); ${a.elsewhere}`,
  ENOTDIR: (a) => `a part of the path is a file where a folder is needed (ENOTDIR); move that file away, or ${a.elsewhere}`,
  EEXIST: (a) => `a file is in the way of a folder on the path (EEXIST); move that file away, or ${a.elsewhere}`,
  ENAMETOOLONG: (a) =>
    `the path, or a name in it, is longer than the file system allows (ENAMETOOLONG: at most 255 bytes per name and 4096 per path on Linux); ${a.elsewhere} with a shorter path`,
  ELOOP: (a) => `too many symbolic links, probably a loop (ELOOP); fix the links, or ${a.elsewhere}`,
  EIO: () => 'the disk or network file system reported an input/output error (EIO); check the disk (dmesg, df) and run again',
  EXDEV: (a) => `a move across file systems was refused (EXDEV); ${a.elsewhere} on the same file system as its parent folder`,
  ENOSPC: () => 'no space left on the device (ENOSPC); free some space (df -h) and run again',
  EDQUOT: () => 'the disk quota is exhausted (EDQUOT); free some space and run again',
  EROFS: (a) => `the file system is read-only (EROFS); ${a.elsewhere} on a writable file system`,
  EBUSY: () => 'the path is in use by another program (EBUSY); close it and run again',
  EMFILE: () => 'too many open files (EMFILE); raise the limit (ulimit -n) and run again',
  ENFILE: () => 'too many open files on the system (ENFILE); run again later',
};

/** Node's errors carry an errno code and usually the path the system call failed on. */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  // not `instanceof Error`: Node's own errors come from another realm under a test runner's sandbox
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof error === 'object' && typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof (error as Error).message === 'string';
}

/**
 * One line for a failed file system call on `file`. When the call failed on another path (a file
 * inside an output folder, a staging folder beside it), that path is named too.
 */
export function describeFileSystemError(error: NodeJS.ErrnoException & { code: string }, file: string, action: FileSystemAction): string {
  const reason = REASONS[error.code]?.(action) ?? `${error.code}: ${error.message.split('\n')[0]}; ${action.elsewhere}`;
  const failedOn = error.path !== undefined && error.path !== file ? ` (at ${showPath(error.path)})` : '';
  return `${showPath(file)}: cannot ${action.verb}${failedOn}: ${reason}`;
}

/** Runs `operation`; an errno error becomes an InvalidSettingsError of one line, anything else passes through. */
export function withFileSystemErrors<T>(file: string, action: FileSystemAction, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (isErrnoError(error)) throw new InvalidSettingsError([describeFileSystemError(error, file, action)]);
    throw error;
  }
}
