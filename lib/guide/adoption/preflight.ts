/**
 * What adoption needs before anything is synthesized, as one-line problems instead of Terraform's or
 * cdktf's own failures (which come at plan time, or as a stack trace). No cdktf import: main.ts runs
 * these before it loads the app.
 */
import { execFileSync } from 'child_process';
import { problem } from '../../rules/checks';
import { SETTINGS_FILE } from '../config/settings';
import type { GuideVariables } from '../config/variables';

/**
 * Import blocks whose `id` is an expression (the application and service principal are found by data
 * sources while planning) need Terraform 1.6; `required_version` in every stack says the same.
 */
export const MINIMUM_TERRAFORM_VERSION = '1.6.0';

/**
 * A replacement (`replacement_eventhub = true`) is usually a new namespace under a new client_name:
 * importing it fails the plan with Terraform's "Cannot import non-existent remote object". Adopting
 * one is refused unless `replacementExists` says the guide's zip really created it.
 */
export function checkAdoptionTarget(
  v: Pick<GuideVariables, 'replacement_eventhub' | 'client_name'>,
  replacementExists: boolean | undefined,
): string | undefined {
  if (!v.replacement_eventhub || replacementExists) return undefined;
  return problem(
    'XDR_ADOPT_EXISTING',
    'true',
    `imports live resources, and with replacement_eventhub = true the namespace of client_name ${JSON.stringify(v.client_name)} is normally new: remove adopt_existing from ${SETTINGS_FILE} (or unset XDR_ADOPT_EXISTING), or add adopt_replacement = true to it (XDR_ADOPT_REPLACEMENT=true for one command) if the guide's zip already created this replacement`,
  );
}

/** Runs `<binary> version`; returns its output, or throws as `execFileSync` does. */
export type VersionCommand = (binary: string) => string;

const runVersion: VersionCommand = (binary) =>
  execFileSync(binary, ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });

/**
 * cdktf runs `terraform version` while synthesizing import blocks and throws when it cannot; this
 * asks first. The binary is the one cdktf uses (`TERRAFORM_BINARY_NAME`, else `terraform`).
 */
export function checkTerraformForAdoption(
  binary = process.env.TERRAFORM_BINARY_NAME || 'terraform',
  version: VersionCommand = runVersion,
): string | undefined {
  const needed = `adoption needs Terraform ${MINIMUM_TERRAFORM_VERSION} or later on the PATH (its import blocks look up IDs while planning)`;
  let output: string;
  try {
    output = version(binary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `no ${JSON.stringify(binary)} found`
        : `${JSON.stringify(`${binary} version`)} failed (${code ?? 'exit status ' + String((error as { status?: unknown }).status)})`;
    return problem('XDR_ADOPT_EXISTING', 'true', `${needed}, but ${why}; install Terraform (Azure Cloud Shell has it)`);
  }
  const found = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (found === null) return problem('XDR_ADOPT_EXISTING', 'true', `${needed}, but "${binary} version" printed no version`);
  if (compareVersions(found.slice(1).map(Number), MINIMUM_TERRAFORM_VERSION.split('.').map(Number)) < 0) {
    return problem('XDR_ADOPT_EXISTING', 'true', `${needed}, but ${binary} is ${found[0]}; upgrade Terraform`);
  }
  return undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
