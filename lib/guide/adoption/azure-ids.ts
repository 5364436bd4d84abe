/**
 * Azure resource IDs of a guide deployment, computed from the subscription, the resource group and
 * the names the guide gives its resources. They are exactly the import IDs azurerm 4.x expects
 * (its parsers compare segment names case-sensitively, so `consumerGroups` and `authorizationRules`
 * are spelled as Azure returns them). Pure: no cdktf import.
 */
import { GuideVariables, effectiveTier } from '../config/variables';
import { CONSUMER_GROUP_NAME, EVENT_HUB_NAME, LISTEN_POLICY_NAME, clusterName, namespaceName } from '../../rules/naming';

/** Where a guide deployment's Azure resources live: the subscription and resource group their IDs start with. */
export interface ResourceGroupScope {
  /** The Azure subscription ID (the guide's azure_subscription_id). */
  readonly subscriptionId: string;
  /** The resource group's name (the guide's resource_group_name). */
  readonly resourceGroupName: string;
}

/** The resource group's Azure ID, `/subscriptions/<id>/resourceGroups/<name>`. */
export function resourceGroupId(scope: ResourceGroupScope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroupName}`;
}

function eventHubProvider(scope: ResourceGroupScope): string {
  return `${resourceGroupId(scope)}/providers/Microsoft.EventHub`;
}

/** The Azure ID of an Event Hubs dedicated cluster in the resource group. */
export function eventHubClusterId(scope: ResourceGroupScope, cluster: string): string {
  return `${eventHubProvider(scope)}/clusters/${cluster}`;
}

/** The Azure ID of an Event Hubs namespace in the resource group. */
export function eventHubNamespaceId(scope: ResourceGroupScope, namespace: string): string {
  return `${eventHubProvider(scope)}/namespaces/${namespace}`;
}

/** The Azure ID of an event hub in a namespace. */
export function eventHubId(scope: ResourceGroupScope, namespace: string, eventHub: string): string {
  return `${eventHubNamespaceId(scope, namespace)}/eventhubs/${eventHub}`;
}

/** The Azure ID of a consumer group on an event hub. */
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

/** The import ID azuread 3.x expects for a service principal: `/servicePrincipals/<object ID>`. */
export function servicePrincipalResourceId(objectId: string): string {
  return `/servicePrincipals/${objectId}`;
}

/** The Azure IDs of everything the guide's main template set creates in Azure Resource Manager. */
export interface GuideResourceIds {
  /** Absent on a replacement deployment, which reads the existing group instead of owning it. */
  readonly resourceGroup?: string;
  /** Present on the dedicated tier only. */
  readonly cluster?: string;
  /** The Event Hubs namespace. */
  readonly namespace: string;
  /** The event hub Defender writes to. */
  readonly eventHub: string;
  /** The consumer group XDR reads with. */
  readonly consumerGroup: string;
  /** The event hub's listen-only shared access policy XDR reads through. */
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
