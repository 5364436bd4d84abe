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
import { diagnosticsStream } from './fs/cdktf-cli';
import { InvalidSettingsError } from '../rules/errors';

/** Runs the guide app in `projectRoot`; resolves to the process exit code. */
export async function runGuideApp(env: NodeJS.ProcessEnv, projectRoot: string): Promise<number> {
  // warnings, the sources line and the per-stack summary: one channel, chosen for cdktf or a terminal
  const say = (line: string) => diagnosticsStream(env).write(`${line}\n`);
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
  let tenants: Tenant[] = [];
  try {
    // read even when a setting is refused, so one run reports every problem
    if (settings.tfvars !== '') {
      const reading = loadTenants(settings.tfvars);
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
  if (!settings.settings || problems.length > 0) throw new InvalidSettingsError(problems);
  say(describeSources(settings.tfvars, tenants));
  for (const tenant of tenants) for (const warning of tenant.warnings) say(`Warning: ${warning}`);
  const deployment = settings.settings;
  if (deployment.applyCapacity) {
    say(
      'Note: XDR_APPLY_CAPACITY=true: this deploy sets eventhub_throughput_allocated even where auto-inflate has raised it; unset it afterwards.',
    );
  }
  // Loaded only now: a refused input exits without paying for cdktf and the provider modules.
  const { addTenantStacks, synthesizeAtomically } = await import('./app');
  const { stackSummaries } = await import('./summary');
  synthesizeAtomically(env.CDKTF_OUTDIR ?? 'cdktf.out', (app) => addTenantStacks(app, tenants, deployment), env);
  for (const line of stackSummaries(tenants, deployment)) say(line);
}
