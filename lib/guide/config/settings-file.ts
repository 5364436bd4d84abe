/**
 * Finds and reads the settings file (XDR_SETTINGS, else ./xdr.tfvars) with the HCL reader that reads
 * terraform.tfvars, then the environment over it, and resolves the path of the guide's variables it
 * names. The only part of the settings layer that touches the file system, so main.ts stays a few
 * lines. Every path goes through resolveInputPath: a dangling link, a folder where a file is needed
 * or an empty path is refused naming its setting.
 */
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { checkText } from '../../rules/text';
import { PathSetting, namedSetting, resolveInputPath } from './paths';
import { Env, SETTINGS, SETTINGS_FILE, SettingsFile, SettingsResult, readDeploymentSettings } from './settings';
import { parseTfvarsFile } from './tfvars';

const SETTINGS_PATH = SETTINGS.find((s) => s.env === 'XDR_SETTINGS');
/** Keys whose value is text: an unquoted word there is a missing pair of quotes (`tfvars = tenants`). */
const TEXT_KEYS = SETTINGS.filter((s) => s.kind === 'text').map((s) => s.key);

export interface LoadedSettings extends SettingsResult {
  /**
   * The location of the guide's variables as the user named it (XDR_TFVARS, `tfvars` in the settings
   * file, or the default path), for loadTenants to resolve and to name in its lines; absent when
   * `tfvars` is empty.
   */
  readonly tfvarsPath?: PathSetting;
}

/** The settings file's path as the user named it (XDR_SETTINGS) or the default ./xdr.tfvars, which may be absent. */
function settingsPath(named: string | undefined): PathSetting {
  const needs = 'the settings are one HCL file like terraform.tfvars (see xdr.tfvars.example)';
  return named === undefined
    ? {
        location: SETTINGS_FILE,
        named: showPath(SETTINGS_FILE),
        needs,
        elsewhere: `move it away to run without settings, or set XDR_SETTINGS to your settings file`,
        optional: true,
      }
    : {
        location: named,
        named: namedSetting('XDR_SETTINGS', named, 'environment'),
        needs,
        elsewhere: 'set XDR_SETTINGS to the path of your settings file, or unset it to read ./xdr.tfvars',
      };
}

/** Where the guide's variables were named: XDR_TFVARS, else `tfvars` in the settings file, else the default path. */
function tfvarsPath(location: string, env: Env, file: SettingsFile | undefined): PathSetting {
  const what = "the guide's terraform.tfvars or a tenants folder";
  if (env.XDR_TFVARS) {
    return {
      location,
      named: namedSetting('XDR_TFVARS', env.XDR_TFVARS, 'environment'),
      elsewhere: `set XDR_TFVARS to ${what}`,
      folder: true,
    };
  }
  const written = file?.values.tfvars;
  if (typeof written === 'string') {
    return {
      location,
      named:
        namedSetting('tfvars', written, showPath(file?.path ?? SETTINGS_FILE)) + (written === location ? '' : ` (${showPath(location)})`),
      elsewhere: `set tfvars to ${what} (a relative path starts at the settings file's folder)`,
      folder: true,
    };
  }
  return {
    location,
    named: showPath(location),
    elsewhere: `put the guide's terraform.tfvars in this folder, or set tfvars in ${SETTINGS_FILE} (or XDR_TFVARS) to ${what}`,
    folder: true,
  };
}

/** The settings file when there is one, and the problems of its text (the rest of it is still judged). */
async function readSettingsFile(env: Env): Promise<{ readonly file?: SettingsFile; readonly errors: readonly string[] }> {
  const named = env.XDR_SETTINGS || undefined;
  if (named !== undefined) {
    const fault = checkText('XDR_SETTINGS', named, SETTINGS_PATH?.maxLength ?? 4096);
    if (fault !== undefined) return { errors: [`environment: ${fault}`] };
  }
  const where = settingsPath(named);
  try {
    const kind = resolveInputPath(where);
    if (kind === 'absent') return { errors: [] };
    if (typeof kind === 'object') return { errors: [kind.refused] };
    const { values, problems } = await parseTfvarsFile(where.location, { textNames: TEXT_KEYS, elsewhere: where.elsewhere });
    return { file: { path: where.location, values }, errors: problems.map((p) => `${showPath(where.location)}: ${p}`) };
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    return { errors: error.problems };
  }
}

/**
 * The settings of this run: the file's, overridden by the environment's; every problem at once.
 * `tfvars` is empty when the settings file itself could not be read or the `tfvars` setting is refused.
 */
export async function loadDeploymentSettings(env: Env): Promise<LoadedSettings> {
  const { file, errors } = await readSettingsFile(env);
  if (file === undefined && errors.length > 0) return { tfvars: '', errors };
  const read = readDeploymentSettings(env, file);
  // a `tfvars` the file's reader refused (an unquoted word) names no path: none is read in its place
  const tfvarsRefused = !env.XDR_TFVARS && errors.some((line) => line.startsWith(`${showPath(file?.path ?? '')}: tfvars: `));
  const result = errors.length === 0 ? read : { tfvars: tfvarsRefused ? '' : read.tfvars, errors: [...errors, ...read.errors] };
  return result.tfvars === '' ? result : { ...result, tfvarsPath: tfvarsPath(result.tfvars, env, file) };
}
