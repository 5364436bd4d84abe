/**
 * One line per stack saying what the cdktf command that synthesized will deploy (or destroy), so a
 * setting forgotten in a new shell (no alerts, an open namespace, local state, lifted destroy guards)
 * shows before anyone runs `cdktf deploy`.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK, tenantStackName } from './stack-names';
import { localStateFolder, stateFileName } from './local-state';
import { DeploymentSettings, SETTINGS_FILE } from './config/settings';
import { Tenant } from './config/tenants';
import { GuideVariables } from './config/variables';
import { planCapacity } from './sizing/capacity-plan';
import { DeployedState, deployedStateOf } from './sizing/deployed';
import { namespaceName } from '../rules/naming';

/** What every stack shares: where its state is, whether it can be destroyed, how many tags it carries. */
function common(settings: DeploymentSettings, command: string | undefined): string[] {
  const state = settings.remoteState;
  const tags = Object.keys(settings.tags ?? {}).length;
  return [
    state === undefined
      ? 'state in a local file'
      : `state in azurerm ${state.storageAccountName}/${state.containerName}/${state.keyPrefix.replace(/\/$/, '')}/`,
    settings.allowDestroy
      ? 'destroy guards OFF (XDR_ALLOW_DESTROY)'
      : command === 'destroy'
        ? 'destroy guards on, so Terraform refuses this destroy (Instance cannot be destroyed; see help/removal.md)'
        : 'destroy guards on',
    `${tags} tag${tags === 1 ? '' : 's'}`,
  ];
}

/** The allow-list, and whose addresses XDR reads from. */
function network(settings: DeploymentSettings): string {
  const ranges = settings.allowedIpRanges;
  if (ranges === undefined) return 'network open to every address (no allowed_ip_ranges)';
  const limited = `network limited to ${ranges.length} IP range${ranges.length === 1 ? '' : 's'}`;
  const egress = settings.xdrEgressRanges;
  if (egress !== undefined) return `${limited}; XDR's addresses: ${egress.join(', ')} (xdr_egress_ranges)`;
  return settings.xdrEgressAcknowledged
    ? `${limited}; XDR's addresses: none added (xdr_egress_acknowledged: XDR reaches it through an address or route already allowed)`
    : `${limited}; XDR's addresses: none listed, so XDR cannot read the hub (set xdr_egress_ranges)`;
}

function integration(v: GuideVariables, settings: DeploymentSettings, deployed: DeployedState, command: string | undefined): string {
  const plan = planCapacity(v, settings.applyCapacity, deployed);
  // what a deploy would do to the capacity is no part of a destroy
  const change = command === 'destroy' ? '' : `: ${plan.change}`;
  return [
    `${plan.configured} (${namespaceName(v.client_name, v.azure_region)}, ${v.eventhub_partition_count} partitions)${change}`,
    v.replacement_eventhub ? 'replacement: existing resource group, no application' : 'with the XDR application',
    settings.alertEmail === undefined ? `alerts off (no alert_email in ${SETTINGS_FILE})` : `alerts on to ${settings.alertEmail}`,
    network(settings),
    ...(settings.adoptExisting ? ['adopting the existing deployment (import blocks)'] : []),
    ...common(settings, command),
  ].join('; ');
}

/**
 * What the line says the command does: `cdktf destroy` destroys; every other cdktf command (synth,
 * diff, deploy) and the app run on its own synthesize for a deploy; when the CLI runs the app but
 * /proc cannot tell which command it is, the line only says what the stack declares.
 */
function verb(command: string | undefined, runByCli: boolean): string {
  if (command === 'destroy') return 'will destroy';
  return command !== undefined || !runByCli ? 'will deploy' : 'declares';
}

/**
 * One line per stack `addTenantStacks` builds, in its order. `stateFolder` holds the local state
 * files (the output folder's parent); what the last deploy left there decides what this deploy changes.
 * `command` is the cdktf command that runs the app (`cdktfCliCommand`), `runByCli` whether the cdktf
 * CLI runs it at all.
 */
export function stackSummaries(
  tenants: readonly Tenant[],
  settings: DeploymentSettings,
  stateFolder = '.',
  command?: string,
  runByCli = false,
): string[] {
  const does = verb(command, runByCli);
  return tenants.flatMap((tenant) => {
    const stack = tenantStackName(tenant.name, DEFENDER_INTEGRATION_STACK);
    const deployed = deployedStateOf(stack, tenant.variables, stateFolder, settings.remoteState !== undefined);
    return [
      `${stack} ${does} ${integration(tenant.variables, settings, deployed, command)}`,
      ...(settings.repopulateApplication
        ? [
            `${tenantStackName(tenant.name, REPOPULATE_APPLICATION_STACK)} ${does} ${recoveryApplication(command)}; ${common(settings, command).join('; ')}`,
          ]
        : []),
    ];
  });
}

/** The repopulate-application stack, which exists only because the settings ask for it. */
function recoveryApplication(command: string | undefined): string {
  const what = `the XDR application on its own (repopulate_application = true in ${SETTINGS_FILE})`;
  return command === 'destroy'
    ? what
    : `${what}: with no state of its own yet, a new application, service principal and secret (a new Client ID and secret for XDR, a new admin consent)`;
}

/**
 * Warnings for a repopulate-application state that holds resources while the stack is not synthesized
 * (an earlier release always synthesized it, and help/replacing.md moves the application into it):
 * without `repopulate_application = true` no cdktf command reaches that application any more. Local
 * state only: the stack's state file is `terraform.<stack>.tfstate` beside the output folder.
 */
export function unmanagedRecoveryStates(tenants: readonly Tenant[], settings: DeploymentSettings, outdir: string): string[] {
  if (settings.repopulateApplication || settings.remoteState !== undefined) return [];
  return tenants.flatMap((tenant) => {
    const stack = tenantStackName(tenant.name, REPOPULATE_APPLICATION_STACK);
    const state = path.join(localStateFolder(outdir), stateFileName(stack));
    let resources: unknown[] = [];
    try {
      resources = (JSON.parse(readFileSync(state, 'utf8')) as { resources?: unknown[] }).resources ?? [];
    } catch {
      return []; // no state (the usual case), or one npm run values reports
    }
    return resources.length === 0
      ? []
      : [
          `${path.relative(process.cwd(), state) || state} holds the ${stack} stack's application, but repopulate_application is not set in ${SETTINGS_FILE}: ` +
            `no cdktf command reaches that application (its secret is not rotated); add repopulate_application = true to ${SETTINGS_FILE}`,
        ];
  });
}
