/**
 * Names the guide's templates give Azure resources (help/guide-facts.md#the-resources-and-their-names) and the rules Azure enforces on them
 * (help/guide-facts.md#azures-limits). Plain functions: the tfvars layer checks them before anything is synthesized, the
 * constructs check them again for platform teams that pass their own names.
 */
import { checkPattern, problem } from './checks';
import { MAX_CLIENT_NAME_PLUS_REGION } from './limits';

/** Default name of the event hub Defender writes to. */
export const EVENT_HUB_NAME = 'SCWX-TDR-EventHub';
/** Default name of the consumer group XDR reads with. */
export const CONSUMER_GROUP_NAME = 'SCWX-TDR-ConsumerGroup';
/** Default name of the listen-only policy whose key XDR holds. */
export const LISTEN_POLICY_NAME = 'SCWX-TDR-ListenPolicy';
/** Default display name of the Entra ID application XDR signs in as. */
export const APPLICATION_DISPLAY_NAME = 'SCWX-TDR-MDATP-APP';
export const DEFAULT_RESOURCE_GROUP_NAME = 'SCWX-TDR-RG';

export function namespaceName(clientName: string, azureRegion: string): string {
  return `SCWX-TDR-Namespace-${clientName}-${azureRegion}`;
}

export function clusterName(clientName: string, azureRegion: string): string {
  return `SCWX-TDR-Cluster-${clientName}-${azureRegion}`;
}

/** Namespaces and clusters: 6-50 characters, letters, digits and hyphens, starting with a letter. */
const NAMESPACE_OR_CLUSTER = /^[a-zA-Z][-a-zA-Z0-9]{4,48}[a-zA-Z0-9]$/;
const NOT_RESERVED_SUFFIX = /^(?!.*-(sb|mgmt)$)/i;
const EVENT_HUB = /^[a-zA-Z0-9](?:[-._a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$/;
const CHILD_OF_EVENT_HUB = /^[a-zA-Z0-9](?:[-._a-zA-Z0-9]{0,48}[a-zA-Z0-9])?$/;
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;
const CLIENT_NAME = /^[A-Za-z0-9-]+$/;

export function checkNamespaceName(setting: string, name: string): string | undefined {
  return (
    checkPattern(
      setting,
      name,
      NAMESPACE_OR_CLUSTER,
      'an Event Hubs namespace name must be 6-50 letters, digits or hyphens, start with a letter and end with a letter or digit',
    ) ??
    checkPattern(
      setting,
      name,
      NOT_RESERVED_SUFFIX,
      'an Event Hubs namespace name must not end with "-sb" or "-mgmt" (Azure reserves them)',
    )
  );
}

export function checkClusterName(setting: string, name: string): string | undefined {
  return checkPattern(
    setting,
    name,
    NAMESPACE_OR_CLUSTER,
    'an Event Hubs cluster name must be 6-50 letters, digits or hyphens, start with a letter and end with a letter or digit',
  );
}

export function checkEventHubName(setting: string, name: string): string | undefined {
  return checkPattern(
    setting,
    name,
    EVENT_HUB,
    'an event hub name must be 1-256 letters, digits, ".", "-" or "_", starting and ending with a letter or digit',
  );
}

/** Consumer groups and authorization rules share one rule. */
export function checkEventHubChildName(setting: string, name: string): string | undefined {
  return checkPattern(
    setting,
    name,
    CHILD_OF_EVENT_HUB,
    'must be 1-50 letters, digits, ".", "-" or "_", starting and ending with a letter or digit',
  );
}

export function checkResourceGroupName(setting: string, name: string): string | undefined {
  return checkPattern(
    setting,
    name,
    RESOURCE_GROUP,
    'a resource group name must be 1-90 letters, digits, "-", "_", ".", "(" or ")" and must not end with "."',
  );
}

/** The guide's rules on `client_name`, one of the two variables in every Azure name (help/guide-facts.md#the-guides-terraformtfvars). */
export function checkClientName(clientName: string): string | undefined {
  return checkPattern(
    'client_name',
    clientName,
    CLIENT_NAME,
    'must be letters, digits and hyphens only, with no whitespace, and not empty',
  );
}

/** The guide's 30-character rule, which keeps the namespace name within Azure's 50. */
export function checkNameLength(clientName: string, azureRegion: string): string | undefined {
  const combined = clientName.length + azureRegion.length;
  if (combined <= MAX_CLIENT_NAME_PLUS_REGION) return undefined;
  return problem(
    'client_name',
    clientName,
    `client_name and azure_region together must be at most ${MAX_CLIENT_NAME_PLUS_REGION} characters; ` +
      `"${clientName}" + "${azureRegion}" is ${combined}`,
  );
}

/**
 * The US and European regions the guide supports. Other regions are accepted with a warning, as the
 * guide says Microsoft may not support the integration there.
 */
export const SUPPORTED_REGIONS: ReadonlySet<string> = new Set([
  'centralus',
  'eastus',
  'eastus2',
  'northcentralus',
  'southcentralus',
  'westcentralus',
  'westus',
  'westus2',
  'westus3',
  'austriaeast',
  'belgiumcentral',
  'denmarkeast',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'italynorth',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'polandcentral',
  'spaincentral',
  'swedencentral',
  'swedensouth',
  'switzerlandnorth',
  'switzerlandwest',
  'uksouth',
  'ukwest',
  'westeurope',
]);
