/**
 * The namespace's optional IP allow-list (Event Hubs IP firewall rules). Pure, so the environment
 * reader and the construct can share it without loading a provider module.
 */
import { problem, showValue } from './checks';
import { checkText } from './text';

/** Azure's limit of IP firewall rules on one namespace. */
export const MAX_IP_RULES = 128;

/** Dotted quad without leading zeros (010 would read as octal to some tools), optional prefix. */
const IPV4_RANGE = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?:\/(0|[1-9]\d?))?$/;

function dotted(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** What is wrong with one range, or `undefined`. */
function rangeProblem(range: string): string | undefined {
  const match = IPV4_RANGE.exec(range);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match?.[5] === undefined ? 32 : Number(match[5]);
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    return 'must be an IPv4 address or CIDR range, such as 203.0.113.7 or 203.0.113.0/24';
  }
  if (prefix === 0) return 'allows every address, which is already the default without an allow-list; list your own ranges';
  // A range whose host bits are set is ambiguous (a typo for another prefix?) and Azure stores it as given.
  const address = octets.reduce((sum, o) => sum * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return `is not the first address of its range; write ${dotted(address - (address % size))}/${prefix}`;
  return undefined;
}

/** Every problem with an allow-list: 1-128 IPv4 addresses or CIDR ranges, each listed once. */
export function checkAllowedIpRanges(setting: string, ranges: readonly string[]): string[] {
  if (ranges.length === 0 || ranges.length > MAX_IP_RULES) {
    return [problem(setting, ranges, `must list 1-${MAX_IP_RULES} ranges (${ranges.length} given); leave it out to allow every address`)];
  }
  const found: string[] = [];
  const seen = new Map<string, string>();
  for (const range of ranges) {
    let reason = rangeProblem(range);
    if (reason === undefined) {
      // 203.0.113.7 and 203.0.113.7/32 are one network: compared as address/prefix
      const network = range.includes('/') ? range : `${range}/32`;
      const first = seen.get(network);
      if (first !== undefined)
        reason = first === range ? 'is listed twice' : `is the same network as ${showValue(first)}, listed before it`;
      else seen.set(network, range);
    }
    if (reason !== undefined) found.push(problem(setting, range, reason));
  }
  return found;
}

/** An Azure resource ID of one provider type, such as `Microsoft.Network/virtualNetworks/subnets`. */
function resourceIdPattern(resourceType: AzureResourceType): RegExp {
  const [provider, ...types] = resourceType.split('/');
  const typed = types.map((type) => `/${type}/[^/]+`).join('');
  return new RegExp(`^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/${provider.replace('.', '\\.')}${typed}$`, 'i');
}

/** Azure's limit of virtual network rules on one namespace. */
export const MAX_VIRTUAL_NETWORK_RULES = 128;

/** Resource types the constructs take IDs of. */
export type AzureResourceType =
  | 'Microsoft.Network/virtualNetworks/subnets'
  | 'Microsoft.Network/privateDnsZones'
  | 'Microsoft.Network/applicationSecurityGroups'
  | 'Microsoft.EventHub/clusters'
  | 'Microsoft.ManagedIdentity/userAssignedIdentities'
  | 'Microsoft.Insights/actionGroups';

const RESOURCE_ID_EXAMPLES: Readonly<Record<AzureResourceType, string>> = {
  'Microsoft.Network/virtualNetworks/subnets':
    '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  'Microsoft.Network/privateDnsZones':
    '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.servicebus.windows.net',
  'Microsoft.Network/applicationSecurityGroups':
    '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/applicationSecurityGroups/<asg>',
  'Microsoft.EventHub/clusters': '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/clusters/<cluster>',
  'Microsoft.ManagedIdentity/userAssignedIdentities':
    '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity>',
  'Microsoft.Insights/actionGroups': '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<group>',
};

/**
 * One resource ID of the given type, such as a subnet for a virtual network rule or a private endpoint.
 * Its names pass the input hygiene rule first: a `${` in one would be evaluated by Terraform.
 */
export function checkResourceId(setting: string, value: string, resourceType: AzureResourceType): string | undefined {
  const hygiene = checkText(setting, value, Number.POSITIVE_INFINITY);
  if (hygiene !== undefined) return hygiene;
  if (resourceIdPattern(resourceType).test(value)) return undefined;
  return problem(setting, value, `must be a ${resourceType} resource ID, such as ${RESOURCE_ID_EXAMPLES[resourceType]}`);
}

/** Every problem with the subnets of virtual network rules: 1-128 subnet IDs, each listed once. */
export function checkAllowedSubnetIds(setting: string, subnetIds: readonly string[]): string[] {
  if (subnetIds.length === 0 || subnetIds.length > MAX_VIRTUAL_NETWORK_RULES) {
    return [
      problem(
        setting,
        subnetIds,
        `must list 1-${MAX_VIRTUAL_NETWORK_RULES} subnet IDs (${subnetIds.length} given); leave it out for no virtual network rule`,
      ),
    ];
  }
  const found: string[] = [];
  subnetIds.forEach((id, i) => {
    const reason = checkResourceId(setting, id, 'Microsoft.Network/virtualNetworks/subnets');
    if (reason !== undefined) found.push(reason);
    else if (subnetIds.findIndex((other) => other.toLowerCase() === id.toLowerCase()) < i)
      found.push(problem(setting, id, 'is listed twice'));
  });
  return found;
}
