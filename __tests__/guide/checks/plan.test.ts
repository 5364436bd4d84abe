/** What the guide's variables and settings deploy, as preflight sees it; what a stack's outputs say, as health reads them. */
import { deployedStream, deploymentPlan } from '../../../lib/guide/checks/plan';
import { tenantStackName } from '../../../lib/guide/stack-names';
import { DEFAULT_SETTINGS } from '../../../lib/guide/config/settings';
import { RESOURCE_PROVIDERS } from '../../../lib/guide/stacks/defender-integration-stack';
import { DEDICATED, PREMIUM, REPLACEMENT, SUBSCRIPTION, TENANT, guideVariables } from '../../helpers';

describe('deploymentPlan', () => {
  test("the guide's defaults: Standard with 2 throughput units, a new resource group and application", () => {
    const plan = deploymentPlan(guideVariables(), DEFAULT_SETTINGS);
    expect([plan.tenantId, plan.subscriptionId, plan.resourceGroupName, plan.location]).toEqual([
      TENANT,
      SUBSCRIPTION,
      'SCWX-TDR-RG',
      'eastus',
    ]);
    expect([plan.namespaceName, plan.tier, plan.capacity, plan.clusterName]).toEqual([
      'SCWX-TDR-Namespace-CustomerName-eastus',
      'Standard',
      2,
      undefined,
    ]);
    expect(plan.applicationDisplayName).toBe('SCWX-TDR-MDATP-APP');
    // creates the group and the application; nothing optional
    const flags = [
      'createsResourceGroup',
      'createsApplication',
      'grantAdminConsent',
      'adoptExisting',
      'assignsRoles',
      'createsAlerts',
    ] as const;
    expect(flags.map((flag) => plan[flag])).toEqual([true, true, false, false, false, false]);
    expect([plan.allowedIpRanges, plan.tags, plan.adoptApplicationObjectId]).toEqual([undefined, undefined, undefined]);
  });

  test('the resource providers are the ones the stack registers (Azure compares them without case)', () => {
    const lower = (names: readonly string[]) => names.map((n) => n.toLowerCase());
    expect(lower(deploymentPlan(guideVariables(), DEFAULT_SETTINGS).resourceProviders)).toEqual(lower(RESOURCE_PROVIDERS));
  });

  test('Premium counts processing units; a dedicated cluster is named; a replacement creates no group or application; settings carry over', () => {
    expect(deploymentPlan(guideVariables(PREMIUM), DEFAULT_SETTINGS)).toMatchObject({ tier: 'Premium', capacity: 4 });
    expect(deploymentPlan(guideVariables(DEDICATED), DEFAULT_SETTINGS)).toMatchObject({
      tier: 'Dedicated',
      clusterName: 'SCWX-TDR-Cluster-CustomerName-eastus',
    });
    expect(deploymentPlan(guideVariables(REPLACEMENT), DEFAULT_SETTINGS)).toMatchObject({
      createsResourceGroup: false,
      createsApplication: false,
    });
    const settings = {
      ...DEFAULT_SETTINGS,
      grantAdminConsent: true,
      alertEmail: 'soc@contoso.example',
      streamingApiPrincipalId: '22222222-0000-4000-8000-000000000000',
      allowedIpRanges: ['203.0.113.0/24'],
      tags: { owner: 'soc' },
    };
    expect(deploymentPlan(guideVariables(), settings)).toMatchObject({
      grantAdminConsent: true,
      createsAlerts: true,
      assignsRoles: true,
      allowedIpRanges: ['203.0.113.0/24'],
      tags: { owner: 'soc' },
    });
  });
});

test('deployedStream: the outputs health reads; none for a stack without an event hub', () => {
  const value = (v: string) => ({ value: v });
  const outputs = {
    event_hub_namespace_resource_id: value('/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns'),
    event_hub_name: value('SCWX-TDR-EventHub'),
    consumer_group_name: value('SCWX-TDR-ConsumerGroup'),
    shared_access_policy_name: value('SCWX-TDR-ListenPolicy'),
    client_id: value('c'),
    client_secret_key_id: value('k'),
    client_secret_expires_at: value('2027-06-01T00:00:00Z'),
    previous_client_secret_key_id: value('ignored'),
  };
  expect(deployedStream(outputs, { allowedIpRanges: ['198.51.100.7'] })).toEqual({
    namespaceResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns',
    eventHubName: 'SCWX-TDR-EventHub',
    consumerGroupName: 'SCWX-TDR-ConsumerGroup',
    listenPolicyName: 'SCWX-TDR-ListenPolicy',
    clientId: 'c',
    clientSecretKeyId: 'k',
    clientSecretExpiresAt: '2027-06-01T00:00:00Z',
    allowedIpRanges: ['198.51.100.7'],
  });
  expect(deployedStream({ client_id: value('c') }, {})).toBeUndefined();
  expect([tenantStackName(undefined, 'defender-integration'), tenantStackName('acme', 'defender-integration')]).toEqual([
    'defender-integration',
    'acme-defender-integration',
  ]);
});
