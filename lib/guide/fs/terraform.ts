/**
 * Running Terraform to read what only it can read (state kept in Azure storage): one place for how it
 * is run (TF_IN_AUTOMATION, in the stack folder) and for the one line each failure becomes.
 */
import { execFile } from 'child_process';
import { InvalidSettingsError } from '../../rules/errors';

export interface TerraformJsonRun {
  /** The command as the failure lines name it, such as "terraform output -json". */
  readonly label: string;
  /** The stack folder as the failure lines show it. */
  readonly shownDir: string;
  readonly maxBuffer: number;
  /** What an empty output means (`terraform state pull` prints nothing for an empty state). @default not JSON */
  readonly emptyIs?: unknown;
}

/** Runs `terraform <args>` in `cwd` and parses what it prints as JSON. */
export function runTerraformJson(cwd: string, args: readonly string[], run: TerraformJsonRun, env: NodeJS.ProcessEnv): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile('terraform', [...args], { cwd, env: { ...env, TF_IN_AUTOMATION: '1' }, maxBuffer: run.maxBuffer }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new InvalidSettingsError(['terraform is not installed or not on PATH; it is needed to read state kept in Azure storage']));
      } else if (error) {
        const detail = (stderr || error.message).replace(/\s+/g, ' ').trim();
        reject(new InvalidSettingsError([`${run.label} failed in ${run.shownDir}: ${detail}`]));
      } else if (run.emptyIs !== undefined && stdout.trim() === '') {
        resolve(run.emptyIs);
      } else {
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new InvalidSettingsError([`${run.label} in ${run.shownDir} did not print JSON`]));
        }
      }
    });
  });
}
