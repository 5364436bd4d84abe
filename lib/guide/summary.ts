/**
 * One line per stack saying what a synth will deploy, so a setting forgotten in a new shell (no alerts,
 * an open namespace, local state, lifted destroy guards) shows before anyone runs `cdktf deploy`.
 */
import { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK } from './app';
import { DeploymentSettings, SETTINGS_FILE } from './config/settings';
import { Tenant } from './config/tenants';
import { GuideVariables, effectiveTier } from './config/variables';
import { namespaceName } from '../rules/naming';

function capacity(v: GuideVariables): string {
  switch (effectiveTier(v)) {
    case 'Dedicated':
      return 'a Standard namespace on a dedicated cluster (Dedicated_1)';
    case 'Premium':
      return `a Premium namespace of ${v.eventhub_processing_units} processing units`;
    default:
      return v.eventhub_throughput_inflate_cap > v.eventhub_throughput_allocated
        ? `a Standard namespace of ${v.eventhub_throughput_allocated} throughput units, auto-inflate to ${v.eventhub_throughput_inflate_cap}`
        : `a Standard namespace of ${v.eventhub_throughput_allocated} throughput units, auto-inflate off`;
  }
}

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

function integration(v: GuideVariables, settings: DeploymentSettings): string {
  const ranges = settings.allowedIpRanges;
  return [
    `${capacity(v)} (${namespaceName(v.client_name, v.azure_region)}, ${v.eventhub_partition_count} partitions)`,
    v.replacement_eventhub ? 'replacement: existing resource group, no application' : 'with the XDR application',
    settings.alertEmail === undefined ? `alerts off (no alert_email in ${SETTINGS_FILE})` : `alerts on to ${settings.alertEmail}`,
    ranges === undefined
      ? 'network open to every address (no allowed_ip_ranges)'
      : `network limited to ${ranges.length} IP range${ranges.length === 1 ? '' : 's'}`,
    ...(settings.adoptExisting ? ['adopting the existing deployment (import blocks)'] : []),
    ...common(settings),
  ].join('; ');
}

/** One line per stack `addTenantStacks` builds, in its order. */
export function stackSummaries(tenants: readonly Tenant[], settings: DeploymentSettings): string[] {
  return tenants.flatMap((tenant) => {
    const prefix = tenant.name === undefined ? '' : `${tenant.name}-`;
    return [
      `${prefix}${DEFENDER_INTEGRATION_STACK} will deploy ${integration(tenant.variables, settings)}`,
      `${prefix}${REPOPULATE_APPLICATION_STACK} will deploy the XDR application only (for its recovery procedure); ${common(settings).join('; ')}`,
    ];
  });
}
