/**
 * The guide app's side of preflight and health: what a tenant's variables and settings deploy, in
 * the library's terms (DeploymentPlan), and what a deployed stack's outputs say (DeployedStream).
 * Pure: no Azure SDK, no cdktf.
 */
import type { DeploymentPlan } from '../../azure/checks/preflight';
import type { DeployedStream } from '../../azure/checks/health';
import { APPLICATION_DISPLAY_NAME, clusterName, namespaceName } from '../../rules/naming';
import type { DeploymentSettings } from '../config/settings';
import { GuideVariables, effectiveTier } from '../config/variables';
import type { TerraformOutputs } from '../values/values';

/** As the stack registers them (RESOURCE_PROVIDERS of the defender-integration stack). */
const RESOURCE_PROVIDERS = ['Microsoft.EventHub', 'Microsoft.Insights'];

export function deploymentPlan(v: GuideVariables, settings: DeploymentSettings): DeploymentPlan {
  const tier = effectiveTier(v);
  return {
    tenantId: v.azure_tenant_id,
    subscriptionId: v.azure_subscription_id,
    resourceGroupName: v.resource_group_name,
    location: v.azure_region,
    namespaceName: namespaceName(v.client_name, v.azure_region),
    tier,
    capacity: tier === 'Premium' ? v.eventhub_processing_units : v.eventhub_throughput_allocated,
    ...(tier === 'Dedicated' ? { clusterName: clusterName(v.client_name, v.azure_region) } : {}),
    createsResourceGroup: !v.replacement_eventhub,
    createsApplication: !v.replacement_eventhub,
    applicationDisplayName: APPLICATION_DISPLAY_NAME,
    grantAdminConsent: settings.grantAdminConsent === true,
    adoptExisting: settings.adoptExisting,
    ...(settings.adoptApplicationObjectId ? { adoptApplicationObjectId: settings.adoptApplicationObjectId } : {}),
    assignsRoles: settings.streamingApiPrincipalId !== undefined,
    createsAlerts: settings.alertEmail !== undefined,
    ...(settings.allowedIpRanges ? { allowedIpRanges: settings.allowedIpRanges } : {}),
    ...(settings.tags ? { tags: settings.tags } : {}),
    resourceProviders: RESOURCE_PROVIDERS,
  };
}

const text = (outputs: TerraformOutputs, name: string): string | undefined => {
  const value = outputs[name]?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The stream a stack's outputs describe; `undefined` for a stack without an event hub (the
 * repopulate-application stack). Of the application's outputs only `client_id`, `client_secret_key_id`
 * and `client_secret_expires_at` are read: the other schedule outputs differ between releases.
 */
export function deployedStream(
  outputs: TerraformOutputs,
  settings: Pick<DeploymentSettings, 'allowedIpRanges'>,
): DeployedStream | undefined {
  const namespaceResourceId = text(outputs, 'event_hub_namespace_resource_id');
  if (namespaceResourceId === undefined) return undefined;
  const clientId = text(outputs, 'client_id');
  const clientSecretKeyId = text(outputs, 'client_secret_key_id');
  const clientSecretExpiresAt = text(outputs, 'client_secret_expires_at');
  return {
    namespaceResourceId,
    eventHubName: text(outputs, 'event_hub_name') ?? '',
    consumerGroupName: text(outputs, 'consumer_group_name') ?? '',
    listenPolicyName: text(outputs, 'shared_access_policy_name') ?? '',
    ...(clientId ? { clientId } : {}),
    ...(clientSecretKeyId ? { clientSecretKeyId } : {}),
    ...(clientSecretExpiresAt ? { clientSecretExpiresAt } : {}),
    ...(settings.allowedIpRanges ? { allowedIpRanges: settings.allowedIpRanges } : {}),
  };
}
