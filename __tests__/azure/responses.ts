/**
 * Response bodies as Azure Resource Manager, Azure Monitor and Microsoft Graph return them, shaped
 * after the examples of azure-rest-api-specs (Subscriptions_Get, Permissions_ListForResourceGroup,
 * RoleAssignments_ListForSubscription, RoleDefinitions_GetById, Providers_Get,
 * Namespaces_CheckNameAvailability, Namespaces_Get, EventHubs_Get, ConsumerGroups_Get,
 * EventHubs_GetAuthorizationRule, Namespaces_GetNetworkRuleSet, Clusters_ListAvailableClusterRegion,
 * PolicyRestrictions_CheckAtResourceGroupScope, Metrics_List) and Graph v1.0's reference pages
 * (application, authorizationPolicy, unifiedRoleAssignment, servicePrincipal, appRoleAssignment).
 */
import { SUBSCRIPTION, TENANT } from './azure-server';

export const RG = 'SCWX-TDR-RG';
export const NS = 'SCWX-TDR-Namespace-Contoso-eastus';
export const HUB = 'SCWX-TDR-EventHub';
export const NAMESPACE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.EventHub/namespaces/${NS}`;

export const subscription = (state = 'Enabled', tenantId = TENANT) => ({
  id: `/subscriptions/${SUBSCRIPTION}`,
  subscriptionId: SUBSCRIPTION,
  tenantId,
  displayName: 'Contoso Security',
  state,
  subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
  authorizationSource: 'RoleBased',
});

/** Contributor's permissions, as the permissions API lists a role's. */
export const CONTRIBUTOR = {
  actions: ['*'],
  notActions: [
    'Microsoft.Authorization/*/Delete',
    'Microsoft.Authorization/*/Write',
    'Microsoft.Authorization/elevateAccess/Action',
    'Microsoft.Blueprint/blueprintAssignments/write',
    'Microsoft.Blueprint/blueprintAssignments/delete',
  ],
  dataActions: [],
  notDataActions: [],
};
export const READER = { actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] };

export const roleAssignment = (roleDefinitionGuid: string, scope = `/subscriptions/${SUBSCRIPTION}`) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/b0f43c54-e787-4862-89b1-a653fa9cf747`,
  name: 'b0f43c54-e787-4862-89b1-a653fa9cf747',
  type: 'Microsoft.Authorization/roleAssignments',
  properties: {
    roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${roleDefinitionGuid}`,
    principalId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    principalType: 'User',
    scope,
  },
});

export const roleDefinition = (guid: string, roleName: string, permissions: object[]) => ({
  id: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
  name: guid,
  type: 'Microsoft.Authorization/roleDefinitions',
  properties: { roleName, type: 'BuiltInRole', description: roleName, permissions, assignableScopes: ['/'] },
});

export const provider = (namespace: string, registrationState = 'Registered', locations = ['East US', 'West Europe']) => ({
  id: `/subscriptions/${SUBSCRIPTION}/providers/${namespace}`,
  namespace,
  registrationState,
  registrationPolicy: 'RegistrationRequired',
  resourceTypes: [
    { resourceType: 'namespaces', locations, apiVersions: ['2024-01-01', '2021-11-01'], capabilities: 'SupportsTags, SupportsLocation' },
    { resourceType: 'clusters', locations: ['East US'], apiVersions: ['2024-01-01'] },
  ],
});

export const namespace = (sku: 'Standard' | 'Premium' = 'Standard', capacity = 2, inflate = 4) => ({
  id: NAMESPACE_ID,
  name: NS,
  type: 'Microsoft.EventHub/Namespaces',
  location: 'East US',
  sku: { name: sku, tier: sku, capacity },
  tags: {},
  properties: {
    minimumTlsVersion: '1.2',
    publicNetworkAccess: 'Enabled',
    disableLocalAuth: false,
    zoneRedundant: true,
    isAutoInflateEnabled: sku === 'Standard',
    maximumThroughputUnits: sku === 'Standard' ? inflate : 0,
    kafkaEnabled: true,
    provisioningState: 'Succeeded',
    status: 'Active',
    serviceBusEndpoint: `https://${NS.toLowerCase()}.servicebus.windows.net:443/`,
  },
});

export const eventHub = (partitionCount = 4) => ({
  id: `${NAMESPACE_ID}/eventhubs/${HUB}`,
  name: HUB,
  type: 'Microsoft.EventHub/Namespaces/EventHubs',
  location: 'East US',
  properties: { partitionCount, messageRetentionInDays: 1, status: 'Active', partitionIds: ['0', '1', '2', '3'] },
});

export const consumerGroup = () => ({
  id: `${NAMESPACE_ID}/eventhubs/${HUB}/consumergroups/SCWX-TDR-ConsumerGroup`,
  name: 'SCWX-TDR-ConsumerGroup',
  type: 'Microsoft.EventHub/Namespaces/EventHubs/ConsumerGroups',
  properties: { createdAt: '2026-01-10T08:00:00Z', updatedAt: '2026-01-10T08:00:00Z' },
});

export const authorizationRule = (rights = ['Listen']) => ({
  id: `${NAMESPACE_ID}/eventhubs/${HUB}/authorizationRules/SCWX-TDR-ListenPolicy`,
  name: 'SCWX-TDR-ListenPolicy',
  type: 'Microsoft.EventHub/Namespaces/EventHubs/AuthorizationRules',
  properties: { rights },
});

export const networkRuleSet = (defaultAction: 'Allow' | 'Deny', ipMasks: string[] = []) => ({
  id: `${NAMESPACE_ID}/networkRuleSets/default`,
  name: 'default',
  type: 'Microsoft.EventHub/Namespaces/NetworkRuleSets',
  properties: {
    defaultAction,
    publicNetworkAccess: 'Enabled',
    trustedServiceAccessEnabled: false,
    virtualNetworkRules: [],
    ipRules: ipMasks.map((ipMask) => ({ ipMask, action: 'Allow' })),
  },
});

const policyReference = (assignment: string, definition: string) => ({
  policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${definition}`,
  policyAssignmentId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/policyAssignments/${assignment}`,
});

/** Nothing restricted. */
export const noRestrictions = () => ({ fieldRestrictions: [], contentEvaluationResult: { policyEvaluations: [] } });

/** An allowed-locations policy on the pending `location` field, and a deny on local (SAS) authentication. */
export const restrictions = () => ({
  fieldRestrictions: [
    {
      field: 'location',
      restrictions: [
        {
          result: 'Deny',
          values: ['westeurope', 'northeurope'],
          policy: policyReference('allowed-locations', 'e56962a6-4747-49cd-b67b-bf8b01975c4c'),
        },
      ],
    },
  ],
  contentEvaluationResult: {
    policyEvaluations: [
      {
        policyInfo: policyReference('deny-eventhub-local-auth', '5d4e3c65-4873-47be-94f3-6f8b953a3598'),
        evaluationResult: 'NonCompliant',
        evaluationDetails: {
          evaluatedExpressions: [
            {
              result: 'True',
              expressionKind: 'Field',
              expression: 'Microsoft.EventHub/namespaces/disableLocalAuth',
              path: 'properties.disableLocalAuth',
              expressionValue: false,
              targetValue: false,
              operator: 'Equals',
            },
          ],
        },
        effectDetails: { policyEffect: 'Deny' },
      },
    ],
  },
});

/** Metrics_List: one metric per name, its points `[timeStamp, total]`; no points is Monitor's "no data". */
export function metrics(interval: string, series: Record<string, Array<[string, number]>>) {
  return {
    cost: 0,
    timespan: '2026-12-06T22:00:00Z/2026-12-06T23:00:00Z',
    interval,
    namespace: 'Microsoft.EventHub/namespaces',
    resourceregion: 'eastus',
    value: Object.entries(series).map(([name, points]) => ({
      id: `${NAMESPACE_ID}/providers/Microsoft.Insights/metrics/${name}`,
      type: 'Microsoft.Insights/metrics',
      name: { value: name, localizedValue: name.replace(/([a-z])([A-Z])/g, '$1 $2') },
      displayDescription: `Event Hub ${name}`,
      unit: 'Count',
      errorCode: 'Success',
      timeseries:
        points.length === 0
          ? []
          : [
              {
                metadatavalues: [{ name: { value: 'entityname', localizedValue: 'entityname' }, value: HUB.toLowerCase() }],
                data: points.map(([timeStamp, total]) => ({ timeStamp, total })),
              },
            ],
    })),
  };
}

export const application = (passwordCredentials: object[], appId = '0a1b2c3d-0000-4000-8000-00000000c11d') => ({
  id: '5f6e7d8c-0000-4000-8000-0000000a9911',
  appId,
  displayName: 'SCWX-TDR-MDATP-APP',
  createdDateTime: '2026-01-10T08:00:00Z',
  passwordCredentials,
  requiredResourceAccess: [
    {
      resourceAppId: 'fc780465-2017-40d4-a0c5-307022471b92',
      resourceAccess: [
        { id: '71fe6b80-7034-4028-9ed8-0f316df9c3ff', type: 'Role' },
        { id: 'ea8291d3-4b9a-44b5-bc3a-6cea3026dc79', type: 'Role' },
      ],
    },
  ],
});

export const secret = (keyId: string, endDateTime: string) => ({
  customKeyIdentifier: null,
  displayName: 'xdr',
  endDateTime,
  hint: 'Abc',
  keyId,
  secretText: null,
  startDateTime: '2026-01-10T08:00:00Z',
});

export const graphList = (value: object[], nextLink?: string) => ({
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#collection',
  ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
  value,
});

export const graphError = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message, innerError: { date: '2026-12-06T23:00:00', 'request-id': 'c3a1e2b4-0000-4000-8000-000000000001' } } },
});
