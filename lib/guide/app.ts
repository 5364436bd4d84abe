import * as path from 'path';
import { App } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings } from './config/settings';
import { Tenant } from './config/tenants';
import { GuideVariables } from './config/variables';
import { diagnosticsStream, runByCdktfCli } from './fs/cdktf-cli';
import { beginOutputReplacement } from './fs/output';
import { DefenderIntegrationStack } from './stacks/defender-integration-stack';
import { RepopulateApplicationStack } from './stacks/repopulate-application-stack';
import { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK } from './stack-names';
import { problem } from '../rules/checks';
import { InvalidSettingsError } from '../rules/errors';

export { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK };

/**
 * The stacks of the guide's two template sets, from one set of validated variables. The second,
 * `repopulate-application`, declares a second XDR application: it is synthesized only when the
 * settings ask for it (`repopulate_application = true` in xdr.tfvars), so that deploying every stack
 * (`npx cdktf deploy '*'`, a pipeline) never creates the application twice.
 */
export function addGuideStacks(
  app: App,
  variables: GuideVariables,
  settings: DeploymentSettings = DEFAULT_SETTINGS,
  stackPrefix = '',
): void {
  new DefenderIntegrationStack(app, stackPrefix + DEFENDER_INTEGRATION_STACK, { variables, settings });
  if (settings.repopulateApplication) {
    new RepopulateApplicationStack(app, stackPrefix + REPOPULATE_APPLICATION_STACK, { tenantId: variables.azure_tenant_id, settings });
  }
}

/**
 * The stacks of `addGuideStacks` for every tenant. A named tenant's stacks are
 * `<name>-defender-integration` and (with `repopulate_application = true`) `<name>-repopulate-application`,
 * so each has its own folder and its own state.
 */
export function addTenantStacks(app: App, tenants: readonly Tenant[], settings: DeploymentSettings = DEFAULT_SETTINGS): void {
  for (const tenant of tenants) {
    addGuideStacks(app, tenant.variables, settings, tenant.name === undefined ? '' : `${tenant.name}-`);
  }
}

/**
 * Synthesizes into a new folder and switches the output folder to it only once synthesis has
 * succeeded (lib/guide/fs/output.ts): a failed or killed synth leaves the previous output whole, with
 * Terraform's working files. The output folder may not be the working folder or contain it.
 *
 * Each stack folder then holds exactly this synth (`cdk.tf.json`, or `cdk.tf` and `metadata.json`
 * with `--hcl`) and Terraform's own files; a stack no longer synthesized is removed, by this function
 * when the app runs on its own, by `cdktf synth` itself when it runs the app (it prunes the stack
 * folders it listed beforehand and fails if one has already gone, so an empty folder is left for it).
 */
export function synthesizeAtomically(outdir: string, build: (app: App) => void, env: NodeJS.ProcessEnv = process.env): void {
  const target = path.resolve(outdir);
  const fromTarget = path.relative(target, process.cwd());
  if (fromTarget !== '..' && !fromTarget.startsWith(`..${path.sep}`) && !path.isAbsolute(fromTarget)) {
    // the output folder is replaced as a whole: never the project with it
    throw new InvalidSettingsError([
      problem(
        'output folder (CDKTF_OUTDIR, cdktf synth --output)',
        outdir,
        'must be a folder of its own, not the working folder or one that contains it',
      ),
    ]);
  }
  const output = beginOutputReplacement(outdir, {
    staleStacks: runByCdktfCli(env) ? 'leave-empty' : 'remove',
    elsewhere: 'choose another output folder (cdktf synth --output, or CDKTF_OUTDIR when you run the app yourself)',
    say: (line) => diagnosticsStream(env).write(`${line}\n`),
    env,
  });
  // built here, not in a callback of the output module: cdktf records a stack trace for every token,
  // as deep as this frame (help/performance.md, many tenants)
  try {
    const app = new App({ outdir: output.folder });
    build(app);
    app.synth();
  } catch (error) {
    throw output.abandon(error);
  }
  output.commit();
}
