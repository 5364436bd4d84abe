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

describe('EventHubNamespace input hygiene', () => {
  const refusal = (props: Partial<EventHubNamespaceProps>): string => {
    const stack = Testing.stubVersion(Testing.app());
    try {
      new EventHubNamespace(stack, 'ns', {
        ...BASE,
        capacity: { tier: 'Standard', throughputUnits: 1 },
        ...props,
      } as EventHubNamespaceProps);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };
  const KEY = 'https://vault.vault.azure.net/keys/key';
  const IDENTITY =
    '/subscriptions/66666666-7777-8888-9999-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id';

  test.each([
    ['resourceGroupName', { resourceGroupName: 'rg-${var.x}' }, 'resourceGroupName = "rg-${var.x}": a resource group name must be'],
    ['resourceGroupName (empty)', { resourceGroupName: '' }, 'resourceGroupName = "": a resource group name must be'],
    ['location', { location: 'eastus${var.x}' }, 'location = "eastus${var.x}": must not contain "${" or "%{"'],
    ['location (empty)', { location: '' }, 'location = "": must be an Azure region, such as "eastus"'],
    [
      'location (bidi)',
      { location: 'eastus\u202e' },
      'location = "eastus\uFFFD": must not contain control or invisible characters (found U+202E)',
    ],
    ['lock.name', { lock: { kind: 'CanNotDelete', name: 'keep${var.x}' } }, 'lock.name = "keep${var.x}": must not contain "${" or "%{"'],
    ['lock.name (bidi)', { lock: { kind: 'CanNotDelete', name: 'keep\u202e' } }, 'lock.name = "keep\uFFFD": must not contain control'],
    [
      'customerManagedKey.keyVaultKeyId',
      {
        capacity: { tier: 'Premium', processingUnits: 1 },
        identity: { systemAssigned: true },
        customerManagedKey: { keyVaultKeyId: `${KEY}\${var.x}` },
      },
      `customerManagedKey.keyVaultKeyId = "${KEY}\${var.x}": must not contain "\${" or "%{"`,
    ],
    [
      'identity.userAssignedIdentityIds',
      { identity: { userAssignedIdentityIds: ['not-an-id'] } },
      'identity.userAssignedIdentityIds = "not-an-id": must be a Microsoft.ManagedIdentity/userAssignedIdentities resource ID',
    ],
    [
      'identity.userAssignedIdentityIds (template)',
      { identity: { userAssignedIdentityIds: [IDENTITY.replace('/rg/', '/rg${var.x}/')] } },
      'must not contain "${" or "%{"',
    ],
  ] as Array<[string, Partial<EventHubNamespaceProps>, string]>)(
    '%s: a value Terraform would evaluate or that hides characters is refused in one line',
    (_, props, expected) => {
      const message = refusal(props);
      expect(message).toContain(expected);
      expect(message.split('\n')).toHaveLength(1);
    },
  );

  test('fromNamespaceAttributes and fromNamespaceId check the resource group and location too', () => {
    const imported = (build: (stack: any) => void): string => {
      try {
        build(Testing.stubVersion(Testing.app()));
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(
      imported((s) => EventHubNamespace.fromNamespaceAttributes(s, 'i', { name: 'shared-events-ns', resourceGroupName: 'rg${var.x}' })),
    ).toBe(
      'EventHubNamespace.fromNamespaceAttributes i: resourceGroupName = "rg${var.x}": a resource group name must be 1-90 letters, digits, "-", "_", ".", "(" or ")" and must not end with "."',
    );
    expect(
      imported((s) =>
        EventHubNamespace.fromNamespaceAttributes(s, 'i', { name: 'shared-events-ns', resourceGroupName: 'rg', location: '%{ if }' }),
      ),
    ).toContain('location = "%{ if }": must not contain "${" or "%{"');
    const id =
      '/subscriptions/66666666-7777-8888-9999-000000000000/resourceGroups/rg${var.x}/providers/Microsoft.EventHub/namespaces/shared-events-ns';
    expect(imported((s) => EventHubNamespace.fromNamespaceId(s, 'i', id))).toContain('resourceGroupName = "rg${var.x}"');
  });
});
