/**
 * One tfvars file, or a directory of them (one file per customer, for a managed security provider):
 * every tenant is read, validated and checked against the others before anything is synthesized.
 */
import { readdirSync, statSync } from 'fs';
import * as path from 'path';
import { problem } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { namespaceName } from '../../rules/naming';
import { loadGuideVariables } from './tfvars';
import { GuideVariables } from './variables';

export interface Tenant {
  /** The file stem in directory mode (it prefixes the stack names); absent for a single file. */
  readonly name?: string;
  readonly file: string;
  readonly variables: GuideVariables;
  readonly warnings: readonly string[];
}

export const TFVARS_EXTENSION = '.tfvars';

/** A stem becomes part of stack names, folder names and state file names. */
const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * Reads the tenants `location` names: a tfvars file is one tenant with the guide's stack names; a
 * directory makes every `*.tfvars` in it a tenant named after the file. Throws one
 * InvalidSettingsError listing every problem of every file, each line naming its file.
 */
export async function loadTenants(location: string): Promise<Tenant[]> {
  if (!isDirectory(location)) {
    const loaded = await loadGuideVariables(location);
    return [{ file: loaded.file, variables: loaded.variables, warnings: loaded.warnings }];
  }
  const files = readdirSync(location)
    .filter((f) => f.endsWith(TFVARS_EXTENSION))
    .sort();
  if (files.length === 0) {
    throw new InvalidSettingsError([`contains no ${TFVARS_EXTENSION} file; put one file per tenant in it, such as acme.tfvars`], location);
  }
  const problems: string[] = [];
  const tenants: Tenant[] = [];
  const seenNames = new Map<string, string>();
  for (const fileName of files) {
    const file = path.join(location, fileName);
    const name = fileName.slice(0, -TFVARS_EXTENSION.length);
    const nameProblem = checkTenantName(name, seenNames.get(name.toLowerCase()));
    if (nameProblem) problems.push(`${file}: ${nameProblem}`);
    seenNames.set(name.toLowerCase(), file);
    try {
      const loaded = await loadGuideVariables(file);
      if (!nameProblem) tenants.push({ name, file, variables: loaded.variables, warnings: loaded.warnings });
    } catch (error) {
      if (!(error instanceof InvalidSettingsError)) throw error;
      problems.push(...error.problems);
    }
  }
  problems.push(...findCollisions(tenants));
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return tenants;
}

function isDirectory(location: string): boolean {
  try {
    return statSync(location).isDirectory();
  } catch {
    return false; // a missing path is reported, with its name, by the file reader
  }
}

function checkTenantName(name: string, sameNameFile: string | undefined): string | undefined {
  if (!TENANT_NAME.test(name)) {
    return problem(
      'file name',
      name,
      'a tenant file name must be 1-63 letters, digits, "-" or "_" before ".tfvars", starting with a letter or digit (it names the stacks and their state)',
    );
  }
  if (sameNameFile !== undefined) {
    return problem(
      'file name',
      name,
      `differs from ${sameNameFile} only in letter case; their stack folders would clash on Windows and macOS`,
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
        `${file}: ${problem(
          'client_name',
          v.client_name,
          `with azure_region "${v.azure_region}" gives the namespace name "${namespace}", which ${namespaceOwner} also gives; namespace names are global in Azure, so change client_name in one of the two files${replacement}`,
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
        `${file}: ${problem(
          'resource_group_name',
          v.resource_group_name,
          `is also created by ${groupOwner} in the same subscription ${v.azure_subscription_id}; give one of the two files another resource_group_name or azure_subscription_id`,
        )}`,
      );
    }
  }
  return problems;
}
