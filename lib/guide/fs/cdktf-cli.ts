/**
 * What the app can tell about the cdktf CLI that runs it. `cdktf synth` (cli-core's SynthStack)
 * runs the app with SYNTH_HCL_OUTPUT ("true" or "false") and CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS
 * set; a user running `node main.ts` has neither. Pure Node.
 */
import * as fs from 'fs';
import { parentOf } from './processes';

export function runByCdktfCli(env: NodeJS.ProcessEnv): boolean {
  return env.SYNTH_HCL_OUTPUT !== undefined && env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

const MAX_ANCESTORS = 8;
const CDKTF_SCRIPT = /(^|[/\\])cdktf(\.js)?$/;

/** The cdktf CLI process above the app, on Linux: its pid and arguments; `undefined` when /proc cannot tell. */
function cdktfCliProcess(env: NodeJS.ProcessEnv, proc: string): { pid: number; commandLine: string[] } | undefined {
  if (!runByCdktfCli(env)) return undefined;
  try {
    let pid: number | undefined = process.ppid;
    for (let hop = 0; hop < MAX_ANCESTORS && pid !== undefined && pid > 1; hop++) {
      const commandLine = fs.readFileSync(`${proc}/${pid}/cmdline`, 'latin1').split('\0');
      if (commandLine.some((arg) => CDKTF_SCRIPT.test(arg))) return { pid, commandLine };
      pid = parentOf(pid, proc);
    }
  } catch {
    // no /proc (macOS, Windows) or a process that has gone: nothing more to tell
  }
  return undefined;
}

/**
 * The pid of the cdktf CLI that runs the app (its nearest ancestor whose command is `cdktf`), on
 * Linux; undefined when the app is not run by the CLI or /proc cannot tell.
 */
export function cdktfCliPid(env: NodeJS.ProcessEnv, proc = '/proc'): number | undefined {
  return cdktfCliProcess(env, proc)?.pid;
}

/**
 * Names of the environment variables the cdktf CLI was started with, on Linux. cdktf removes every
 * `TF_VAR_*` from the environment of the app it runs (SynthStack.synth), so only the CLI's own
 * process still shows them; /proc/<pid>/environ is the environment a process was started with, which
 * for the CLI is the user's shell's at the command. Values are never read out. Empty when the app is
 * not run by the CLI or /proc cannot tell.
 */
export function cdktfCliEnvironmentNames(env: NodeJS.ProcessEnv, proc = '/proc'): string[] {
  const cli = cdktfCliProcess(env, proc);
  try {
    return cli === undefined
      ? []
      : fs
          .readFileSync(`${proc}/${cli.pid}/environ`, 'latin1')
          .split('\0')
          .map((entry) => entry.slice(0, Math.max(0, entry.indexOf('='))))
          .filter((name) => name !== '');
  } catch {
    return []; // the CLI has gone, or its environment is not ours to read
  }
}

/**
 * The cdktf command that runs the app (`synth`, `diff`, `deploy`, `destroy`, ...): the CLI passes it
 * in no variable, so it is read from the CLI's arguments in /proc. `undefined` when the app runs on
 * its own (`node main.ts`) or /proc cannot tell (macOS, Windows).
 */
export function cdktfCliCommand(env: NodeJS.ProcessEnv, proc = '/proc'): string | undefined {
  const commandLine = cdktfCliProcess(env, proc)?.commandLine;
  if (commandLine === undefined) return undefined;
  const script = commandLine.findIndex((arg) => CDKTF_SCRIPT.test(arg));
  return commandLine.slice(script + 1).find((arg) => arg !== '' && !arg.startsWith('-'));
}

/**
 * Where the app's warnings and errors go so that they read as what they are: `cdktf synth` prints
 * each chunk the app writes on stderr as `[<time>] [ERROR] default - …` (even a warning) and the
 * app's stdout as it is, so under the CLI they go to stdout; run directly, to stderr as usual.
 */
export function diagnosticsStream(env: NodeJS.ProcessEnv): NodeJS.WritableStream {
  return runByCdktfCli(env) ? process.stdout : process.stderr;
}
