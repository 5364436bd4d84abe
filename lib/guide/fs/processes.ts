/**
 * What Linux's /proc tells about other processes: whether one is still the process it was (a pid is
 * reused once its process has gone, so a process is its pid and its start time), what it runs, and
 * which processes work in, hold open or run a file from a folder. Elsewhere (macOS, Windows) only
 * whether a pid is alive is known, and no folder is ever seen in use. Pure Node.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A process as the lock records it: `start` is /proc's start time in clock ticks since boot, or '' where there is no /proc. */
export interface ProcessIdentity {
  readonly pid: number;
  readonly start: string;
}

/** A process working in, holding open, or running a file from a watched folder. */
export interface FolderUser {
  readonly pid: number;
  /** What it runs, for messages ("bash", "terraform plan"). */
  readonly command: string;
  /** Its name as the kernel knows it ("bash", "terraform"). */
  readonly name: string;
  /** The path inside the folder it uses. */
  readonly path: string;
}

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number, proc: string): string[] | undefined {
  try {
    const stat = fs.readFileSync(`${proc}/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync(proc)) return undefined;
    return []; // no /proc here
  }
}

/** The process now running as `pid`, or undefined when none runs (a zombie, killed but not yet reaped, runs nothing). */
export function currentProcess(pid: number, proc = '/proc'): ProcessIdentity | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  const fields = statFields(pid, proc);
  if (fields === undefined || /^[ZX]/.test(fields[0] ?? '')) return undefined;
  if (fields.length > 19) return { pid, start: fields[19] };
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, start: '' };
}

/** True while the process recorded as `identity` runs: same pid and, where it is known, same start time. */
export function isRunning(identity: ProcessIdentity, proc = '/proc'): boolean {
  const now = currentProcess(identity.pid, proc);
  return now !== undefined && (now.start === '' || identity.start === '' || now.start === identity.start);
}

/** A short description of what `pid` runs: from the `cdktf` argument on when it is the cdktf CLI, else its arguments. */
export function commandOf(pid: number, proc = '/proc'): string {
  try {
    const args = fs
      .readFileSync(`${proc}/${pid}/cmdline`, 'latin1')
      .split('\0')
      .filter((arg) => arg !== '');
    const cli = args.findIndex((arg) => /(^|[/\\])cdktf(\.js)?$/.test(arg));
    const shown = cli >= 0 ? ['cdktf', ...args.slice(cli + 1)] : [path.basename(args[0] ?? ''), ...args.slice(1)];
    return shown.join(' ').slice(0, 80) || `pid ${pid}`;
  } catch {
    return `pid ${pid}`;
  }
}

/** The pid of the parent of `pid`, or undefined when /proc cannot tell. */
export function parentOf(pid: number, proc = '/proc'): number | undefined {
  const parent = Number(statFields(pid, proc)?.[1]);
  return Number.isSafeInteger(parent) && parent > 0 ? parent : undefined;
}

/** Readlink that says nothing when the process has gone or is another user's. */
function linkOf(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

const inside = (file: string, folder: string) => file === folder || file.startsWith(folder + path.sep);

/**
 * Every other process that works in (its current folder), runs a program from, or (with
 * `openFiles`) holds a file open in one of `folders` (real paths, links resolved), by folder.
 * Processes of other users are seen only by root; without /proc nothing is seen. Open files cost
 * most: one readlink per open file of every process (50 ms for 900 files here).
 */
export function usersOf(folders: readonly string[], openFiles: boolean, proc = '/proc'): Map<string, FolderUser[]> {
  const users = new Map<string, FolderUser[]>();
  let pids: number[];
  try {
    pids = fs
      .readdirSync(proc)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return users;
  }
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const base = `${proc}/${pid}`;
    for (const entry of ['cwd', 'exe', ...(openFiles ? openFilesOf(base) : [])]) {
      const target = linkOf(`${base}/${entry}`);
      const folder = target === undefined ? undefined : folders.find((f) => inside(target, f));
      if (folder === undefined || target === undefined) continue;
      users.set(folder, [...(users.get(folder) ?? []), { pid, command: commandOf(pid, proc), name: readName(base), path: target }]);
      break;
    }
  }
  return users;
}

function openFilesOf(base: string): string[] {
  try {
    return fs.readdirSync(`${base}/fd`).map((fd) => `fd/${fd}`);
  } catch {
    return []; // another user's process, or gone
  }
}

function readName(base: string): string {
  try {
    return fs.readFileSync(`${base}/comm`, 'latin1').trim();
  } catch {
    return '';
  }
}
