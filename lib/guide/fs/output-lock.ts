/**
 * One synth at a time per output folder: a lock file beside it, created with O_EXCL, that names the
 * process holding it (pid and start time, so that a reused pid is not taken for the holder).
 *
 * Who holds it: the app run on its own holds it for its synth and removes it at the end. Run by the
 * cdktf CLI (`cdktf synth`, `diff`, `deploy`…), the app takes it on behalf of the CLI process, and it
 * stays held until that process exits: after the app, the CLI still formats the HCL files, deletes
 * the stack folders it listed before and no longer finds, and runs `terraform init`, `plan` and
 * `apply` in the stack folders, all through the output link. A synth switching the link in between
 * would have that CLI format, prune or plan another synth's files, and leave the files Terraform
 * writes behind in a folder no longer linked. A lock whose holder has exited (or was killed) is
 * free, and the next synth takes it over. Pure Node.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { cdktfCliPid } from './cdktf-cli';
import { FileSystemAction, isErrnoError, withFileSystemErrors } from './errors';
import { ProcessIdentity, commandOf, currentProcess, isRunning } from './processes';

/** What the lock file holds. */
interface LockRecord extends ProcessIdentity {
  /** What the holder runs, for the messages of those who wait. */
  readonly command: string;
  /** When the lock was taken (ISO 8601). */
  readonly since: string;
  /** Tells two holdings of one process apart. */
  readonly nonce: string;
}

export interface LockOptions {
  /** The output folder, for the messages. */
  readonly outdir: string;
  /** How long to wait for another synth before refusing. */
  readonly waitMs: number;
  /** Where the line saying that this synth waits goes. */
  readonly say: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly action: FileSystemAction;
}

export interface HeldLock {
  /** Throws, with one line, when another synth has taken the lock over (only a race of three synths at one instant can do that). */
  check(): void;
  /** Removes the lock file when this process holds it for itself; a lock held for the cdktf CLI lasts until the CLI exits. */
  release(): void;
}

/** A lock file this young that cannot be read yet is being written by its holder. */
const BEING_WRITTEN_MS = 5_000;
const POLL_MS = 100;

/** Blocks this process: a synth is synchronous from end to end. */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const record = JSON.parse(text) as LockRecord;
    return typeof record.pid === 'number' && typeof record.start === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

/** The process the lock is held for: the cdktf CLI that runs this app, else the app itself. */
function holderIdentity(env: NodeJS.ProcessEnv): ProcessIdentity {
  const cli = cdktfCliPid(env);
  const holder = cli === undefined ? undefined : currentProcess(cli);
  return holder ?? currentProcess(process.pid) ?? { pid: process.pid, start: '' };
}

/** Reads the lock file; undefined when it has gone. */
function readLock(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isErrnoError(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function describe(record: LockRecord | undefined): string {
  if (record === undefined) return 'a process that is starting';
  const since = /T(\d\d:\d\d:\d\d)/.exec(record.since)?.[1];
  return `pid ${record.pid}: ${showPath(record.command)}${since === undefined ? '' : `, since ${since} UTC`}`;
}

/**
 * Takes the lock `file` for the output folder, waiting up to `waitMs` for another synth (saying so
 * once); refuses with one line when it is still held then. Errno errors are one line too.
 */
export function lockOutput(file: string, options: LockOptions): HeldLock {
  return withFileSystemErrors(options.outdir, options.action, () => acquire(file, options));
}

function acquire(file: string, options: LockOptions): HeldLock {
  const holder = holderIdentity(options.env);
  const record: LockRecord = {
    ...holder,
    command: commandOf(holder.pid),
    since: new Date().toISOString(),
    nonce: crypto.randomBytes(8).toString('hex'),
  };
  const text = JSON.stringify(record);
  const deadline = Date.now() + options.waitMs;
  let waiting = false;
  for (;;) {
    if (create(file, text)) return held(file, text, holder.pid === process.pid);
    const found = readLock(file);
    if (found === undefined) continue;
    const other = parseRecord(found);
    if (other !== undefined && other.pid === holder.pid && other.start === holder.start) {
      // the cdktf CLI that runs this app holds it already (`cdktf watch` synthesizes again)
      return held(file, found, false);
    }
    const stale = other === undefined ? Date.now() - fs.statSync(file).mtimeMs > BEING_WRITTEN_MS : !isRunning(other);
    if (stale) {
      takeOver(file, found);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new InvalidSettingsError([
        `${showPath(options.outdir)}: another synth is running into this output folder (${describe(other)}) and has not finished within ${Math.round(options.waitMs / 1000)} s; run again when it has finished, or ${options.action.elsewhere}`,
      ]);
    }
    if (!waiting) {
      options.say(`Waiting for another synth into ${showPath(options.outdir)} to finish (${describe(other)})…`);
      waiting = true;
    }
    sleep(POLL_MS);
  }
}

/** Creates the lock file with O_EXCL; false when it exists. */
function create(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (error) {
    if (isErrnoError(error) && error.code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Removes a lock whose holder has gone, and only that one: it is renamed away first (atomic), and
 * if what was renamed is not what was read (another synth took the stale lock over in between and
 * holds it now), it is linked back.
 */
function takeOver(file: string, stale: string): void {
  const aside = `${file}.${process.pid.toString(36)}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if (isErrnoError(error) && error.code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readLock(aside) !== stale) fs.linkSync(aside, file);
  } catch (error) {
    // EEXIST: a third synth locked in between; the holder put aside finds out at its check
    if (!(isErrnoError(error) && error.code === 'EEXIST')) throw error;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

function held(file: string, text: string, ownedByThisProcess: boolean): HeldLock {
  const releaseAtExit = () => {
    try {
      if (readLock(file) === text) fs.rmSync(file, { force: true });
    } catch {
      // left behind, the lock is free all the same once this process has exited
    }
  };
  if (ownedByThisProcess) process.once('exit', releaseAtExit);
  return {
    check() {
      if (readLock(file) !== text) {
        throw new InvalidSettingsError([
          `${showPath(file)}: another synth took the output folder's lock over while this one ran; nothing was changed, run again`,
        ]);
      }
    },
    release() {
      if (!ownedByThisProcess) return;
      process.removeListener('exit', releaseAtExit);
      releaseAtExit();
    },
  };
}
