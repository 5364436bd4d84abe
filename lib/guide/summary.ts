/**
 * One line per stack saying what a synth will deploy, so a setting forgotten in a new shell (no alerts,
 * an open namespace, local state, lifted destroy guards) shows before anyone runs `cdktf deploy`.
 */
import { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK } from './app';
import { DeploymentSettings, SETTINGS_FILE } from './config/settings';
import { Tenant } from './config/tenants';
import { GuideVariables } from './config/variables';
import { planCapacity } from './sizing/capacity-plan';
import { DeployedState, deployedStateOf } from './sizing/deployed';
import { namespaceName } from '../rules/naming';

/** What every stack shares: where its state is, whether it can be destroyed, how many tags it carries. */
function common(settings: DeploymentSettings): string[] {
  const state = settings.remoteState;
  const tags = Object.keys(settings.tags ?? {}).length;
  return [
    state === undefined
      ? 'state in a local file'
      : `state in azurerm ${state.storageAccountName}/${state.containerName}/${state.keyPrefix.replace(/\/$/, '')}/`,
    settings.allowDestroy ? 'destroy guards OFF (XDR_ALLOW_DESTROY)' : 'destroy guards on',
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

function integration(v: GuideVariables, settings: DeploymentSettings, deployed: DeployedState): string {
  const plan = planCapacity(v, settings.applyCapacity, deployed);
  return [
    `${plan.configured} (${namespaceName(v.client_name, v.azure_region)}, ${v.eventhub_partition_count} partitions): ${plan.change}`,
    v.replacement_eventhub ? 'replacement: existing resource group, no application' : 'with the XDR application',
    settings.alertEmail === undefined ? `alerts off (no alert_email in ${SETTINGS_FILE})` : `alerts on to ${settings.alertEmail}`,
    network(settings),
    ...(settings.adoptExisting ? ['adopting the existing deployment (import blocks)'] : []),
    ...common(settings),
  ].join('; ');
}

/**
 * One line per stack `addTenantStacks` builds, in its order. `stateFolder` holds the local state
 * files (the output folder's parent); what the last deploy left there decides what this deploy changes.
 */
export function stackSummaries(tenants: readonly Tenant[], settings: DeploymentSettings, stateFolder = '.'): string[] {
  return tenants.flatMap((tenant) => {
    const prefix = tenant.name === undefined ? '' : `${tenant.name}-`;
    const stack = `${prefix}${DEFENDER_INTEGRATION_STACK}`;
    const deployed = deployedStateOf(stack, tenant.variables, stateFolder, settings.remoteState !== undefined);
    return [
      `${stack} will deploy ${integration(tenant.variables, settings, deployed)}`,
      `${prefix}${REPOPULATE_APPLICATION_STACK} will deploy the XDR application only (for its recovery procedure); ${common(settings).join('; ')}`,
    ];
  });
}
