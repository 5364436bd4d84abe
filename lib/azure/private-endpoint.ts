import { Construct } from 'constructs';
import { TerraformIterator, TerraformProvider } from 'cdktf';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { checkPattern, failures, problem } from '../rules/checks';
import { checkResourceGroupName } from '../rules/naming';
import { checkLocation } from '../rules/location';
import { checkTags } from '../rules/tags';
import { checkText } from '../rules/text';
import { assertNoProblems } from '../rules/errors';
import { checkResourceId } from '../rules/network';
import { checkKnown, isKnown, knownEntries, knownItems, listOf } from '../tokens';
import { loadPrivateEndpoint, loadSecurityGroupAssociation } from './load';

const IPV4_ADDRESS = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A name given to Azure: not empty, and passing the input hygiene rule (at most 80 characters, Azure's limit on a network interface name). */
function checkName(setting: string, name: string): string | undefined {
  return name === '' ? problem(setting, name, 'must not be empty; leave it out for the default') : checkText(setting, name, 80);
}

/** A private endpoint to the namespace: its subnet, DNS, name, addresses and network interface. */
export interface PrivateEndpointOptions {
  /** The subnet the endpoint's network interface is placed in. */
  readonly subnetId: string;
  /**
   * Private DNS zones (`privatelink.servicebus.windows.net`) that get the endpoint's A record, so
   * clients in linked networks resolve the namespace to its private address.
   * @default no DNS zone group: you manage the records
   */
  readonly privateDnsZoneIds?: readonly string[];
  /** Name of the endpoint. @default `<namespace name>-pe` */
  readonly name?: string;
  /**
   * Region of the subnet's virtual network, which may differ from the namespace's.
   * @default the namespace's region
   */
  readonly location?: string;
  /** Resource group of the endpoint. @default the namespace's resource group */
  readonly resourceGroupName?: string;
  /**
   * The azurerm provider the endpoint is created with, such as an aliased one for the network's
   * subscription.
   * @default the namespace's provider
   */
  readonly provider?: TerraformProvider;
  /** Azure tags on the endpoint. @default the namespace's tags (none on an imported namespace) */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Name of the endpoint's network interface, for naming policies (changing it replaces the endpoint).
   * @default Azure's `<endpoint name>.nic.<guid>`
   */
  readonly networkInterfaceName?: string;
  /**
   * Fixed private addresses from the subnet instead of dynamic ones: one per member of the
   * `namespace` sub-resource (Event Hubs has one, `namespace`).
   * @default an address Azure picks
   */
  readonly staticIps?: readonly {
    /** Name of the IP configuration. @default the endpoint name and `-ip` */
    readonly name?: string;
    /** An address from the subnet's range, such as 10.20.1.10. */
    readonly privateIpAddress: string;
    /** Member of the sub-resource. @default "namespace" */
    readonly memberName?: string;
  }[];
  /**
   * Application security groups (resource IDs) the endpoint's network interface joins, one
   * `azurerm_private_endpoint_application_security_group_association` each; a list that is a
   * Terraform reference becomes one resource with `for_each`.
   * @default none
   */
  readonly applicationSecurityGroupIds?: readonly string[];
  /** Name of the DNS zone group, when `privateDnsZoneIds` are given. @default "default" */
  readonly privateDnsZoneGroupName?: string;
}

/** Where a private endpoint attaches: a resource, the sub-resource it connects to, and its defaults. */
export interface PrivateEndpointTarget {
  readonly resourceId: string;
  readonly subresourceName: string;
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly provider?: TerraformProvider;
  readonly tags?: Readonly<Record<string, string>>;
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
      ...knownItems(options.applicationSecurityGroupIds).map((group) =>
        checkResourceId('applicationSecurityGroupIds', group, 'Microsoft.Network/applicationSecurityGroups'),
      ),
      isKnown(options.location) ? checkLocation('location', options.location) : undefined,
      isKnown(options.resourceGroupName) ? checkResourceGroupName('resourceGroupName', options.resourceGroupName) : undefined,
      ...(['name', 'networkInterfaceName', 'privateDnsZoneGroupName'] as const).map((setting) => {
        const text = options[setting];
        return isKnown(text) ? checkName(setting, text) : undefined;
      }),
      ...(options.tags === undefined ? [] : checkTags('tags', knownEntries(options.tags))),
      checkKnown('staticIps', options.staticIps, 'a list literal; its addresses may be Terraform references'),
      ...(isKnown(options.staticIps) ? options.staticIps : [])
        .filter((ip) => isKnown(ip.name))
        .map((ip) => checkName('staticIps.name', ip.name as string)),
      ...(isKnown(options.staticIps) ? options.staticIps : [])
        .filter((ip) => isKnown(ip.privateIpAddress))
        .map((ip) =>
          checkPattern('staticIps.privateIpAddress', ip.privateIpAddress, IPV4_ADDRESS, 'must be an IPv4 address, such as 10.20.1.10'),
        ),
    ),
    source,
  );
  const name = options.name ?? target.name;
  const provider = options.provider ?? target.provider;
  const { PrivateEndpoint } = loadPrivateEndpoint();
  const endpoint = new PrivateEndpoint(scope, id, {
    name,
    location: options.location ?? target.location,
    resourceGroupName: options.resourceGroupName ?? target.resourceGroupName,
    subnetId: options.subnetId,
    customNetworkInterfaceName: options.networkInterfaceName,
    privateServiceConnection: {
      name: `${name}-connection`,
      privateConnectionResourceId: target.resourceId,
      subresourceNames: [target.subresourceName],
      isManualConnection: false,
    },
    ipConfiguration: options.staticIps?.map((ip, i) => ({
      name: ip.name ?? `${name}-ip${i === 0 ? '' : `-${i + 1}`}`,
      privateIpAddress: ip.privateIpAddress,
      subresourceName: target.subresourceName,
      memberName: ip.memberName ?? target.subresourceName,
    })),
    privateDnsZoneGroup:
      options.privateDnsZoneIds === undefined
        ? undefined
        : { name: options.privateDnsZoneGroupName ?? 'default', privateDnsZoneIds: listOf(options.privateDnsZoneIds) },
    tags: options.tags ?? target.tags,
    provider,
  });
  joinSecurityGroups(scope, id, endpoint, options.applicationSecurityGroupIds, provider);
  return endpoint;
}

/** The endpoint's network interface in each application security group: one association per group ID. */
function joinSecurityGroups(
  scope: Construct,
  id: string,
  endpoint: PrivateEndpoint,
  groupIds: readonly string[] | undefined,
  provider: TerraformProvider | undefined,
): void {
  if (groupIds === undefined) return;
  const { PrivateEndpointApplicationSecurityGroupAssociation: Association } = loadSecurityGroupAssociation();
  if (isKnown(groupIds)) {
    groupIds.forEach((applicationSecurityGroupId, i) => {
      new Association(scope, `${id}-asg-${i + 1}`, { privateEndpointId: endpoint.id, applicationSecurityGroupId, provider });
    });
    return;
  }
  const each = TerraformIterator.fromList(groupIds as string[]);
  new Association(scope, `${id}-asg`, { forEach: each, privateEndpointId: endpoint.id, applicationSecurityGroupId: each.value, provider });
}
