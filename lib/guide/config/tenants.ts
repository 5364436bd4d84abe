/**
 * One tfvars file, or a directory of them (one file per customer, for a managed security provider):
 * every tenant is read, validated and checked against the others before anything is synthesized.
 */
import * as path from 'path';
import { problem, showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { namespaceName } from '../../rules/naming';
import { cdktfCliEnvironmentNames } from '../fs/cdktf-cli';
import { OTHER_TFVARS, inputStats, listInputFolder } from '../fs/read';
import { PathSetting, resolveInputPath } from './paths';
import { SETTINGS_FILE } from './settings';
import { AUTO_TFVARS, TERRAFORM_DEFAULT_TFVARS, loadGuideVariables, variableSources } from './tfvars';
import { GuideVariables, VARIABLE_NAMES } from './variables';

/** One deployment to synthesize: a tenant's validated variables and the file they came from. */
export interface Tenant {
  /** The file stem in directory mode (it prefixes the stack names); absent for a single file. */
  readonly name?: string;
  /** The tenant's tfvars file (or the single terraform.tfvars). */
  readonly file: string;
  /** Every file its variables were read from, lowest precedence first (default: `file` alone). */
  readonly sources?: readonly string[];
  /** The tenant's validated variables. */
  readonly variables: GuideVariables;
  /** Warnings about the tenant's variables, each starting with the file it concerns. */
  readonly warnings: readonly string[];
}

/** The extension of a tenant file in a tenants folder (`.tfvars`, or `.tfvars.json` for JSON). */
export const TFVARS_EXTENSION = '.tfvars';
/** A tenant file: `acme.tfvars` (HCL) or `acme.tfvars.json` (JSON). */
const TENANT_FILE = /\.tfvars(\.json)?$/;

/** A stem becomes part of stack names, folder names and state file names. */
const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * Reads the tenants a path names (a string, or the path as a setting named it, so each line about it
 * names that setting; a dangling link or nothing there is refused): a tfvars file is one tenant with the guide's stack names,
 * read with the files Terraform would read beside it (variableSources); a directory makes every
 * `*.tfvars` and `*.tfvars.json` in it a tenant named after the file. `TF_VAR_*` variables of the
 * guide are refused (checkTerraformEnvironment). Throws one InvalidSettingsError listing every
 * problem of every file, each line naming its file.
 */
export async function loadTenants(input: string | PathSetting, env: NodeJS.ProcessEnv = process.env): Promise<Tenant[]> {
  const where: PathSetting =
    typeof input === 'string' ? { location: input, named: showPath(input), elsewhere: OTHER_TFVARS, folder: true } : input;
  const location = where.location;
  const environmentProblems = checkTerraformEnvironment(env, location);
  const tenants = await readTenants(where).catch((error: unknown) => {
    if (!(error instanceof InvalidSettingsError)) throw error;
    throw new InvalidSettingsError([...environmentProblems, ...error.problems]);
  });
  if (environmentProblems.length > 0) throw new InvalidSettingsError(environmentProblems);
  return tenants;
}

/**
 * Why a file in a tenants folder is not a tenant, or undefined: Terraform reads terraform.tfvars,
 * terraform.tfvars.json and *.auto.tfvars by itself in every run in a folder, so each would be
 * applied to every tenant, which this tool does not do; xdr.tfvars is the settings file's name.
 */
function notATenant(fileName: string): string | undefined {
  const everyRun =
    'Terraform reads it by itself in every run in its folder, so it would apply to every tenant, which this tool does not do';
  if ((TERRAFORM_DEFAULT_TFVARS as readonly string[]).includes(fileName)) {
    return `is not a tenant file: ${everyRun}; rename it after its tenant (acme.tfvars), or, for one deployment, give the path of this file instead of its folder`;
  }
  if (AUTO_TFVARS.test(fileName)) {
    return `is not a tenant file: ${everyRun}; put its variables into each tenant's file`;
  }
  if (fileName === SETTINGS_FILE) {
    return `is named like the settings file, not a tenant file; keep the settings file outside the tenants folder, or rename the tenant's file`;
  }
  return undefined;
}

/** Whether Terraform would read other files in place of a missing terraform.tfvars (variableSources). */
function hasTerraformSources(missing: string): boolean {
  if (inputStats(path.dirname(missing))?.isDirectory() !== true) return false;
  return variableSources(missing).some((source) => source !== missing);
}

async function readTenants(where: PathSetting): Promise<Tenant[]> {
  const { location, named } = where;
  // absent is fine while Terraform's other files are there (terraform.tfvars.json beside no terraform.tfvars)
  const kind = resolveInputPath({ ...where, optional: true });
  if (typeof kind === 'object') throw new InvalidSettingsError([kind.refused]);
  if (kind === 'absent' && !hasTerraformSources(location))
    throw new InvalidSettingsError([`${named}: no such file or folder; ${where.elsewhere}`]);
  if (kind !== 'folder') {
    const loaded = await loadGuideVariables(location, true);
    return [{ file: loaded.file, sources: loaded.sources, variables: loaded.variables, warnings: loaded.warnings }];
  }
  const files = listInputFolder(location).filter((f) => TENANT_FILE.test(f));
  if (files.length === 0) {
    throw new InvalidSettingsError([
      `${named}: is a folder, so it is read as a tenants folder, and it holds no ${TFVARS_EXTENSION} or ${TFVARS_EXTENSION}.json file: a tenants folder holds one file per tenant, named after it (acme.tfvars, globex.tfvars.json); for one deployment, give the path of its terraform.tfvars instead`,
    ]);
  }
  const problems: string[] = [];
  const tenants: Tenant[] = [];
  const seenNames = new Map<string, string>();
  for (const fileName of files) {
    const file = path.join(location, fileName);
    const refused = notATenant(fileName);
    if (refused !== undefined) {
      problems.push(`${showPath(file)}: ${refused}`);
      continue;
    }
    const name = fileName.replace(TENANT_FILE, '');
    const nameProblem = checkTenantName(name, seenNames.get(name.toLowerCase()));
    if (nameProblem) problems.push(`${showPath(file)}: ${nameProblem}`);
    seenNames.set(name.toLowerCase(), file);
    try {
      const loaded = await loadGuideVariables(file);
      if (!nameProblem) tenants.push({ name, file, sources: loaded.sources, variables: loaded.variables, warnings: loaded.warnings });
    } catch (error) {
      if (!(error instanceof InvalidSettingsError)) throw error;
      problems.push(...error.problems);
    }
  }
  problems.push(...findCollisions(tenants));
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return tenants;
}

/**
 * `TF_VAR_<variable>` for a guide variable is refused: Terraform would use it, but cdktf removes
 * every `TF_VAR_*` from the app's environment and synthesizes again on every command, so what is
 * deployed must come from files. Seen in the app's own environment (when run directly) or in the
 * cdktf CLI's (cdktfCliEnvironmentNames).
 */
export function checkTerraformEnvironment(env: NodeJS.ProcessEnv, location: string, cliNames = cdktfCliEnvironmentNames(env)): string[] {
  const names = new Set([...Object.keys(env), ...cliNames]);
  return VARIABLE_NAMES.filter((name) => names.has(`TF_VAR_${name}`)).map(
    (name) =>
      `TF_VAR_${name}: is set in the environment, and this tool does not read TF_VAR_ variables (cdktf removes them before it runs the app, and every cdktf command synthesizes again, maybe in a shell without it); write ${name} = … in ${showPath(location)} and unset TF_VAR_${name}`,
  );
}

/** The one line a synth prints about where its variables came from. */
export function describeSources(location: string, tenants: readonly Tenant[]): string {
  if (tenants.length === 1 && tenants[0].name === undefined) {
    const sources = (tenants[0].sources ?? [tenants[0].file]).map(showPath);
    return sources.length === 1
      ? `Variables: read ${sources[0]}`
      : `Variables: read ${sources.join(', ')} (a later file wins, as in Terraform)`;
  }
  return `Variables: read ${tenants.length} tenant files in ${showPath(location)}`;
}

function checkTenantName(name: string, sameNameFile: string | undefined): string | undefined {
  if (!TENANT_NAME.test(name)) {
    return problem(
      'file name',
      name,
      'a tenant file name must be 1-63 letters, digits, "-" or "_" before ".tfvars" or ".tfvars.json", starting with a letter or digit (it names the stacks and their state)',
    );
  }
  if (sameNameFile !== undefined) {
    return problem(
      'file name',
      name,
      `differs from ${showPath(sameNameFile)} only in letter case or extension; both would make the same stack folders`,
    );
  }
  return undefined;
}

/**
 * Names Azure makes unique that two tenants would both claim: an Event Hubs namespace name is global
 * (it is a DNS name, compared without case), and a resource group name is unique in a subscription.
 * A replacement reads its resource group instead of creating it, so it claims only the namespace.
 */
export function findCollisions(tenants: ReadonlyArray<Pick<Tenant, 'file' | 'variables'>>): string[] {
  const problems: string[] = [];
  const namespaces = new Map<string, string>();
  const resourceGroups = new Map<string, string>();
  for (const { file, variables: v } of tenants) {
    const namespace = namespaceName(v.client_name, v.azure_region);
    const namespaceOwner = namespaces.get(namespace.toLowerCase());
    if (namespaceOwner === undefined) {
      namespaces.set(namespace.toLowerCase(), file);
    } else {
      const replacement = v.replacement_eventhub ? '; a replacement needs a client_name different from the deployment it replaces' : '';
      problems.push(
        `${showPath(file)}: ${problem(
          'client_name',
          v.client_name,
          `with azure_region "${v.azure_region}" gives the namespace name "${namespace}", which ${showPath(namespaceOwner)} also gives; namespace names are global in Azure, so change client_name in one of the two files${replacement}`,
        )}`,
      );
    }
    if (v.replacement_eventhub) continue;
    const groupKey = `${v.azure_subscription_id}/${v.resource_group_name}`.toLowerCase();
    const groupOwner = resourceGroups.get(groupKey);
    if (groupOwner === undefined) {
      resourceGroups.set(groupKey, file);
    } else {
      problems.push(
        `${showPath(file)}: ${problem(
          'resource_group_name',
          v.resource_group_name,
          `is also created by ${showPath(groupOwner)} in the same subscription ${v.azure_subscription_id}; give one of the two files another resource_group_name or azure_subscription_id`,
        )}`,
      );
    }
  }
  return problems;
}
