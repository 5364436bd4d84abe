import { Testing } from 'cdktf';
import { EventhubCluster } from '@cdktf/provider-azurerm/lib/eventhub-cluster';
import { EventhubNamespace } from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import { EventHubNamespace, EventHubNamespaceProps, NamespaceCapacity } from '../../lib/eventhub/eventhub-namespace';

const BASE = { name: 'SCWX-TDR-Namespace-Contoso-eastus', resourceGroupName: 'SCWX-TDR-RG', location: 'eastus' };

function synth(capacity: NamespaceCapacity): string {
  return Testing.synthScope((scope) => {
    new EventHubNamespace(scope, 'ns', { ...BASE, capacity });
  });
}

function refusal(props: EventHubNamespaceProps): string {
  expect(() => Testing.synthScope((scope) => new EventHubNamespace(scope, 'ns', props))).toThrow();
  try {
    Testing.synthScope((scope) => new EventHubNamespace(scope, 'ns', props));
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('EventHubNamespace', () => {
  test('Standard with auto-inflate above the allocation', () => {
    const out = synth({ tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 });
    expect(out).toHaveResourceWithProperties(EventhubNamespace, {
      name: BASE.name,
      sku: 'Standard',
      capacity: 2,
      auto_inflate_enabled: true,
      maximum_throughput_units: 4,
      minimum_tls_version: '1.2',
      local_authentication_enabled: true,
    });
    expect(out).not.toHaveResource(EventhubCluster);
  });

  test('Standard with the cap equal to the allocation turns auto-inflate off and omits the maximum', () => {
    const ns = Object.values(JSON.parse(synth({ tier: 'Standard', throughputUnits: 3 })).resource.azurerm_eventhub_namespace)[0] as any;
    expect(ns.auto_inflate_enabled).toBe(false);
    expect(ns).not.toHaveProperty('maximum_throughput_units');
  });

  test('Premium uses processing units and no auto-inflate fields', () => {
    const ns = Object.values(JSON.parse(synth({ tier: 'Premium', processingUnits: 8 })).resource.azurerm_eventhub_namespace)[0] as any;
    expect(ns).toMatchObject({ sku: 'Premium', capacity: 8, minimum_tls_version: '1.2', local_authentication_enabled: true });
    expect(ns).not.toHaveProperty('auto_inflate_enabled');
    expect(ns).not.toHaveProperty('maximum_throughput_units');
  });

  test('dedicated: a Dedicated_1 cluster and a Standard namespace on it without auto-inflate', () => {
    const out = JSON.parse(synth({ tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-Contoso-eastus' }));
    const [clusterId, cluster] = Object.entries(out.resource.azurerm_eventhub_cluster)[0] as [string, any];
    expect(cluster).toMatchObject({ name: 'SCWX-TDR-Cluster-Contoso-eastus', sku_name: 'Dedicated_1', location: 'eastus' });
    const ns = Object.values(out.resource.azurerm_eventhub_namespace)[0] as any;
    expect(ns).toMatchObject({
      sku: 'Standard',
      auto_inflate_enabled: false,
      dedicated_cluster_id: `\${azurerm_eventhub_cluster.${clusterId}.id}`,
    });
    expect(ns).not.toHaveProperty('capacity');
  });

  test.each<[string, NamespaceCapacity, string]>([
    [
      'TUs above 40',
      { tier: 'Standard', throughputUnits: 41 },
      'capacity.throughputUnits = 41: must be a whole number from 1 to 40 on the Standard tier',
    ],
    [
      'inflate cap below the allocation',
      { tier: 'Standard', throughputUnits: 8, autoInflateMaximumThroughputUnits: 4 },
      'capacity.autoInflateMaximumThroughputUnits = 4: must be a whole number from 8 to 40 (at least capacity.throughputUnits)',
    ],
    [
      'PUs not sold',
      { tier: 'Premium', processingUnits: 6 },
      'capacity.processingUnits = 6: must be one of 1, 2, 4, 8, 16 on the Premium tier',
    ],
    [
      'a bad cluster name',
      { tier: 'Dedicated', clusterName: 'c' },
      'capacity.clusterName = "c": an Event Hubs cluster name must be 6-50 letters, digits or hyphens, start with a letter and end with a letter or digit',
    ],
  ])('refuses %s, naming the prop and the bound', (_case, capacity, message) => {
    expect(refusal({ ...BASE, capacity })).toBe(`EventHubNamespace ns: ${message}`);
  });

  test('refuses a bad namespace name and lists every problem at once', () => {
    const message = refusal({ ...BASE, name: 'ns', capacity: { tier: 'Standard', throughputUnits: 0 } });
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^EventHubNamespace ns: name = "ns": an Event Hubs namespace name must be 6-50/),
      'EventHubNamespace ns: capacity.throughputUnits = 0: must be a whole number from 1 to 40 on the Standard tier',
    ]);
  });
});
