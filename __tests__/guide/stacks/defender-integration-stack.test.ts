import { Testing } from 'cdktf';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import {
  APPLICATION_OUTPUTS,
  DEDICATED,
  PREMIUM,
  REPLACEMENT,
  SUBSCRIPTION,
  TENANT,
  guideVariables,
  onlyResource,
  synthDefender,
} from '../../helpers';

const EVENT_HUB_OUTPUTS = [
  'consumer_group_name',
  'event_hub_name',
  'event_hub_namespace_name',
  'event_hub_namespace_resource_id',
  'shared_access_policy_key',
  'shared_access_policy_name',
];

describe.each<[string, Partial<GuideVariables>]>([
  ['Standard', {}],
  ['Premium', PREMIUM],
  ['dedicated', DEDICATED],
  ['replacement', REPLACEMENT],
])('defender-integration, %s', (_name, overrides) => {
  test('matches the snapshot', () => {
    expect(synthDefender(overrides)).toMatchSnapshot();
  });
});

describe('defender-integration', () => {
  test.each([
    ['', {}],
    [' (replacement)', REPLACEMENT],
  ])('providers%s: azurerm with the subscription, registering only Event Hubs and Azure Monitor', (_name, variables) => {
    const out = synthDefender(variables);
    // azurerm 4.55.0 internal/provider/provider.go: "none" registers nothing, the list is merged on
    // top; internal/resourceproviders/required.go spells Azure Monitor "microsoft.insights", and
    // cache.go compares the names case-sensitively with what Azure lists
    expect(out.provider.azurerm).toEqual([
      {
        features: [{}],
        subscription_id: SUBSCRIPTION,
        resource_provider_registrations: 'none',
        resource_providers_to_register: ['Microsoft.EventHub', 'microsoft.insights'],
      },
    ]);
  });

  test('azuread with the tenant', () => {
    expect(synthDefender().provider.azuread).toEqual([{ tenant_id: TENANT }]);
  });

  test('the resource group is created in the region, and everything lives in it', () => {
    const out = synthDefender({ resource_group_name: 'rg-xdr', azure_region: 'westeurope' });
    const [rgId, rg] = Object.entries(out.resource.azurerm_resource_group)[0] as [string, any];
    expect(rg).toMatchObject({ name: 'rg-xdr', location: 'westeurope' });
    expect(onlyResource(out, 'azurerm_eventhub_namespace')).toMatchObject({
      name: 'SCWX-TDR-Namespace-CustomerName-westeurope',
      location: 'westeurope',
      resource_group_name: `\${azurerm_resource_group.${rgId}.name}`,
    });
  });

  test('the tfvars drive the namespace and the hub (Standard)', () => {
    const out = synthDefender({
      eventhub_throughput_allocated: 6,
      eventhub_throughput_inflate_cap: 12,
      eventhub_partition_count: 12,
      data_retention_length: 7,
    });
    expect(onlyResource(out, 'azurerm_eventhub_namespace')).toMatchObject({
      sku: 'Standard',
      capacity: 6,
      auto_inflate_enabled: true,
      maximum_throughput_units: 12,
    });
    expect(onlyResource(out, 'azurerm_eventhub')).toMatchObject({ partition_count: 12, message_retention: 7 });
  });

  test('Premium ignores the throughput variables', () => {
    const out = synthDefender({ ...PREMIUM, eventhub_throughput_allocated: 30, eventhub_throughput_inflate_cap: 40 });
    expect(onlyResource(out, 'azurerm_eventhub_namespace')).toEqual(expect.objectContaining({ sku: 'Premium', capacity: 4 }));
    expect(onlyResource(out, 'azurerm_eventhub_namespace')).not.toHaveProperty('maximum_throughput_units');
  });

  test('dedicated: the cluster is named from the client and region and the namespace sits on it', () => {
    const out = synthDefender(DEDICATED);
    expect(onlyResource(out, 'azurerm_eventhub_cluster')).toMatchObject({
      name: 'SCWX-TDR-Cluster-CustomerName-eastus',
      sku_name: 'Dedicated_1',
    });
    expect(onlyResource(out, 'azurerm_eventhub_namespace').dedicated_cluster_id).toMatch(/^\$\{azurerm_eventhub_cluster\./);
  });

  test("outputs are exactly the guide's, plus the secret's deadlines and rotation counter; credentials are sensitive", () => {
    const out = synthDefender();
    expect(Object.keys(out.output).sort()).toEqual([...EVENT_HUB_OUTPUTS, ...APPLICATION_OUTPUTS].sort());
    const sensitive = Object.entries(out.output)
      .filter(([, o]: [string, any]) => o.sensitive)
      .map(([name]) => name)
      .sort();
    expect(sensitive).toEqual(['client_secret', 'shared_access_policy_key']);
    expect(out.output.shared_access_policy_key.value).toMatch(/^\$\{azurerm_eventhub_authorization_rule\..+\.primary_key\}$/);
    // the current slot is chosen at synth from the rotation counter: no expression picks it at plan time
    expect(out.output.client_secret.value).toMatch(/^\$\{azuread_application_password\.xdr-application_secret_[0-9A-F]{8}\.value\}$/);
    expect(out.output.event_hub_namespace_resource_id.value).toMatch(/^\$\{azurerm_eventhub_namespace\..+\.id\}$/);
    expect(out.output.tenant_id.value).toBe(TENANT);
    expect(out.output.azure_consent_url.value).toMatch(
      new RegExp(`^https://login.microsoftonline.com/${TENANT}/adminconsent\\?client_id=\\$\\{azuread_application\\..+\\.client_id\\}$`),
    );
  });

  test('state is local, beside the output folder, on a relative path', () => {
    expect(synthDefender().terraform.backend).toEqual({ local: { path: '../../../terraform.defender-integration.tfstate' } });
  });
});

describe('replacement_eventhub = true (the replacement of the guide)', () => {
  const out = synthDefender(REPLACEMENT);

  test('reads the existing resource group instead of creating it', () => {
    expect(out.resource.azurerm_resource_group).toBeUndefined();
    expect(Object.values(out.data.azurerm_resource_group)).toEqual([expect.objectContaining({ name: 'SCWX-TDR-RG' })]);
    expect(onlyResource(out, 'azurerm_eventhub_namespace').resource_group_name).toMatch(/^\$\{data\.azurerm_resource_group\./);
  });

  test('creates a new namespace named from the new client_name, with its hub, group and policy', () => {
    expect(onlyResource(out, 'azurerm_eventhub_namespace').name).toBe('SCWX-TDR-Namespace-CustomerName2-eastus');
    for (const type of ['azurerm_eventhub', 'azurerm_eventhub_consumer_group', 'azurerm_eventhub_authorization_rule'])
      onlyResource(out, type);
  });

  test('touches no application: no azuread resource, provider or output', () => {
    expect(Object.keys(out.resource).filter((type) => type.startsWith('azuread_') || type.startsWith('time_'))).toEqual([]);
    expect(out.provider.azuread).toBeUndefined();
    expect(Object.keys(out.output).sort()).toEqual(EVENT_HUB_OUTPUTS);
  });

  test('keeps its own state, so it can never plan the destruction of the deployment it replaces', () => {
    expect(out.terraform.backend.local.path).toBe('../../../terraform.defender-integration.replacement-CustomerName2.tfstate');
  });
});

test('construct props are validated again when the stack is built from unchecked variables', () => {
  const app = Testing.app();
  expect(
    () => new DefenderIntegrationStack(app, 'defender-integration', { variables: guideVariables({ eventhub_partition_count: 64 }) }),
  ).toThrow('DefenderConsumer defender-consumer: partitionCount = 64: must be a whole number from 1 to 32 on the Standard tier');
});
