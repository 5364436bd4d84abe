/**
 * Replaces an output folder (cdktf.out) with a new synth so that, at every instant, the folder holds
 * either the whole previous synth or the whole new one, each with every Terraform working file
 * (`.terraform/`, `.terraform.lock.hcl`, plan and local state files) of its stack folders. Pure Node.
 *
 * How: each synth is written into a new folder beside the output folder (a "generation"), and the
 * output folder is a symbolic link to the current generation. Terraform's working files are hard
 * links into the new generation (the live folder keeps its own names until the switch), and the
 * switch is one `rename` of a new link over the old one, which POSIX makes atomic. The previous
 * generation, unless a program works in it (Linux: /proc), then loses its working files and becomes
 * the spare: the next synth writes into it, overwriting its files (on ext4, creating a folder and a
 * file cost several times what overwriting a file does), and removes what it did not write. A
 * generation a program works in is removed by a later synth. A kill at any instant leaves the link on
 * a complete generation; the next synth removes what the killed one left beside it.
 *
 * One synth at a time (output-lock.ts): a second one waits, so it carries the working files of the
 * output the first one made, never of one being deleted under it; and none switches while Terraform
 * runs in the output, whose files would stay behind.
 *
 * A generation is a sibling of the real output folder (after following the user's own links), so
 * every rename stays on one file system; its mode is copied from the previous one (a `chmod 700`
 * stays 700); its name is short and fixed in length, so a long output folder name still fits the
 * 255-byte name limit. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { FileSystemAction, describeFileSystemError, isErrnoError, withFileSystemErrors } from './errors';
import { lockOutput, sleep } from './output-lock';
import { usersOf } from './processes';

/** Files cdktf writes into a stack folder (JSON, or HCL and its metadata); any other `.tf`/`.tf.json` is stale config too. */
const SYNTHESIZED_FILE = /^(cdk\.tf(\.json)?|metadata\.json)$|\.tf(\.json)?$/;
/** Local state in a stack folder: never dropped with a stack that is no longer synthesized. */
const LOCAL_STATE_FILE = /^terraform\.tfstate(\.backup)?$/;
const STACKS_FOLDER = 'stacks';
const MAX_LINK_HOPS = 32;
let synthsInProcess = 0;

export interface ReplaceOutputOptions {
  /**
   * Stack folders of the previous output that the new synth does not write: removed, or left as an
   * empty folder for `cdktf synth`, which lists the stack folders before it runs the app, removes
   * the ones its manifest no longer names afterwards, and fails if one of them has already gone.
   */
  readonly staleStacks: 'remove' | 'leave-empty';
  /** How the user chooses another output folder, for the messages. */
  readonly elsewhere: string;
  /**
   * Where lines go that are not errors: waiting for another synth, an earlier synth kept for a
   * program working in it.
   * @default nothing is said
   */
  readonly say?: (line: string) => void;
  /**
   * How long to wait for another synth into the same folder, or for Terraform running in it, before refusing.
   * @default 60 seconds
   */
  readonly waitMs?: number;
  /** The environment, which tells whether the cdktf CLI runs the app. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

interface LiveOutput {
  /** Where the output is read: the link this module manages, or the user's real folder before the first switch. */
  readonly livePath: string;
  /** The folder holding the current output, if any. */
  readonly current?: string;
  /** True when `livePath` is a real folder that becomes a link at the switch. */
  readonly isRealFolder: boolean;
}

const DEFAULT_WAIT_MS = 60_000;
/** Earlier synths kept because a program works in them; past this many the oldest goes anyway. */
const MAX_KEPT = 3;
const TERRAFORM = /^(terraform|tofu)$/;
const LOCK_FILE = 'synth.lock';
/**
 * The previous output, kept beside the output folder without Terraform's working files, for the next
 * synth to write into: overwriting a file costs a fraction of creating it and its folder, and of
 * deleting the old ones (help/performance.md, many tenants).
 */
const SPARE = 's';
/** The modification time of a spare's file until the synth writing into the spare overwrites it. */
const NOT_WRITTEN = new Date(0);

/** The name prefix of everything this module puts beside the output folder `livePath`. */
function siblingPrefix(livePath: string): string {
  return `.xdr-${createHash('sha256').update(path.basename(livePath)).digest('hex').slice(0, 8)}.`;
}

/** Follows the user's links to the folder that holds the output (a link of ours ends the walk). */
function locate(outdir: string, action: FileSystemAction): LiveOutput {
  let livePath = path.resolve(outdir);
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const stats = withFileSystemErrors(livePath, action, () => fs.lstatSync(livePath, { throwIfNoEntry: false }));
    if (stats === undefined) return { livePath, isRealFolder: false };
    if (stats.isDirectory()) return { livePath, current: livePath, isRealFolder: true };
    if (!stats.isSymbolicLink()) {
      throw new InvalidSettingsError([
        `${showPath(livePath)}: cannot be the output folder: it is a file (ENOTDIR); move the file away, or ${action.elsewhere}`,
      ]);
    }
    const target = withFileSystemErrors(livePath, action, () => fs.readlinkSync(livePath));
    if (path.basename(target) === target && target.startsWith(siblingPrefix(livePath))) {
      const current = path.join(path.dirname(livePath), target);
      return { livePath, current: fs.existsSync(current) ? current : undefined, isRealFolder: false };
    }
    livePath = path.resolve(path.dirname(livePath), target);
  }
  throw new InvalidSettingsError([
    `${showPath(path.resolve(outdir))}: cannot be the output folder: too many symbolic links, probably a loop (ELOOP); fix the links, or ${action.elsewhere}`,
  ]);
}

/**
 * Writes a new output with `write` (given the folder to write into) and switches `outdir` to it,
 * one synth at a time (lib/guide/fs/output-lock.ts). When `write` throws, or any file system call
 * fails before the switch, the previous output stays as it was and the error is an
 * InvalidSettingsError of one line naming the path (errno errors) or `write`'s own. Once switched,
 * the synth has succeeded: an earlier synth that cannot be removed is a warning.
 */
export function replaceOutputFolder(outdir: string, write: (folder: string) => void, options: ReplaceOutputOptions): void {
  const replacement = beginOutputReplacement(outdir, options);
  try {
    write(replacement.folder);
  } catch (error) {
    throw replacement.abandon(error);
  }
  replacement.commit();
}

/** A new output being written: the folder to write into, then commit or abandon, exactly once. */
export interface OutputReplacement {
  /** The new generation: the folder the synth writes into. */
  readonly folder: string;
  /**
   * Carries the working files over, switches the output folder to `folder` and removes earlier
   * synths; releases the lock. A failure before the switch removes `folder` and leaves the previous
   * output as it was.
   */
  commit(): void;
  /**
   * Removes `folder` and releases the lock: the previous output stays as it was. Returns what to
   * throw for `error`: one line naming the output for an errno error, else `error` itself.
   */
  abandon(error: unknown): unknown;
}

/**
 * Takes the output folder's lock and makes the new generation to write into. Apart from
 * replaceOutputFolder, for a caller that builds what it writes in its own frame (the guide app
 * builds its construct tree there: cdktf records a stack trace as deep as the caller's for every
 * token it makes, help/performance.md).
 */
export function beginOutputReplacement(outdir: string, options: ReplaceOutputOptions): OutputReplacement {
  const act = (verb: string): FileSystemAction => ({ verb, elsewhere: options.elsewhere });
  const say = options.say ?? (() => undefined);
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const found = locate(outdir, act('be used as the output folder'));
  const parent = path.dirname(found.livePath);
  withFileSystemErrors(parent, act("be created as the output folder's parent"), () => fs.mkdirSync(parent, { recursive: true }));
  const prefix = siblingPrefix(found.livePath);
  const lock = lockOutput(path.join(parent, prefix + LOCK_FILE), {
    outdir,
    waitMs,
    say,
    env: options.env ?? process.env,
    action: act('be written'),
  });
  let live: LiveOutput;
  let generation: string;
  let reusedSpare: boolean;
  try {
    // read again: the synth this one waited for has switched the link
    live = withFileSystemErrors(found.livePath, act('be used as the output folder'), () =>
      recoverAside(locate(outdir, act('be used as the output folder')), prefix),
    );
    if (live.current !== undefined) checkWritable(outdir, live.current, act('be replaced'));
    // unique within this process too: two synths of one process can start in the same millisecond
    generation = path.join(parent, `${prefix}g${process.pid.toString(36)}-${Date.now().toString(36)}-${(synthsInProcess++).toString(36)}`);
    reusedSpare = withFileSystemErrors(live.livePath, act('be written'), () =>
      makeGeneration(path.join(parent, prefix + SPARE), generation),
    );
  } catch (error) {
    lock.release();
    throw error;
  }
  let ended = false;
  const end = () => {
    if (ended) throw new Error('an output replacement is committed or abandoned once');
    ended = true;
  };
  return {
    folder: generation,
    commit() {
      end();
      try {
        try {
          withFileSystemErrors(live.livePath, act('be written'), () => {
            if (reusedSpare) removeSpareLeftovers(generation);
            const current = live.current;
            if (current !== undefined) {
              carryWorkingFiles(current, generation, options);
              // what Terraform running there writes after the carry belongs in the new output too
              while (waitForTerraform(outdir, current, waitMs, say, options.elsewhere)) {
                dropWorkingFiles(generation);
                carryWorkingFiles(current, generation, options);
              }
              fs.chmodSync(generation, fs.statSync(current).mode & 0o7777);
            }
          });
          lock.check();
          withFileSystemErrors(live.livePath, act('be replaced'), () => switchTo(live, generation, prefix));
        } catch (error) {
          fs.rmSync(generation, { recursive: true, force: true });
          throw error;
        }
        // the output just replaced, when it is a generation of ours, is the next synth's spare
        const previous = live.isRealFolder ? undefined : live.current;
        for (const line of removeEarlierSynths(outdir, parent, prefix, generation, previous, act('be removed'))) say(line);
      } finally {
        lock.release();
      }
    },
    abandon(error) {
      end();
      try {
        fs.rmSync(generation, { recursive: true, force: true });
      } finally {
        lock.release();
      }
      return isErrnoError(error) ? new InvalidSettingsError([describeFileSystemError(error, live.livePath, act('be written'))]) : error;
    },
  };
}

/** Points the live path at `generation` with one rename; what it replaced is removed afterwards (removeEarlierSynths). */
function switchTo(live: LiveOutput, generation: string, prefix: string): void {
  const parent = path.dirname(live.livePath);
  const link = path.join(parent, `${prefix}l${process.pid.toString(36)}`);
  fs.rmSync(link, { force: true });
  if (process.platform === 'win32') fs.symlinkSync(generation, link, 'junction');
  else fs.symlinkSync(path.basename(generation), link);
  if (live.isRealFolder) {
    // Once only, the first time: a real folder cannot be renamed over, so it moves aside first. A kill
    // between the two renames leaves it beside, whole, and the next synth moves it back (recoverAside).
    fs.renameSync(live.livePath, path.join(parent, `${prefix}o${process.pid.toString(36)}`));
  }
  fs.renameSync(link, live.livePath);
}

/** A real output folder moved aside by a switch killed between its two renames goes back. */
function recoverAside(live: LiveOutput, prefix: string): LiveOutput {
  if (live.current !== undefined) return live;
  const parent = path.dirname(live.livePath);
  const aside = fs.readdirSync(parent).find((name) => name.startsWith(prefix) && /^o[0-9a-z]+$/.test(name.slice(prefix.length)));
  if (aside === undefined) return live;
  fs.renameSync(path.join(parent, aside), live.livePath);
  return { livePath: live.livePath, current: live.livePath, isRealFolder: true };
}

/**
 * Refuses, before anything is written, an output a synth could switch but not remove afterwards:
 * deleting the previous output needs write permission on each of its folders.
 */
function checkWritable(outdir: string, current: string, action: FileSystemAction): void {
  const folders = [current];
  for (let i = 0; i < folders.length; i++) {
    const folder = folders[i];
    try {
      fs.accessSync(folder, fs.constants.W_OK);
    } catch (error) {
      if (!isErrnoError(error) || !['EACCES', 'EPERM', 'EROFS'].includes(error.code)) throw error;
      const mode = (fs.statSync(folder).mode & 0o7777).toString(8).padStart(4, '0');
      const fix =
        error.code === 'EROFS'
          ? `${action.elsewhere} on a writable file system`
          : `make it writable (chmod -R u+w ${showPath(`${outdir}/`)}), or ${action.elsewhere}`;
      throw new InvalidSettingsError([
        `${showPath(outdir)}: cannot be replaced: ${showPath(folder)} is read-only for your user (mode ${mode}, ${error.code}), and a synth removes the previous output; nothing was changed; ${fix}`,
      ]);
    }
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) folders.push(path.join(folder, entry.name));
    }
  }
}

/**
 * Waits while Terraform runs in the current output (`terraform -chdir=cdktf.out/stacks/<stack>`, or
 * a shell in a stack folder): what it writes after the working files were carried over (the lock
 * file, providers, a plan) would stay behind in the previous output. True when it waited (the
 * caller carries the working files again); refuses when Terraform still runs at the end.
 */
function waitForTerraform(outdir: string, current: string, waitMs: number, say: (line: string) => void, elsewhere: string): boolean {
  const real = fs.realpathSync(current);
  const deadline = Date.now() + waitMs;
  let waited = false;
  for (;;) {
    const terraform = (usersOf([real], false).get(real) ?? []).find((user) => TERRAFORM.test(user.name));
    if (terraform === undefined) return waited;
    const what = `${terraform.name} (pid ${terraform.pid}: ${showPath(terraform.command)}) working in ${showPath(terraform.path)}`;
    if (Date.now() >= deadline) {
      throw new InvalidSettingsError([
        `${showPath(outdir)}: ${what} has not finished within ${Math.round(waitMs / 1000)} s, and a synth now would leave the files it writes out of the new output; nothing was changed; run again when it has finished, or ${elsewhere}`,
      ]);
    }
    if (!waited) say(`Waiting for ${what} to finish: the files it writes belong in the new output…`);
    waited = true;
    sleep(250);
  }
}

/**
 * Makes the folder a synth writes into: the spare, renamed, with every file it keeps marked as not
 * written; without a usable spare, a new folder. True when it is the spare.
 */
function makeGeneration(spare: string, generation: string): boolean {
  if (fs.lstatSync(spare, { throwIfNoEntry: false })?.isDirectory()) {
    try {
      fs.renameSync(spare, generation);
      markSpareFiles(generation);
      // its age is this synth's: removeEarlierSynths keeps the newest of the outputs programs work in
      const now = new Date();
      fs.utimesSync(generation, now, now);
      return true;
    } catch (error) {
      if (!isErrnoError(error)) throw error;
      // a spare that cannot be renamed or marked is deleted by removeEarlierSynths, or here
      fs.rmSync(generation, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(generation);
  return false;
}

/** A spare keeps a manifest and each stack folder's synthesized files; anything else goes. */
function markSpareFiles(generation: string): void {
  for (const entry of fs.readdirSync(generation, { withFileTypes: true })) {
    const at = path.join(generation, entry.name);
    if (entry.name === STACKS_FOLDER && entry.isDirectory()) {
      for (const stack of fs.readdirSync(at, { withFileTypes: true })) {
        const stackFolder = path.join(at, stack.name);
        if (!stack.isDirectory()) {
          fs.rmSync(stackFolder, { recursive: true, force: true });
          continue;
        }
        for (const file of fs.readdirSync(stackFolder, { withFileTypes: true })) {
          const filePath = path.join(stackFolder, file.name);
          if (file.isFile() && SYNTHESIZED_FILE.test(file.name)) fs.utimesSync(filePath, NOT_WRITTEN, NOT_WRITTEN);
          else fs.rmSync(filePath, { recursive: true, force: true });
        }
      }
    } else if (entry.isFile()) {
      fs.utimesSync(at, NOT_WRITTEN, NOT_WRITTEN);
    } else {
      fs.rmSync(at, { recursive: true, force: true });
    }
  }
}

/**
 * After the synth: removes the spare's files it did not overwrite, and the stack folders that hold
 * nothing else, so the new output holds exactly this synth.
 */
function removeSpareLeftovers(generation: string): void {
  /** True when `file` was left from before, and is now removed. */
  const removedIfNotWritten = (file: string): boolean => {
    if (fs.statSync(file).mtimeMs !== NOT_WRITTEN.getTime()) return false;
    fs.unlinkSync(file);
    return true;
  };
  const stacks = path.join(generation, STACKS_FOLDER);
  for (const entry of fs.readdirSync(generation, { withFileTypes: true })) {
    if (entry.isFile()) removedIfNotWritten(path.join(generation, entry.name));
  }
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks, { withFileTypes: true })) {
    if (!stack.isDirectory()) continue;
    const stackFolder = path.join(stacks, stack.name);
    const entries = fs.readdirSync(stackFolder, { withFileTypes: true });
    const removed = entries.filter((entry) => entry.isFile() && removedIfNotWritten(path.join(stackFolder, entry.name))).length;
    if (removed === entries.length) fs.rmdirSync(stackFolder);
  }
}

/**
 * Keeps the previous output as the spare, without Terraform's working files (hard links: the new
 * output has its own), so that it never holds on to replaced provider binaries. False when it cannot.
 */
function keepAsSpare(previous: string, spare: string): boolean {
  try {
    dropWorkingFiles(previous);
    fs.renameSync(previous, spare);
    return true;
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    return false;
  }
}

/** Removes what carryWorkingFiles put into the new output's stack folders, leaving this synth's own files. */
function dropWorkingFiles(generation: string): void {
  const stacks = path.join(generation, STACKS_FOLDER);
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks, { withFileTypes: true })) {
    if (!stack.isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(stacks, stack.name))) {
      if (!SYNTHESIZED_FILE.test(name)) fs.rmSync(path.join(stacks, stack.name, name), { recursive: true, force: true });
    }
  }
}

/**
 * Removes everything beside the output but `current` and the lock: the previous output, and what
 * killed synths left. An earlier output a program works in (a shell `cd`'d into it, a Terraform
 * run, an open file) is kept, up to MAX_KEPT of them, and removed by a later synth once no program
 * uses it. Returns the lines to show; a folder that cannot be removed is a warning, not a failure:
 * the new output is in place.
 */
function removeEarlierSynths(
  outdir: string,
  parent: string,
  prefix: string,
  current: string,
  previous: string | undefined,
  action: FileSystemAction,
): string[] {
  const lines: string[] = [];
  let realParent: string;
  let names: string[];
  try {
    realParent = fs.realpathSync(parent);
    names = fs.readdirSync(parent).filter((n) => n.startsWith(prefix) && n !== path.basename(current) && !n.startsWith(prefix + LOCK_FILE));
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    return [`Warning: ${describeFileSystemError(error, parent, action)}`];
  }
  const users = usersOf(
    names.map((n) => path.join(realParent, n)),
    true,
  );
  const used = names.filter((n) => users.has(path.join(realParent, n)));
  const age = (name: string) => fs.lstatSync(path.join(parent, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const overflow = new Set(used.sort((a, b) => age(b) - age(a)).slice(MAX_KEPT));
  const previousName = previous === undefined ? undefined : path.basename(previous);
  // the previous output last: an older spare goes first, and it takes the name
  names.sort((a, b) => Number(a === previousName) - Number(b === previousName));
  for (const name of names) {
    const folder = path.join(parent, name);
    const user = users.get(path.join(realParent, name))?.[0];
    const shown = user === undefined ? '' : `pid ${user.pid} (${showPath(user.command)}) works in ${showPath(user.path)}`;
    if (user !== undefined && !overflow.has(name)) {
      lines.push(
        `Note: kept an earlier output while ${shown}; it sees the files of that synth, not this one's (cd back into ${showPath(outdir)}); a later synth removes it once no program uses it`,
      );
      continue;
    }
    try {
      if (user === undefined && name === previousName && keepAsSpare(folder, path.join(parent, prefix + SPARE))) continue;
      fs.rmSync(folder, { recursive: true, force: true });
      if (user !== undefined) {
        lines.push(`Warning: removed an earlier output although ${shown}: more than ${MAX_KEPT} were kept for programs working in them`);
      }
    } catch (error) {
      if (!isErrnoError(error)) throw error;
      lines.push(`Warning: ${describeFileSystemError(error, folder, action)}`);
    }
  }
  return lines;
}

/**
 * Puts every Terraform working file of the previous output's stack folders into the new output, as
 * hard links (copies where the file system has none): never a synthesized file of the other format,
 * which `terraform init` would load beside the new one.
 */
function carryWorkingFiles(previous: string, next: string, options: ReplaceOutputOptions): void {
  const previousStacks = path.join(previous, STACKS_FOLDER);
  if (!fs.existsSync(previousStacks)) return;
  const problems: string[] = [];
  for (const stack of fs.readdirSync(previousStacks, { withFileTypes: true })) {
    if (!stack.isDirectory()) continue;
    const from = path.join(previousStacks, stack.name);
    const to = path.join(next, STACKS_FOLDER, stack.name);
    const entries = fs.readdirSync(from);
    if (!fs.existsSync(to)) {
      const state = entries.filter((name) => LOCAL_STATE_FILE.test(name));
      if (state.length > 0) {
        problems.push(
          `${showPath(from)}: stack ${JSON.stringify(stack.name)} is no longer synthesized, but its folder holds ${state.join(' and ')}, the state of resources that may still exist; destroy them first (npx cdktf destroy ${stack.name}, with the input that still makes the stack; help/removal.md) or move the state file out of the output folder, then run again`,
        );
      } else if (options.staleStacks === 'leave-empty') {
        fs.mkdirSync(to, { recursive: true });
      }
      continue;
    }
    for (const name of entries) {
      if (SYNTHESIZED_FILE.test(name) || fs.existsSync(path.join(to, name))) continue;
      linkTree(path.join(from, name), path.join(to, name));
    }
  }
  if (problems.length > 0) throw new InvalidSettingsError(problems);
}

/** Recreates `from` at `to`: folders with their mode, links as links, files as hard links. */
function linkTree(from: string, to: string): void {
  const stats = fs.lstatSync(from);
  if (stats.isDirectory()) {
    fs.mkdirSync(to);
    for (const name of fs.readdirSync(from)) linkTree(path.join(from, name), path.join(to, name));
    fs.chmodSync(to, stats.mode & 0o7777);
  } else if (stats.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else {
    try {
      fs.linkSync(from, to);
    } catch {
      // a file system without hard links (some network and FUSE mounts): a copy keeps the content
      fs.copyFileSync(from, to);
      fs.chmodSync(to, stats.mode & 0o7777);
    }
  }
}
