import {
  applicationResourceId,
  consumerGroupId,
  eventHubAuthorizationRuleId,
  eventHubClusterId,
  eventHubId,
  eventHubNamespaceId,
  guideResourceIds,
  resourceGroupId,
  servicePrincipalResourceId,
} from '../../../lib/guide/adoption/azure-ids';
import { DEDICATED, PREMIUM, REPLACEMENT, SUBSCRIPTION, guideVariables } from '../../helpers';

const SCOPE = { subscriptionId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590', resourceGroupName: 'rg-(xdr).1' };
const RG = '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-(xdr).1';

describe('Azure resource IDs (azurerm 4.x import format)', () => {
  test("each ID nests under its parent with Azure's segment names", () => {
    expect(resourceGroupId(SCOPE)).toBe(RG);
    expect(eventHubClusterId(SCOPE, 'c1')).toBe(`${RG}/providers/Microsoft.EventHub/clusters/c1`);
    expect(eventHubNamespaceId(SCOPE, 'ns1')).toBe(`${RG}/providers/Microsoft.EventHub/namespaces/ns1`);
    expect(eventHubId(SCOPE, 'ns1', 'hub1')).toBe(`${RG}/providers/Microsoft.EventHub/namespaces/ns1/eventhubs/hub1`);
    expect(consumerGroupId(SCOPE, 'ns1', 'hub1', 'cg1')).toBe(
      `${RG}/providers/Microsoft.EventHub/namespaces/ns1/eventhubs/hub1/consumerGroups/cg1`,
    );
    expect(eventHubAuthorizationRuleId(SCOPE, 'ns1', 'hub1', 'r1')).toBe(
      `${RG}/providers/Microsoft.EventHub/namespaces/ns1/eventhubs/hub1/authorizationRules/r1`,
    );
  });

  test('Entra ID objects are addressed by object ID (azuread 3.x)', () => {
    expect(applicationResourceId('6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f')).toBe('/applications/6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f');
    expect(servicePrincipalResourceId('7e1f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f')).toBe(
      '/servicePrincipals/7e1f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f',
    );
  });
});

describe('guideResourceIds', () => {
  const ns = `/subscriptions/${SUBSCRIPTION}/resourceGroups/SCWX-TDR-RG/providers/Microsoft.EventHub/namespaces/SCWX-TDR-Namespace-CustomerName-eastus`;

  test("Standard: the guide's names in the guide's resource group, no cluster", () => {
    expect(guideResourceIds(guideVariables())).toEqual({
      resourceGroup: `/subscriptions/${SUBSCRIPTION}/resourceGroups/SCWX-TDR-RG`,
      cluster: undefined,
      namespace: ns,
      eventHub: `${ns}/eventhubs/SCWX-TDR-EventHub`,
      consumerGroup: `${ns}/eventhubs/SCWX-TDR-EventHub/consumerGroups/SCWX-TDR-ConsumerGroup`,
      listenPolicy: `${ns}/eventhubs/SCWX-TDR-EventHub/authorizationRules/SCWX-TDR-ListenPolicy`,
    });
  });

  test('Premium has the same IDs as Standard (the tier is not part of any name)', () => {
    expect(guideResourceIds(guideVariables(PREMIUM))).toEqual(guideResourceIds(guideVariables()));
  });

  test('dedicated adds the cluster, named from client and region', () => {
    expect(guideResourceIds(guideVariables(DEDICATED)).cluster).toBe(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/SCWX-TDR-RG/providers/Microsoft.EventHub/clusters/SCWX-TDR-Cluster-CustomerName-eastus`,
    );
  });

  test('a replacement owns no resource group and names its namespace from the new client_name', () => {
    const ids = guideResourceIds(guideVariables(REPLACEMENT));
    expect(ids.resourceGroup).toBeUndefined();
    expect(ids.namespace).toMatch(/\/namespaces\/SCWX-TDR-Namespace-CustomerName2-eastus$/);
  });

  test('subscription, resource group, client name and region all flow into the IDs', () => {
    const ids = guideResourceIds(
      guideVariables({
        azure_subscription_id: '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
        resource_group_name: 'rg-other',
        client_name: 'Contoso',
        azure_region: 'westeurope',
      }),
    );
    expect(ids.listenPolicy).toBe(
      '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-other/providers/Microsoft.EventHub/' +
        'namespaces/SCWX-TDR-Namespace-Contoso-westeurope/eventhubs/SCWX-TDR-EventHub/authorizationRules/SCWX-TDR-ListenPolicy',
    );
  });
});
