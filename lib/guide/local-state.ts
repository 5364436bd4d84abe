/**
 * Where the stacks keep local state: the files `terraform.<stack>.tfstate` beside the output folder
 * (the project folder by default), where each stack's relative backend path points
 * (stacks/state.ts). One answer for the synth's checks, the stacks and the commands. Pure Node.
 */
import * as path from 'path';
import type { GuideVariables } from './config/variables';
import { shellWord } from '../rules/checks';

/** cdktf's output folder when neither --output nor CDKTF_OUTDIR names one. */
export const DEFAULT_OUTPUT_FOLDER = 'cdktf.out';

/** The output folder the commands read: CDKTF_OUTDIR (an empty one counts as unset), else cdktf.out. */
export function outputFolder(env: NodeJS.ProcessEnv): string {
  return env.CDKTF_OUTDIR || DEFAULT_OUTPUT_FOLDER;
}

/**
 * What a cdktf command needs to write into `outdir`: nothing for cdktf.out, else `--output <outdir>`
 * (the CLI sets the app's CDKTF_OUTDIR from its own option, so an exported CDKTF_OUTDIR is not enough).
 */
function outputOption(outdir: string): string {
  return isDefaultOutputFolder(outdir) ? '' : ` --output ${shellWord(outdir)}`;
}

/** Whether a cdktf command run in the working folder writes into `outdir` without being told. */
export function isDefaultOutputFolder(outdir: string): boolean {
  return path.resolve(outdir) === path.resolve(DEFAULT_OUTPUT_FOLDER);
}

/** The cdktf command that runs `verb` on `stacks` in `outdir`, as an operator types it. */
export function cdktfCommand(verb: 'synth' | 'diff' | 'deploy' | 'destroy', stacks: readonly string[], outdir: string): string {
  return `npx cdktf ${[verb, ...stacks].join(' ')}${outputOption(outdir)}`;
}

/**
 * `npm run <script>` (values, health, rotate) for the stacks in `outdir`, with `args`: after npm's `--`,
 * with `--output <outdir>` first where that is not cdktf.out.
 */
export function projectCommand(script: 'values' | 'health' | 'rotate', outdir: string, ...args: string[]): string {
  const options = `${outputOption(outdir)}${args.map((arg) => ` ${arg}`).join('')}`;
  return `npm run ${script}${options === '' ? '' : ` --${options}`}`;
}

/** The folder the local state files are in: the output folder's parent. */
export function localStateFolder(outdir: string): string {
  return path.dirname(path.resolve(outdir));
}

/**
 * The state file name of a stack. A replacement keeps its own state, keyed by its (necessarily new)
 * client_name, so deploying it can never plan the destruction of the deployment it replaces.
 */
export function stateFileName(stackId: string, v?: Pick<GuideVariables, 'replacement_eventhub' | 'client_name'>): string {
  return v?.replacement_eventhub ? `terraform.${stackId}.replacement-${v.client_name}.tfstate` : `terraform.${stackId}.tfstate`;
}
