/**
 * The app `cdktf synth` runs: reads the customer's terraform.tfvars (XDR_TFVARS, else ./terraform.tfvars),
 * validates it, then synthesizes both stacks. Bad input prints one line per problem and exits 1
 * before anything is written.
 */
import { App } from 'cdktf';
import { addGuideStacks } from './lib/app';
import { readDeploymentSettings } from './lib/config/settings';
import { loadGuideVariables } from './lib/config/tfvars';
import { InvalidSettingsError } from './lib/rules/errors';

async function main(): Promise<void> {
  const settings = readDeploymentSettings(process.env);
  if (!settings.settings) throw new InvalidSettingsError(settings.errors, 'environment');
  const loaded = await loadGuideVariables(process.env.XDR_TFVARS ?? 'terraform.tfvars');
  for (const warning of loaded.warnings) console.error(`Warning: ${warning}`);
  const app = new App();
  addGuideStacks(app, loaded.variables, settings.settings);
  app.synth();
}

main().catch((error: unknown) => {
  if (!(error instanceof InvalidSettingsError)) throw error;
  for (const line of error.problems) console.error(`Error: ${line}`);
  process.exitCode = 1;
});
