/**
 * `npm run preflight`: before a deploy, checks what it needs from Azure and Entra ID, per tenant,
 * against the signed-in identity. `run` takes the arguments, the environment, where to write and how
 * to reach Azure, and returns the exit code; bin/preflight.ts only wires it to the process.
 */
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { ChecksCommandSpec, EXIT_FAILED, EXIT_OK, runChecksCommand } from '../checks/command';
import { Connect, connectToAzure } from '../checks/connect';
import { deploymentPlan } from '../checks/plan';
import { DEFENDER_INTEGRATION_STACK, tenantStackName } from '../stack-names';
import { StackReport, anyFailed, formatReport, summaryLine } from '../checks/report';
import { loadDeploymentSettings } from '../config/settings-file';
import { loadTenants } from '../config/tenants';
import { outputFolder } from '../local-state';
import { readStackValues, synthesizedStacks } from '../values/read';
import type { CliIo } from './size';

export { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK } from '../checks/command';

interface Options {
  readonly json?: boolean;
}

const SPEC: ChecksCommandSpec = {
  script: 'preflight',
  description:
    'Before a deploy: check, as the signed-in identity, that Azure and Entra ID allow what it creates ' +
    '(tenant, subscription, rights, resource providers, names, region, Azure Policy, an existing application).',
  stacks: 'defender-integration stacks to check (default: every tenant)',
  json: 'print the results as JSON, per stack',
  notes: [
    'Signs in as Azure tools do: Cloud Shell and az login need nothing more; CI uses the AZURE_* variables (workload identity federation too).',
  ],
  exitCodes: '0 nothing failed, 1 a check failed (not being signed in too), 2 bad input.',
};

/**
 * The client ID a deployed stack's state holds, so preflight run again after a deploy knows the
 * application is this deployment's own. Nothing when the stack is not synthesized or not deployed.
 */
async function deployedClientId(stack: string, env: NodeJS.ProcessEnv): Promise<{ deployedClientId?: string }> {
  const synthesized = synthesizedStacks(outputFolder(env)).find((s) => s.name === stack);
  if (synthesized === undefined) return {};
  const values = await readStackValues(synthesized, env);
  const clientId = values.deployed ? values.outputs.client_id?.value : undefined;
  return typeof clientId === 'string' ? { deployedClientId: clientId } : {};
}

async function preflight(
  names: readonly string[],
  options: Options,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  connect?: Connect,
): Promise<number> {
  const loaded = await loadDeploymentSettings(env);
  if (!loaded.settings || loaded.errors.length > 0) throw new InvalidSettingsError([...loaded.errors]);
  const settings = loaded.settings;
  const tenants = await loadTenants(loaded.tfvars, env);
  for (const tenant of tenants) for (const warning of tenant.warnings) io.err(`Warning: ${warning}\n`);
  const stacks = tenants.map((t) => ({ tenant: t, stack: tenantStackName(t.name, DEFENDER_INTEGRATION_STACK) }));
  const unknown = names.filter((n) => !stacks.some((s) => s.stack === n));
  if (unknown.length > 0) {
    throw new InvalidSettingsError([
      `no stack ${unknown.join(', ')} in ${loaded.tfvars}; there are: ${stacks.map((s) => s.stack).join(', ')}`,
    ]);
  }
  const { runPreflight } = await import('../../azure/checks/preflight');
  const reach = connect ?? connectToAzure();
  const reports: StackReport[] = [];
  for (const { tenant, stack } of stacks.filter((s) => names.length === 0 || names.includes(s.stack))) {
    const plan = {
      ...deploymentPlan(tenant.variables, settings),
      ...(await deployedClientId(stack, env)),
      variablesFile: showPath(tenant.file),
    };
    const results = await runPreflight(reach(plan.subscriptionId), plan);
    const report = { stack, source: `${tenant.file}: tenant ${plan.tenantId}, subscription ${plan.subscriptionId}`, results };
    reports.push(report);
    if (!options.json) io.out(formatReport(report));
  }
  io.out(options.json ? JSON.stringify({ stacks: reports }, null, 2) + '\n' : summaryLine(reports));
  return anyFailed(reports) ? EXIT_FAILED : EXIT_OK;
}

/** Runs `npm run preflight` on `argv` (the arguments after the script name) and returns the exit code. */
export function run(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, connect?: Connect): Promise<number> {
  return runChecksCommand<Options>(SPEC, argv, io, (names, options) => preflight(names, options, io, env, connect));
}
