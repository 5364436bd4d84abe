/**
 * The app `cdktf synth` runs: reads the settings (./xdr.tfvars or XDR_SETTINGS, with XDR_* variables
 * over them) and the customer's terraform.tfvars (the `tfvars` setting, else ./terraform.tfvars; a
 * directory of tfvars files makes one pair of stacks per file), validates everything, then
 * synthesizes. Bad input prints one line per problem and exits 1 before anything is written; a synth
 * that fails later leaves the previous output as it was.
 */
import * as path from 'path';
import { cacheParsedHcl } from './lib/guide/config/hcl-cache';
import { loadDeploymentSettings } from './lib/guide/config/settings-file';
import { Tenant, loadTenants } from './lib/guide/config/tenants';
import { checkAdoptionTarget, checkTerraformForAdoption } from './lib/guide/adoption/preflight';
import { InvalidSettingsError } from './lib/rules/errors';

/** Where warnings and the per-stack summary go: one place, so the channel is chosen once. */
function report(line: string): void {
  console.error(line);
}

async function main(): Promise<void> {
  cacheParsedHcl(path.join(__dirname, 'node_modules', '.cache', 'xdr-hcl'));
  const settings = await loadDeploymentSettings(process.env);
  const problems = [...settings.errors];
  let tenants: Tenant[] = [];
  try {
    // read even when a setting is refused, so one run reports every problem
    if (settings.tfvars !== '') tenants = await loadTenants(settings.tfvars);
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
  for (const tenant of tenants) for (const warning of tenant.warnings) report(`Warning: ${warning}`);
  const deployment = settings.settings;
  if (deployment.applyCapacity) {
    console.error(
      'Note: XDR_APPLY_CAPACITY=true: this deploy sets eventhub_throughput_allocated even where auto-inflate has raised it; unset it afterwards.',
    );
  }
  // Loaded only now: a refused input exits without paying for cdktf and the provider modules.
  const { addTenantStacks, synthesizeAtomically } = await import('./lib/guide/app');
  const { stackSummaries } = await import('./lib/guide/summary');
  synthesizeAtomically(process.env.CDKTF_OUTDIR ?? 'cdktf.out', (app) => addTenantStacks(app, tenants, deployment));
  for (const line of stackSummaries(tenants, deployment)) report(line);
}

main().catch((error: unknown) => {
  if (!(error instanceof InvalidSettingsError)) throw error;
  for (const line of error.problems) console.error(`Error: ${line}`);
  process.exitCode = 1;
});
