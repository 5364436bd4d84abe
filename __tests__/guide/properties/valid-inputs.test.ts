/**
 * Random valid tfvars, every tier: validation accepts them, the stack synthesizes, and every Azure
 * rule of help/guide-facts.md#azures-limits holds in the JSON Terraform would read. The expectations are computed from the
 * input, not read back from the code under test.
 */
import fc from 'fast-check';
import { Testing } from 'cdktf';
import { validateGuideVariables } from '../../../lib/guide/config/variables';
import { EventHubTier } from '../../../lib/rules/limits';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import { RawTfvars, validTfvars } from './arbitraries';

const RUNS = 25;

// Spec §6, written out here rather than imported, so a wrong constant in lib/ cannot agree with itself.
const NAMESPACE_OR_CLUSTER = /^[a-zA-Z][-a-zA-Z0-9]{4,48}[a-zA-Z0-9]$/;
const EVENT_HUB = /^[a-zA-Z0-9](?:[-._a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$/;
const CHILD = /^[a-zA-Z0-9](?:[-._a-zA-Z0-9]{0,48}[a-zA-Z0-9])?$/;
const LIMITS = {
  Standard: { partitions: 32, retention: 7 },
  Premium: { partitions: 100, retention: 90 },
  Dedicated: { partitions: 1024, retention: 90 },
} as const;

function only(json: any, type: string): [string, any] {
  const entries = Object.entries(json.resource?.[type] ?? {});
  expect(entries).toHaveLength(1);
  return entries[0] as [string, any];
}

function synth(raw: RawTfvars): any {
  const result = validateGuideVariables(raw);
  expect(result.errors).toEqual([]);
  const app = Testing.app();
  const stack = new DefenderIntegrationStack(app, 'defender-integration', { variables: result.variables! });
  return JSON.parse(Testing.synth(stack));
}

function checkAzureRules(tier: EventHubTier, raw: RawTfvars, json: any): void {
  const given = (name: string, fallback: number): number => (raw[name] === undefined ? fallback : Number(raw[name]));
  const client = raw.client_name as string;
  const region = raw.azure_region as string;

  const [, namespace] = only(json, 'azurerm_eventhub_namespace');
  expect(namespace.name).toBe(`SCWX-TDR-Namespace-${client}-${region}`);
  expect(namespace.name).toMatch(NAMESPACE_OR_CLUSTER);
  expect(namespace.minimum_tls_version).toBe('1.2');
  expect(namespace).not.toHaveProperty('network_rulesets');

  const [, hub] = only(json, 'azurerm_eventhub');
  expect(hub.name).toMatch(EVENT_HUB);
  expect(hub.partition_count).toBe(given('eventhub_partition_count', 4));
  expect(hub.partition_count).toBeGreaterThanOrEqual(1);
  expect(hub.partition_count).toBeLessThanOrEqual(LIMITS[tier].partitions);
  expect(hub.message_retention).toBe(given('data_retention_length', 1));
  expect(hub.message_retention).toBeLessThanOrEqual(LIMITS[tier].retention);

  expect(only(json, 'azurerm_eventhub_consumer_group')[1].name).toMatch(CHILD);
  const [, policy] = only(json, 'azurerm_eventhub_authorization_rule');
  expect(policy.name).toMatch(CHILD);
  expect([policy.listen, policy.send, policy.manage]).toEqual([true, false, false]);

  if (tier === 'Standard') {
    const allocated = given('eventhub_throughput_allocated', 2);
    const cap = given('eventhub_throughput_inflate_cap', 4);
    expect(namespace.sku).toBe('Standard');
    expect(namespace.capacity).toBe(allocated);
    expect(namespace.capacity).toBeLessThanOrEqual(40);
    // Auto-inflate pairing: the maximum exists exactly when auto-inflate is on, and is above capacity.
    expect(namespace.auto_inflate_enabled).toBe(cap > allocated);
    if (cap > allocated) expect(namespace.maximum_throughput_units).toBe(cap);
    else expect(namespace).not.toHaveProperty('maximum_throughput_units');
    expect(namespace.maximum_throughput_units ?? 40).toBeLessThanOrEqual(40);
  } else {
    expect(namespace.auto_inflate_enabled ?? false).toBe(false);
    expect(namespace).not.toHaveProperty('maximum_throughput_units');
  }
  if (tier === 'Premium') {
    expect(namespace.sku).toBe('Premium');
    expect(namespace.capacity).toBe(Number(raw.eventhub_processing_units));
    expect([1, 2, 4, 8, 16]).toContain(namespace.capacity);
    expect(hub.partition_count).toBeLessThanOrEqual(200 * namespace.capacity);
  }
  if (tier === 'Dedicated') {
    const [clusterId, cluster] = only(json, 'azurerm_eventhub_cluster');
    expect(cluster.name).toBe(`SCWX-TDR-Cluster-${client}-${region}`);
    expect(cluster.name).toMatch(NAMESPACE_OR_CLUSTER);
    expect(cluster.sku_name).toBe('Dedicated_1');
    expect(namespace.sku).toBe('Standard');
    expect(namespace.dedicated_cluster_id).toBe(`\${azurerm_eventhub_cluster.${clusterId}.id}`);
  } else {
    expect(json.resource.azurerm_eventhub_cluster).toBeUndefined();
    expect(namespace).not.toHaveProperty('dedicated_cluster_id');
  }

  if (raw.replacement_eventhub === true) {
    expect(json.resource.azurerm_resource_group).toBeUndefined();
    expect(Object.values(json.data.azurerm_resource_group).map((g: any) => g.name)).toEqual([raw.resource_group_name]);
    expect(Object.keys(json.resource).filter((type) => type.startsWith('azuread_'))).toEqual([]);
    expect(json.output.client_secret).toBeUndefined();
  } else {
    const [, group] = only(json, 'azurerm_resource_group');
    expect([group.name, group.location]).toEqual([raw.resource_group_name, region]);
    expect(only(json, 'azuread_application')[1].display_name).toBe('SCWX-TDR-MDATP-APP');
  }
}

describe.each<EventHubTier>(['Standard', 'Premium', 'Dedicated'])('random valid %s tfvars', (tier) => {
  test('are accepted, synthesize, and obey every Azure rule of help/guide-facts.md', () => {
    fc.assert(
      fc.property(validTfvars(tier), (raw) => checkAzureRules(tier, raw, synth(raw))),
      { numRuns: RUNS },
    );
  });
});
