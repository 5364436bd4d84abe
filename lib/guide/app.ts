import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings } from './config/settings';
import { Tenant } from './config/tenants';
import { GuideVariables } from './config/variables';
import { DefenderIntegrationStack } from './stacks/defender-integration-stack';
import { RepopulateApplicationStack } from './stacks/repopulate-application-stack';
import { problem } from '../rules/checks';
import { InvalidSettingsError } from '../rules/errors';

export const DEFENDER_INTEGRATION_STACK = 'defender-integration';
export const REPOPULATE_APPLICATION_STACK = 'repopulate-application';

/** The two stacks of the guide's two template sets, from one set of validated variables. */
export function addGuideStacks(
  app: App,
  variables: GuideVariables,
  settings: DeploymentSettings = DEFAULT_SETTINGS,
  stackPrefix = '',
): void {
  new DefenderIntegrationStack(app, stackPrefix + DEFENDER_INTEGRATION_STACK, { variables, settings });
  new RepopulateApplicationStack(app, stackPrefix + REPOPULATE_APPLICATION_STACK, { tenantId: variables.azure_tenant_id, settings });
}

/**
 * Both stacks for every tenant. A named tenant's stacks are `<name>-defender-integration` and
 * `<name>-repopulate-application`, so each has its own folder and its own state.
 */
export function addTenantStacks(app: App, tenants: readonly Tenant[], settings: DeploymentSettings = DEFAULT_SETTINGS): void {
  for (const tenant of tenants) {
    addGuideStacks(app, tenant.variables, settings, tenant.name === undefined ? '' : `${tenant.name}-`);
  }
}

/**
 * Synthesizes into a staging folder beside `outdir` and moves it into place only once synthesis has
 * succeeded, so a failed synth leaves the previous output exactly as it was (or none). The output
 * folder may not be the working folder or contain it.
 *
 * What the previous output holds and this synth does not write (terraform's `.terraform` folders and
 * lock files, stacks no longer synthesized) is carried into the new output, as a synth in place
 * would leave it: `cdktf synth` itself prunes stale stack folders after the app exits and fails when
 * one it listed beforehand has gone. The staging folder is a sibling, on the same file system, so
 * that every move is a rename.
 */
export function synthesizeAtomically(outdir: string, build: (app: App) => void): void {
  const target = path.resolve(outdir);
  const fromTarget = path.relative(target, process.cwd());
  if (fromTarget !== '..' && !fromTarget.startsWith(`..${path.sep}`) && !path.isAbsolute(fromTarget)) {
    // the swap below moves the output folder aside: never the project with it
    throw new InvalidSettingsError([
      problem(
        'output folder (CDKTF_OUTDIR, cdktf synth --output)',
        outdir,
        'must be a folder of its own, not the working folder or one that contains it',
      ),
    ]);
  }
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  mkdirSync(parent, { recursive: true });
  removeAbandoned(parent, prefix);
  const staging = path.join(parent, `${prefix}next-${process.pid}`);
  try {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  carryOver(target, staging);
  const previous = path.join(parent, `${prefix}previous-${process.pid}`);
  renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}

function carryOver(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    const existing = lstatSync(destination, { throwIfNoEntry: false });
    if (existing === undefined) renameSync(source, destination);
    else if (entry.isDirectory() && existing.isDirectory()) carryOver(source, destination);
  }
}

/** Staging folders of synths that were interrupted (Ctrl-C, a kill) before they could clean up. */
function removeAbandoned(parent: string, prefix: string): void {
  for (const name of readdirSync(parent)) {
    const pid = name.startsWith(prefix) ? /^(?:next|previous)-(\d+)$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && (Number(pid) === process.pid || !isRunning(Number(pid))))
      rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
