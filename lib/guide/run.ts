/**
 * What `cdktf synth` (and every cdktf command, which synthesizes again) runs, through main.ts: reads
 * the settings (./xdr.tfvars or XDR_SETTINGS, with XDR_* variables over them) and the customer's
 * terraform.tfvars (the `tfvars` setting, else ./terraform.tfvars; a folder of tfvars files makes one
 * pair of stacks per file), validates everything, then synthesizes. Bad input prints one line per
 * problem and exits 1 before anything is written; a synth that fails later leaves the previous output
 * as it was.
 */
import * as path from 'path';
import { checkAdoptionTarget, checkTerraformForAdoption } from './adoption/preflight';
import { cacheParsedHcl } from './config/hcl-cache';
import { isParsing } from './config/hcl-worker';
import { loadDeploymentSettings } from './config/settings-file';
import { Tenant, describeSources, loadTenants } from './config/tenants';
import { cdktfCliCommand, diagnosticsStream, runByCdktfCli } from './fs/cdktf-cli';
import { InvalidSettingsError } from '../rules/errors';
import { terminalSafe } from '../rules/terminal';
import { DEFAULT_TFVARS, DeploymentSettings } from './config/settings';
import { replacementProblem, replacementReason } from './sizing/capacity-plan';
import { deployedStateOf } from './sizing/deployed';
import { localStateFolder } from './local-state';
import { DEFENDER_INTEGRATION_STACK, tenantStackName } from './stack-names';
import { tfvarsOrExample } from './tfvars-example';
import { limitTokenTraces } from './token-traces';

/** Runs the guide app in `projectRoot`; resolves to the process exit code. */
export async function runGuideApp(env: NodeJS.ProcessEnv, projectRoot: string): Promise<number> {
  limitTokenTraces();
  // warnings, the sources line and the per-stack summary: one channel, chosen for cdktf or a terminal;
  // each line may echo a file's content (a path, a tag, an address), so none can carry a control character
  const say = (line: string) => diagnosticsStream(env).write(`${terminalSafe(line)}\n`);
  try {
    await synthesizeGuide(env, projectRoot, say);
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    for (const line of error.problems) say(`Error: ${line}`);
    return 1;
  }
}

async function synthesizeGuide(env: NodeJS.ProcessEnv, projectRoot: string, say: (line: string) => void): Promise<void> {
  cacheParsedHcl(path.join(projectRoot, 'node_modules', '.cache', 'xdr-hcl'));
  const settings = await loadDeploymentSettings(env);
  const problems = [...settings.errors];
  const tfvars = tfvarsOrExample(settings.tfvars, DEFAULT_TFVARS);
  let tenants: Tenant[] = [];
  try {
    // read even when a setting is refused, so one run reports every problem
    if (settings.tfvarsPath !== undefined) {
      // without terraform.tfvars the shipped example is read (tfvars-example.ts), named as itself
      const where =
        tfvars.location === settings.tfvarsPath.location
          ? settings.tfvarsPath
          : { ...settings.tfvarsPath, location: tfvars.location, named: tfvars.location };
      const reading = loadTenants(where, env);
      // while the HCL parser's thread reads a file (config/hcl-worker.ts), this one loads cdktf and the
      // provider modules; with every file's parse cached, a refused input still exits without them
      if (isParsing()) void import('./app');
      tenants = await reading;
    }
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    problems.push(...error.problems);
  }
  if (settings.settings?.adoptExisting) {
    for (const tenant of tenants) {
      const refused = checkAdoptionTarget(tenant.variables, settings.settings.adoptReplacement);
      if (refused !== undefined) problems.push(`${tenant.file}: ${refused}`);
    }
    const terraform = checkTerraformForAdoption();
    if (terraform !== undefined) problems.push(`environment: ${terraform}`);
  }
  const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
  // the local state files sit beside the output folder (stacks/state.ts)
  const stateFolder = localStateFolder(outdir);
  if (settings.settings) {
    const replacements = replacementProblems(tenants, settings.settings, stateFolder);
    // lifting the destroy guards is the replacement and removal procedures' own step: then it is a warning
    if (settings.settings.allowDestroy) replacements.forEach((line) => say(`Warning: ${line}`));
    else problems.push(...replacements);
  }
  if (!settings.settings || problems.length > 0) throw new InvalidSettingsError(problems);
  if (tfvars.note !== undefined) say(tfvars.note);
  say(describeSources(tfvars.location, tenants));
  for (const tenant of tenants) for (const warning of tenant.warnings) say(`Warning: ${warning}`);
  const deployment = settings.settings;
  // Loaded only now: a refused input exits without paying for cdktf and the provider modules.
  const { addTenantStacks, synthesizeAtomically } = await import('./app');
  const { stackSummaries, unmanagedRecoveryStates } = await import('./summary');
  const { planSynthRotation } = await import('./rotation/synth');
  for (const warning of unmanagedRecoveryStates(tenants, deployment, outdir)) say(`Warning: ${warning}`);
  // the secrets' line per stack, and the rotation counter each stack's state allows (help/rotation.md)
  const rotation = planSynthRotation(tenants, deployment, outdir);
  if (rotation.refused.length > 0) throw new InvalidSettingsError([...rotation.refused]);
  synthesizeAtomically(outdir, (app) => addTenantStacks(app, tenants, { ...deployment, secretGenerations: rotation.generations }), env);
  const command = cdktfCliCommand(env);
  for (const line of stackSummaries(tenants, deployment, stateFolder, command, runByCdktfCli(env))) say(line);
  // the secrets' lines say what a deploy does: under cdktf destroy the summary line says it all
  if (command !== 'destroy') for (const line of rotation.lines) say(line);
}

/** One line per tenant whose configuration the deployed namespace cannot take in place. */
function replacementProblems(tenants: readonly Tenant[], settings: DeploymentSettings, stateFolder: string): string[] {
  return tenants.flatMap((tenant) => {
    const stack = tenantStackName(tenant.name, DEFENDER_INTEGRATION_STACK);
    const reason = replacementReason(
      tenant.variables,
      deployedStateOf(stack, tenant.variables, stateFolder, settings.remoteState !== undefined),
    );
    return reason === undefined ? [] : [replacementProblem(tenant.file, reason)];
  });
}
