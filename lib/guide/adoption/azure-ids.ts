/**
 * Azure resource IDs of a guide deployment, computed from the subscription, the resource group and
 * the names the guide gives its resources. They are exactly the import IDs azurerm 4.x expects
 * (its parsers compare segment names case-sensitively, so `consumerGroups` and `authorizationRules`
 * are spelled as Azure returns them). Pure: no cdktf import.
 */
import { GuideVariables, effectiveTier } from '../config/variables';
import { CONSUMER_GROUP_NAME, EVENT_HUB_NAME, LISTEN_POLICY_NAME, clusterName, namespaceName } from '../../rules/naming';

export interface ResourceGroupScope {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
}

export function resourceGroupId(scope: ResourceGroupScope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroupName}`;
}

function eventHubProvider(scope: ResourceGroupScope): string {
  return `${resourceGroupId(scope)}/providers/Microsoft.EventHub`;
}

export function eventHubClusterId(scope: ResourceGroupScope, cluster: string): string {
  return `${eventHubProvider(scope)}/clusters/${cluster}`;
}

export function eventHubNamespaceId(scope: ResourceGroupScope, namespace: string): string {
  return `${eventHubProvider(scope)}/namespaces/${namespace}`;
}

export function eventHubId(scope: ResourceGroupScope, namespace: string, eventHub: string): string {
  return `${eventHubNamespaceId(scope, namespace)}/eventhubs/${eventHub}`;
}

export function consumerGroupId(scope: ResourceGroupScope, namespace: string, eventHub: string, consumerGroup: string): string {
  return `${eventHubId(scope, namespace, eventHub)}/consumerGroups/${consumerGroup}`;
}

/** A shared access policy on an event hub (not on the namespace). */
export function eventHubAuthorizationRuleId(scope: ResourceGroupScope, namespace: string, eventHub: string, rule: string): string {
  return `${eventHubId(scope, namespace, eventHub)}/authorizationRules/${rule}`;
}

/** azuread 3.x addresses applications by object ID, not by client (application) ID. */
export function applicationResourceId(objectId: string): string {
  return `/applications/${objectId}`;
}

export function servicePrincipalResourceId(objectId: string): string {
  return `/servicePrincipals/${objectId}`;
}

/** The Azure IDs of everything the guide's main template set creates in Azure Resource Manager. */
export interface GuideResourceIds {
  /** Absent on a replacement deployment, which reads the existing group instead of owning it. */
  readonly resourceGroup?: string;
  /** Present on the dedicated tier only. */
  readonly cluster?: string;
  readonly namespace: string;
  readonly eventHub: string;
  readonly consumerGroup: string;
  readonly listenPolicy: string;
}

/** The IDs the guide's names give for one set of tfvars. */
export function guideResourceIds(v: GuideVariables): GuideResourceIds {
  const scope = { subscriptionId: v.azure_subscription_id, resourceGroupName: v.resource_group_name };
  const namespace = namespaceName(v.client_name, v.azure_region);
  return {
    resourceGroup: v.replacement_eventhub ? undefined : resourceGroupId(scope),
    cluster: effectiveTier(v) === 'Dedicated' ? eventHubClusterId(scope, clusterName(v.client_name, v.azure_region)) : undefined,
    namespace: eventHubNamespaceId(scope, namespace),
    eventHub: eventHubId(scope, namespace, EVENT_HUB_NAME),
    consumerGroup: consumerGroupId(scope, namespace, EVENT_HUB_NAME, CONSUMER_GROUP_NAME),
    listenPolicy: eventHubAuthorizationRuleId(scope, namespace, EVENT_HUB_NAME, LISTEN_POLICY_NAME),
  };
}
