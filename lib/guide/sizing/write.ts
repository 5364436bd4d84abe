/**
 * `npm run size -- ... --write`: puts sizing values into terraform.tfvars in place (tfvars-edit.ts),
 * and, when an auto-inflating namespace is deployed already, records in xdr.tfvars that the next
 * deploy applies the new capacity (`apply_capacity`, capacity-plan.ts). Refuses, writing nothing,
 * what the deployed namespace cannot take in place (help/replacing.md), a file Terraform's other
 * variable files override, and a result the project's own tfvars reader would not read back.
 */
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { problem, shellWord, showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { loadDeploymentSettings } from '../config/settings-file';
import { Env, settingsFileLocation } from '../config/settings';
import { loadGuideVariables, readTfvars } from '../config/tfvars';
import { GuideVariables, effectiveTier } from '../config/variables';
import { CapacityRequests, replacementProblem, replacementReason } from './capacity-plan';
import { namespaceName } from '../../rules/naming';
import { DeployedState, deployedStateOf } from './deployed';
import { localStateFolder, outputFolder } from '../local-state';
import { inputStats } from '../fs/read';
import { DEFENDER_INTEGRATION_STACK, tenantStackName } from '../stack-names';
import type { EventHubTier } from '../../rules/limits';
import { TFVARS_EXAMPLE } from '../tfvars-example';
import { TfvarsChange, TfvarsValue, editTfvars, hclValue } from './tfvars-edit';

export interface SizingWrite {
  /** The tfvars file to edit. */
  readonly file: string;
  /** The variables this write owns: set when in `values`, removed when not. */
  readonly owned: readonly string[];
  readonly values: Readonly<Record<string, TfvarsValue>>;
  /**
   * The command that changes only the capacity in place, for the replacement message: for the tier the
   * deployed namespace has (the one it keeps in place), or none when no unit count of that tier will do.
   */
  readonly inPlaceCommand?: (deployedTier: EventHubTier) => string | undefined;
}

/** The deployed namespace cannot take the change in place: the operator needs help/replacing.md. */
export class NeedsReplacementError extends InvalidSettingsError {}

export interface SizingWriteResult {
  readonly lines: string[];
}

/** Writes `text` to `file` through a temporary file and a rename, keeping the file's mode. */
function replaceFile(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    if (existsSync(file)) chmodSync(temporary, statSync(file).mode & 0o7777);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function describeChange(file: string, change: TfvarsChange): string {
  if (change.before === undefined) return `${file}: ${change.name} = ${change.after} (added)`;
  if (change.after === undefined) return `${file}: ${change.name} = ${change.before} removed (not read on this tier)`;
  return `${file}: ${change.name} = ${change.after} (was ${change.before})`;
}

/** Where the files are: the settings, and where the app reads the guide's variables (a file or a tenants folder). */
async function context(env: Env) {
  const loaded = await loadDeploymentSettings(env);
  if (loaded.settings === undefined) throw new InvalidSettingsError(loaded.errors);
  return { settings: loaded.settings, tfvars: loaded.tfvars, named: loaded.tfvarsPath?.named ?? showPath(loaded.tfvars) };
}

const TENANT_FILE = /\.tfvars(\.json)?$/;

/**
 * The file `--write` edits when none is given: the one the app reads (the `tfvars` setting or
 * XDR_TFVARS, else ./terraform.tfvars), so the next deploy reads what was written. A tenants folder
 * holds one file per tenant: which one is for the operator to say.
 */
export async function defaultSizingFile(env: Env): Promise<string> {
  const { tfvars, named } = await context(env);
  if (inputStats(tfvars)?.isDirectory()) {
    throw new InvalidSettingsError([
      `--write: ${named} is a tenants folder; give the tenant's file: --write ${path.join(shellWord(tfvars), '<tenant>.tfvars')}`,
    ]);
  }
  return tfvars;
}

/**
 * What `--write` needs after it for a stack's file: nothing for the app's own tfvars file, the tenant's
 * file (`<tenants folder>/<tenant>.tfvars`) for a stack of a tenants folder.
 */
export function writeArgumentFor(stack: string, tfvars: string): string {
  const suffix = `-${DEFENDER_INTEGRATION_STACK}`;
  if (!stack.endsWith(suffix) || !inputStats(tfvars)?.isDirectory()) return '';
  return ` ${shellWord(path.join(tfvars, `${stack.slice(0, -suffix.length)}.tfvars`))}`;
}

/**
 * The deployment `file` belongs to: the app's own file, a tenant's file in the app's tenants folder
 * (its stack is prefixed), or a file of its own (a replacement), which a cdktf command reads only with XDR_TFVARS.
 */
function deploymentOf(file: string, tfvars: string): { readonly stack: string; readonly read: boolean } {
  const target = path.resolve(file);
  if (target === path.resolve(tfvars)) return { stack: DEFENDER_INTEGRATION_STACK, read: true };
  if (path.dirname(target) === path.resolve(tfvars) && inputStats(tfvars)?.isDirectory() && TENANT_FILE.test(target)) {
    return { stack: tenantStackName(path.basename(target).replace(TENANT_FILE, ''), DEFENDER_INTEGRATION_STACK), read: true };
  }
  return { stack: DEFENDER_INTEGRATION_STACK, read: false };
}

/** The tier of the deployed namespace: the one a change in place keeps. */
function deployedTier(deployed: DeployedState): EventHubTier | undefined {
  if (deployed.kind !== 'deployed') return undefined;
  return deployed.onDedicatedCluster ? 'Dedicated' : deployed.sku === 'Premium' ? 'Premium' : 'Standard';
}

/**
 * Adds `namespace`'s request to the `apply_capacity` line of the settings file (set in place when
 * present or commented out, else appended), so its next deploy applies the capacity just written
 * (capacity-plan.ts). The line is a map of namespace name to request that keeps the other namespaces'
 * requests: a project of several namespaces (tenants, a replacement beside the original) shares one
 * settings file, and a request for every namespace would reset the others' capacity too. Returns what it
 * says of a request for every namespace (the text form) it replaced, if any.
 */
function requestCapacity(settingsFile: string, current: CapacityRequests | undefined, namespace: string, request: string): string {
  const text = existsSync(settingsFile)
    ? readFileSync(settingsFile, 'utf8')
    : '# xdr.tfvars: the deployment settings (xdr.tfvars.example lists every key; help/settings.md).\n';
  const others =
    typeof current === 'object' ? Object.entries(current).filter(([name]) => name.toLowerCase() !== namespace.toLowerCase()) : [];
  const requests = Object.fromEntries([...others, [namespace, request]]);
  const edited = editTfvars(settingsFile, text, ['apply_capacity'], { apply_capacity: requests });
  replaceFile(settingsFile, edited.text);
  return typeof current === 'string'
    ? ` (it replaces the request for every namespace, ${hclValue(current)}: a namespace whose deploy has not applied that one keeps its units)`
    : '';
}

/**
 * Writes the sizing into the file and returns the report lines. `now` stamps the capacity request.
 */
export async function writeSizing(request: SizingWrite, env: Env, now: Date = new Date()): Promise<SizingWriteResult> {
  const lines: string[] = [];
  const { file } = request;
  if (file.endsWith('.json')) {
    throw new InvalidSettingsError([
      problem('--write', file, 'is a JSON file; --write edits HCL tfvars files (print the values with --json)'),
    ]);
  }
  let created = false;
  if (!existsSync(file)) {
    if (path.basename(file) !== 'terraform.tfvars' || !existsSync(path.join(path.dirname(file), TFVARS_EXAMPLE))) {
      throw new InvalidSettingsError([problem('--write', file, 'no such file; give the tfvars file to size')]);
    }
    created = true;
  }
  const source = created ? path.join(path.dirname(file), TFVARS_EXAMPLE) : file;
  // the file as the app reads it: every problem at once, before anything is written
  const before = await loadGuideVariables(source, !created);
  const { settings, tfvars } = await context(env);
  const deployment = deploymentOf(file, tfvars);
  const text = readFileSync(source, 'utf8');
  const edited = editTfvars(showPath(file), text, request.owned, request.values);
  const after = { ...before.variables, ...request.values } as GuideVariables;

  // another file Terraform reads beside it (*.auto.tfvars) would set the variable back
  for (const other of before.sources.filter((s) => path.resolve(s) !== path.resolve(source))) {
    const overriding = Object.keys(await readTfvars(other)).filter((name) => request.owned.includes(name));
    for (const name of overriding) {
      throw new InvalidSettingsError([
        problem(
          name,
          path.basename(other),
          `is also set in ${showPath(other)}, which Terraform reads after ${showPath(file)}; remove it there, then run this again`,
        ),
      ]);
    }
  }
  const { stack } = deployment;
  // the app's local state is beside its output folder, the working folder by default (stacks/state.ts)
  const stateFolder = localStateFolder(outputFolder(env));
  const deployed: DeployedState = deployedStateOf(stack, after, stateFolder, settings.remoteState !== undefined);
  const reason = replacementReason(after, deployed);
  if (reason !== undefined) {
    const command = request.inPlaceCommand?.(deployedTier(deployed) ?? effectiveTier(before.variables));
    const inPlace = command === undefined ? '' : `; to change only the capacity in place: ${command}`;
    throw new NeedsReplacementError([`${replacementProblem(showPath(file), reason)}${inPlace}; nothing was written`]);
  }

  // read back by the project's reader before it replaces the file
  // (in a folder of its own: beside the file, a leftover could become a tenant of a tenants folder)
  const checkFolder = mkdtempSync(path.join(os.tmpdir(), 'xdr-size-'));
  try {
    const check = path.join(checkFolder, 'check.tfvars');
    writeFileSync(check, edited.text);
    await loadGuideVariables(check);
  } finally {
    rmSync(checkFolder, { recursive: true, force: true });
  }
  if (created) {
    copyFileSync(source, file);
    lines.push(`${showPath(file)}: created from ${TFVARS_EXAMPLE}; set client_name, azure_region and your IDs in it too`);
  }
  if (edited.changes.length === 0) lines.push(`${showPath(file)}: already holds these values; nothing changed`);
  else replaceFile(file, edited.text);
  lines.push(...edited.changes.map((change) => describeChange(showPath(file), change)));

  // a namespace that exists and auto-inflates ignores capacity until a request says to apply it
  const autoInflating = effectiveTier(after) === 'Standard' && after.eventhub_throughput_inflate_cap > after.eventhub_throughput_allocated;
  if (autoInflating && deployed.kind !== 'none' && 'eventhub_throughput_allocated' in request.values) {
    const settingsFile = settingsFileLocation(env);
    const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
    const namespace = namespaceName(after.client_name, after.azure_region);
    const replaced = requestCapacity(settingsFile, settings.applyCapacity, namespace, stamp);
    lines.push(
      `${showPath(settingsFile)}: apply_capacity[${hclValue(namespace)}] = ${hclValue(stamp)}: the next deploy sets ${namespace} to ${after.eventhub_throughput_allocated} throughput units; ` +
        `later deploys leave the capacity to auto-inflate, and other namespaces keep theirs${replaced}`,
    );
  }
  // a file the app does not read is its own deployment: named with XDR_TFVARS, a replacement in its own output folder (help/replacing.md)
  const input = deployment.read ? '' : `XDR_TFVARS=${shellWord(file)} `;
  const output = !deployment.read && after.replacement_eventhub ? ' --output cdktf.out.replacement' : '';
  lines.push(
    `Next: ${input}npx cdktf diff ${stack}${output} (the summary line says what the deploy changes), then ${input}npx cdktf deploy ${stack}${output}`,
  );
  return { lines };
}
