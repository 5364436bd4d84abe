/**
 * Finds and reads the settings file (XDR_SETTINGS, else ./xdr.tfvars) with the HCL reader that reads
 * terraform.tfvars, then the environment over it. The only part of the settings layer that touches
 * the file system, so main.ts stays a few lines.
 */
import { existsSync } from 'fs';
import { problem } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { checkText } from '../../rules/text';
import { Env, SETTINGS, SETTINGS_FILE, SettingsFile, SettingsResult, readDeploymentSettings } from './settings';
import { readTfvars } from './tfvars';

const SETTINGS_PATH = SETTINGS.find((s) => s.env === 'XDR_SETTINGS');

/**
 * The settings of this run: the file's, overridden by the environment's; every problem at once.
 * `tfvars` is empty when the settings file itself could not be read.
 */
export async function loadDeploymentSettings(env: Env): Promise<SettingsResult> {
  const named = env.XDR_SETTINGS || undefined;
  if (named !== undefined) {
    const fault =
      checkText('XDR_SETTINGS', named, SETTINGS_PATH?.maxLength ?? 4096) ??
      (existsSync(named)
        ? undefined
        : problem('XDR_SETTINGS', named, 'names no file; give the path of your settings file, or unset it to read ./xdr.tfvars'));
    if (fault !== undefined) return { tfvars: '', errors: [`environment: ${fault}`] };
  }
  const location = named ?? SETTINGS_FILE;
  if (named === undefined && !existsSync(location)) return readDeploymentSettings(env);
  let file: SettingsFile;
  try {
    file = { path: location, values: await readTfvars(location) };
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    return { tfvars: '', errors: error.problems };
  }
  return readDeploymentSettings(env, file);
}
