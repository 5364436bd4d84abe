/**
 * The app `cdktf synth` runs: reads the customer's terraform.tfvars (XDR_TFVARS, else ./terraform.tfvars;
 * a directory of tfvars files makes one pair of stacks per file), validates everything, then
 * synthesizes. Bad input prints one line per problem and exits 1 before anything is written; a synth
 * that fails later leaves the previous output as it was.
 */
import * as path from 'path';
import { cacheParsedHcl } from './lib/guide/config/hcl-cache';
import { readDeploymentSettings } from './lib/guide/config/settings';
import { Tenant, describeSources, loadTenants } from './lib/guide/config/tenants';
import { diagnosticsStream } from './lib/guide/fs/cdktf-cli';
import { InvalidSettingsError } from './lib/rules/errors';

const say = (line: string) => diagnosticsStream(process.env).write(`${line}\n`);

async function main(): Promise<void> {
  cacheParsedHcl(path.join(__dirname, 'node_modules', '.cache', 'xdr-hcl'));
  const settings = readDeploymentSettings(process.env);
  const problems = settings.errors.map((e) => `environment: ${e}`);
  let tenants: Tenant[] = [];
  const location = process.env.XDR_TFVARS ?? 'terraform.tfvars';
  try {
    tenants = await loadTenants(location);
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    problems.push(...error.problems);
  }
  if (!settings.settings || problems.length > 0) throw new InvalidSettingsError(problems);
  say(describeSources(location, tenants));
  for (const tenant of tenants) for (const warning of tenant.warnings) say(`Warning: ${warning}`);
  const deployment = settings.settings;
  // Loaded only now: a refused input exits without paying for cdktf and the provider modules.
  const { addTenantStacks, synthesizeAtomically } = await import('./lib/guide/app');
  synthesizeAtomically(process.env.CDKTF_OUTDIR ?? 'cdktf.out', (app) => addTenantStacks(app, tenants, deployment));
}

main().catch((error: unknown) => {
  if (!(error instanceof InvalidSettingsError)) throw error;
  for (const line of error.problems) say(`Error: ${line}`);
  process.exitCode = 1;
});
