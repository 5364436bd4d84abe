/**
 * Replaces an output folder (cdktf.out) with a new synth so that, at every instant, the folder holds
 * either the whole previous synth or the whole new one, each with every Terraform working file
 * (`.terraform/`, `.terraform.lock.hcl`, plan and local state files) of its stack folders. Pure Node.
 *
 * How: each synth is written into a new folder beside the output folder (a "generation"), and the
 * output folder is a symbolic link to the current generation. Terraform's working files are hard
 * links into the new generation (the live folder keeps its own names until the switch), and the
 * switch is one `rename` of a new link over the old one, which POSIX makes atomic. The previous
 * generation is deleted afterwards. A kill at any instant leaves the link on a complete generation;
 * the next synth removes what the killed one left beside it.
 *
 * A generation is a sibling of the real output folder (after following the user's own links), so
 * every rename stays on one file system; its mode is copied from the previous one (a `chmod 700`
 * stays 700); its name is short and fixed in length, so a long output folder name still fits the
 * 255-byte name limit.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { FileSystemAction, withFileSystemErrors } from './errors';

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
}

interface LiveOutput {
  /** Where the output is read: the link this module manages, or the user's real folder before the first switch. */
  readonly livePath: string;
  /** The folder holding the current output, if any. */
  readonly current?: string;
  /** True when `livePath` is a real folder that becomes a link at the switch. */
  readonly isRealFolder: boolean;
}

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
 * Writes a new output with `write` (given the folder to write into) and switches `outdir` to it.
 * When `write` throws, or any file system call fails, the previous output stays as it was and the
 * error is an InvalidSettingsError of one line naming the path (errno errors) or `write`'s own.
 */
export function replaceOutputFolder(outdir: string, write: (folder: string) => void, options: ReplaceOutputOptions): void {
  const act = (verb: string): FileSystemAction => ({ verb, elsewhere: options.elsewhere });
  const live = locate(outdir, act('be used as the output folder'));
  const parent = path.dirname(live.livePath);
  withFileSystemErrors(parent, act("be created as the output folder's parent"), () => fs.mkdirSync(parent, { recursive: true }));
  const prefix = siblingPrefix(live.livePath);
  const recovered = recoverInterrupted(live, prefix);
  // unique within this process too: two synths of one process can start in the same millisecond
  const generation = path.join(
    parent,
    `${prefix}g${process.pid.toString(36)}-${Date.now().toString(36)}-${(synthsInProcess++).toString(36)}`,
  );
  withFileSystemErrors(live.livePath, act('be written'), () => fs.mkdirSync(generation));
  try {
    withFileSystemErrors(live.livePath, act('be written'), () => {
      write(generation);
      if (recovered.current !== undefined) {
        carryWorkingFiles(recovered.current, generation, options);
        fs.chmodSync(generation, fs.statSync(recovered.current).mode & 0o7777);
      }
    });
  } catch (error) {
    fs.rmSync(generation, { recursive: true, force: true });
    throw error;
  }
  withFileSystemErrors(live.livePath, act('be replaced'), () => switchTo(recovered, generation, prefix));
}

/** Points the live path at `generation` with one rename, then deletes what it replaced. */
function switchTo(live: LiveOutput, generation: string, prefix: string): void {
  const parent = path.dirname(live.livePath);
  const link = path.join(parent, `${prefix}l${process.pid.toString(36)}`);
  fs.rmSync(link, { force: true });
  if (process.platform === 'win32') fs.symlinkSync(generation, link, 'junction');
  else fs.symlinkSync(path.basename(generation), link);
  if (live.isRealFolder) {
    // Once only, the first time: a real folder cannot be renamed over, so it moves aside first. A kill
    // between the two renames leaves it beside, whole, and the next synth moves it back (recoverInterrupted).
    const aside = path.join(parent, `${prefix}o${process.pid.toString(36)}`);
    fs.renameSync(live.livePath, aside);
    fs.renameSync(link, live.livePath);
    fs.rmSync(aside, { recursive: true, force: true });
    return;
  }
  fs.renameSync(link, live.livePath);
  if (live.current !== undefined) fs.rmSync(live.current, { recursive: true, force: true });
}

/**
 * What an interrupted synth left beside the output: a real output folder moved aside goes back
 * (the switch was killed between its two renames); generations, links and folders of processes that
 * are no longer running are removed. Returns the live output as it is after the recovery.
 */
function recoverInterrupted(live: LiveOutput, prefix: string): LiveOutput {
  const parent = path.dirname(live.livePath);
  const siblings = fs.readdirSync(parent).filter((name) => name.startsWith(prefix));
  let recovered = live;
  if (live.current === undefined) {
    const aside = siblings.find((name) => /^o[0-9a-z]+$/.test(name.slice(prefix.length)));
    if (aside !== undefined) {
      fs.renameSync(path.join(parent, aside), live.livePath);
      recovered = { livePath: live.livePath, current: live.livePath, isRealFolder: true };
    }
  }
  for (const name of siblings) {
    const full = path.join(parent, name);
    if (full === recovered.current) continue;
    const pid = /^[glo]([0-9a-z]+)/.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined) continue;
    const owner = parseInt(pid, 36);
    if (owner === process.pid || !isRunning(owner)) fs.rmSync(full, { recursive: true, force: true });
  }
  return recovered;
}

/** A killed process stays a zombie until its parent reaps it, which in a container may take a while: that is not running. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true; // no /proc: the signal test is all there is
  }
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
          `${showPath(from)}: stack ${JSON.stringify(stack.name)} is no longer synthesized, but its folder holds ${state.join(' and ')}, the state of resources that may still exist; destroy them first (cdktf destroy ${stack.name}, with the input that still makes the stack) or move the state file out of the output folder, then run again`,
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
