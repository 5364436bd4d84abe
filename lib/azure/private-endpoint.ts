import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { failures } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { checkResourceId } from '../rules/network';
import { isKnown, knownItems, listOf } from '../tokens';
import { loadPrivateEndpoint } from './load';

export interface PrivateEndpointOptions {
  /** The subnet the endpoint's network interface is placed in. */
  readonly subnetId: string;
  /**
   * Private DNS zones (`privatelink.servicebus.windows.net`) that get the endpoint's A record, so
   * clients in linked networks resolve the namespace to its private address.
   * @default no DNS zone group: you manage the records
   */
  readonly privateDnsZoneIds?: readonly string[];
  /** @default `<namespace name>-pe` */
  readonly name?: string;
  /**
   * Region of the subnet's virtual network, which may differ from the namespace's.
   * @default the namespace's region
   */
  readonly location?: string;
  /** @default the namespace's resource group */
  readonly resourceGroupName?: string;
  /**
   * The azurerm provider the endpoint is created with, such as an aliased one for the network's
   * subscription.
   * @default the namespace's provider
   */
  readonly provider?: TerraformProvider;
}

/** Where a private endpoint attaches: a resource, the sub-resource it connects to, and its defaults. */
export interface PrivateEndpointTarget {
  readonly resourceId: string;
  readonly subresourceName: string;
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly provider?: TerraformProvider;
}

/** An `azurerm_private_endpoint` with an automatically approved connection to the target. */
export function addPrivateEndpoint(
  scope: Construct,
  id: string,
  target: PrivateEndpointTarget,
  options: PrivateEndpointOptions,
  source: string,
): PrivateEndpoint {
  assertNoProblems(
    failures(
      isKnown(options.subnetId) ? checkResourceId('subnetId', options.subnetId, 'Microsoft.Network/virtualNetworks/subnets') : undefined,
      ...knownItems(options.privateDnsZoneIds).map((zone) =>
        checkResourceId('privateDnsZoneIds', zone, 'Microsoft.Network/privateDnsZones'),
      ),
    ),
    source,
  );
  const name = options.name ?? target.name;
  const { PrivateEndpoint } = loadPrivateEndpoint();
  return new PrivateEndpoint(scope, id, {
    name,
    location: options.location ?? target.location,
    resourceGroupName: options.resourceGroupName ?? target.resourceGroupName,
    subnetId: options.subnetId,
    privateServiceConnection: {
      name: `${name}-connection`,
      privateConnectionResourceId: target.resourceId,
      subresourceNames: [target.subresourceName],
      isManualConnection: false,
    },
    provider: options.provider ?? target.provider,
    privateDnsZoneGroup:
      options.privateDnsZoneIds === undefined ? undefined : { name: 'default', privateDnsZoneIds: listOf(options.privateDnsZoneIds) },
  });
}
