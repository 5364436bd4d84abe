/**
 * What an AWS CDK user expects of an L2: a provider passed to every child, `defaultChild`, the L1 under
 * its own name, imports by ID without a tier, typed grants and a closed set of roles, metric helpers,
 * and alerts on an imported namespace.
 */
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { XdrApplication } from '../../lib/entra/xdr-application';
import { setDestroyGuards } from '../../lib/destroy-guards';
import { DefenderConsumer } from '../../lib/eventhub/defender-consumer';
import { EventHubNamespace, EventHubNamespaceProps } from '../../lib/eventhub/eventhub-namespace';
import { EventHubsRole } from '../../lib/azure/role-assignment';
import { ScalingAlerts } from '../../lib/monitoring/scaling-alerts';
import { SUBSCRIPTION, refusalOf, synthStack } from '../helpers';

const PROPS: EventHubNamespaceProps = {
  name: 'platform-xdr-namespace',
  resourceGroupName: 'rg-platform',
  location: 'westeurope',
  capacity: { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 },
  lock: { kind: 'CanNotDelete' },
};
const PRINCIPAL = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SUBNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/hub/subnets/endpoints`;
const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs`;
const NAMESPACE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.EventHub/namespaces/shared-events-ns`;

const synth = synthStack;
const refusal = refusalOf;

/** Every resource and data source of a synthesized stack, flattened. */
function everyBlock(out: any): any[] {
  return [...Object.values(out.resource ?? {}), ...Object.values(out.data ?? {})].flatMap((byName: any) => Object.values(byName));
}

describe('provider', () => {
  test('an aliased provider reaches every child: cluster, lock, grants, endpoints, diagnostics, hubs, alerts', () => {
    const out = synth((stack) => {
      new AzurermProvider(stack, 'default', { features: [{}] });
      const other = new AzurermProvider(stack, 'other', { features: [{}], alias: 'other', subscriptionId: SUBSCRIPTION });
      const namespace = new EventHubNamespace(stack, 'ns', {
        ...PROPS,
        capacity: { tier: 'Dedicated', clusterName: 'platform-cluster' },
        provider: other,
      });
      namespace.grantListen(PRINCIPAL);
      namespace.addPrivateEndpoint('pe', { subnetId: SUBNET });
      namespace.addDiagnosticSettings('diagnostics', { logAnalyticsWorkspaceId: WORKSPACE });
      const consumer = new DefenderConsumer(stack, 'consumer', { namespace, partitionCount: 4 });
      consumer.grantSend(PRINCIPAL);
      new ScalingAlerts(stack, 'alerts', { namespace, emailAddress: 'soc@example.com' });
      const shared = EventHubNamespace.fromNamespaceAttributes(stack, 'shared', {
        name: 'shared-events-ns',
        resourceGroupName: 'rg-shared',
        provider: other,
      });
      new DefenderConsumer(stack, 'unit-b', { namespace: shared, partitionCount: 4, eventHubName: 'unit-b' });
    });
    const blocks = everyBlock(out);
    expect(blocks.length).toBeGreaterThanOrEqual(15);
    for (const block of blocks) expect(block.provider).toBe('azurerm.other');
  });

  test('a method option given as undefined keeps it: grants and diagnostics stay on the aliased provider', () => {
    const out = synth((stack) => {
      new AzurermProvider(stack, 'default', { features: [{}] });
      const other = new AzurermProvider(stack, 'other', { features: [{}], alias: 'other', subscriptionId: SUBSCRIPTION });
      const namespace = new EventHubNamespace(stack, 'ns', { ...PROPS, provider: other });
      namespace.grant(PRINCIPAL, 'Azure Event Hubs Data Receiver', { provider: undefined });
      namespace.addDiagnosticSettings('diagnostics', { logAnalyticsWorkspaceId: WORKSPACE, provider: undefined });
      new DefenderConsumer(stack, 'consumer', { namespace, partitionCount: 4 }).grant(PRINCIPAL, 'Azure Event Hubs Data Sender', {
        provider: undefined,
      });
    });
    const blocks = [
      ...Object.values(out.resource.azurerm_role_assignment),
      ...Object.values(out.resource.azurerm_monitor_diagnostic_setting),
    ] as Array<{ provider?: string }>;
    expect(blocks).toHaveLength(3);
    for (const block of blocks) expect(block.provider).toBe('azurerm.other');
  });

  test('a method option overrides it: a private endpoint in the network subscription', () => {
    const out = synth((stack) => {
      const network = new AzurermProvider(stack, 'network', { features: [{}], alias: 'network' });
      new EventHubNamespace(stack, 'ns', PROPS).addPrivateEndpoint('pe', { subnetId: SUBNET, provider: network });
    });
    expect((Object.values(out.resource.azurerm_private_endpoint)[0] as any).provider).toBe('azurerm.network');
    expect((Object.values(out.resource.azurerm_eventhub_namespace)[0] as any).provider).toBeUndefined();
  });
});

describe('L2 conventions', () => {
  test('the L1 is `resource` and node.defaultChild; `namespace` stays as a deprecated alias', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const namespace = new EventHubNamespace(stack, 'ns', PROPS);
    expect(namespace.node.defaultChild).toBe(namespace.resource);
    expect(namespace.namespace).toBe(namespace.resource);
    const consumer = new DefenderConsumer(stack, 'c', { namespace, partitionCount: 4 });
    expect(consumer.node.defaultChild).toBe(consumer.eventHub);
  });

  test('fromNamespaceId: name and resource group from the ID, the tier read at plan when not given', () => {
    const out = synth((stack) => {
      const shared = EventHubNamespace.fromNamespaceId(stack, 'shared', NAMESPACE_ID);
      expect(shared.id).toBe(NAMESPACE_ID);
      expect(shared.name).toBe('shared-events-ns');
      new DefenderConsumer(stack, 'c', { namespace: shared, partitionCount: 100, retentionDays: 30 });
    });
    expect(Object.values(out.data.azurerm_eventhub_namespace)[0]).toMatchObject({
      name: 'shared-events-ns',
      resource_group_name: 'rg-shared',
    });
    expect((Object.values(out.resource.azurerm_eventhub)[0] as any).namespace_id).toBe(NAMESPACE_ID);
  });

  test('fromNamespaceId with the region and tier given reads nothing at plan: no data source', () => {
    const out = synth((stack) => {
      const shared = EventHubNamespace.fromNamespaceId(stack, 'shared', NAMESPACE_ID, { tier: 'Premium', location: 'westeurope' });
      shared.addPrivateEndpoint('pe', { subnetId: SUBNET });
      expect(shared.node.defaultChild).toBeUndefined();
    });
    expect(out.data).toBeUndefined();
    expect((Object.values(out.resource.azurerm_private_endpoint)[0] as any).location).toBe('westeurope');
  });

  test('fromNamespaceId with an ID from a variable: Terraform splits it', () => {
    const out = synth((stack) => {
      const id = new TerraformVariable(stack, 'namespace_id', { type: 'string' }).stringValue;
      EventHubNamespace.fromNamespaceId(stack, 'shared', id, { tier: 'Premium' });
    });
    expect(Object.values(out.data.azurerm_eventhub_namespace)[0]).toEqual({
      name: '${element(split("/", var.namespace_id), 8)}',
      resource_group_name: '${element(split("/", var.namespace_id), 4)}',
    });
  });

  test('fromNamespaceId refuses something that is not a namespace ID, in one line', () => {
    expect(refusal((stack) => EventHubNamespace.fromNamespaceId(stack, 'shared', 'shared-events-ns'))).toEqual([
      'EventHubNamespace.fromNamespaceId shared: namespaceId = "shared-events-ns": must be a Microsoft.EventHub/namespaces resource ID, such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<name>',
    ]);
  });
});

describe('grants', () => {
  test('typed grants give the Event Hubs data roles and Contributor, on the namespace or one hub', () => {
    const out = synth((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', PROPS);
      namespace.grantListen(PRINCIPAL);
      namespace.grantSend(PRINCIPAL);
      namespace.grantDataOwner(PRINCIPAL);
      namespace.grantManage(PRINCIPAL);
      new DefenderConsumer(stack, 'c', { namespace, partitionCount: 4 }).grantListen(PRINCIPAL);
    });
    const roles = Object.values(out.resource.azurerm_role_assignment).map((a: any) => a.role_definition_name);
    expect(roles.sort()).toEqual([
      'Azure Event Hubs Data Owner',
      'Azure Event Hubs Data Receiver',
      'Azure Event Hubs Data Receiver',
      'Azure Event Hubs Data Sender',
      'Contributor',
    ]);
  });

  test('a role by definition ID, with an ABAC condition', () => {
    const definition = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/a638d3c7-ab3a-418d-83e6-5f17a39d4fde`;
    const condition = "@Resource[Microsoft.EventHub/namespaces/eventhubs:name] StringEquals 'unit-a'";
    const out = synth((stack) =>
      new EventHubNamespace(stack, 'ns', PROPS).grant(PRINCIPAL, { roleDefinitionId: definition }, { condition }),
    );
    expect(Object.values(out.resource.azurerm_role_assignment)[0]).toEqual({
      scope: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.id}',
      principal_id: PRINCIPAL,
      role_definition_id: definition,
      condition,
      condition_version: '2.0',
    });
  });

  test('a role outside the closed set, or a malformed definition ID, is refused in one line', () => {
    const misspelt = 'Azure Event Hub Data Receiver' as EventHubsRole;
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', PROPS).grant(PRINCIPAL, misspelt))).toEqual([
      'EventHubNamespace ns grant: role = "Azure Event Hub Data Receiver": must be one of "Reader", "Azure Event Hubs Data Receiver", "Azure Event Hubs Data Sender", "Azure Event Hubs Data Owner", "Contributor", or { roleDefinitionId }',
    ]);
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', PROPS).grant(PRINCIPAL, { roleDefinitionId: 'Owner' }))).toEqual([
      'EventHubNamespace ns grant: role.roleDefinitionId = "Owner": must be a role definition ID, such as /subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>',
    ]);
  });
});

describe('metrics and alerts', () => {
  test('metric helpers give the names and dimensions the alerts use', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const namespace = new EventHubNamespace(stack, 'ns', PROPS);
    expect(namespace.metricIncomingBytes()).toEqual({
      metricNamespace: 'Microsoft.EventHub/namespaces',
      metricName: 'IncomingBytes',
      aggregation: 'Total',
      dimensions: [],
    });
    expect(namespace.metricThrottledRequests({ eventHubName: 'unit-a' }).dimensions).toEqual([
      { name: 'EntityName', operator: 'Include', values: ['unit-a'] },
    ]);
    const alerts = new ScalingAlerts(stack, 'alerts', { namespace, emailAddress: 'soc@example.com' });
    const out = JSON.parse(Testing.synth(stack));
    const criteria = Object.values(out.resource.azurerm_monitor_metric_alert).map((alert: any) => alert.criteria[0].metric_name);
    expect(criteria.sort()).toEqual(['IncomingBytes', 'OutgoingBytes', 'ThrottledRequests']);
    expect(alerts.incomingBytes).toBeDefined();
  });

  test('an imported namespace gets alerts: throttling alone, or the byte alerts too with a capacity', () => {
    const out = synth((stack) => {
      const shared = EventHubNamespace.fromNamespaceId(stack, 'shared', NAMESPACE_ID);
      new ScalingAlerts(stack, 'plain', { namespace: shared, emailAddress: 'soc@example.com' });
      new ScalingAlerts(stack, 'sized', {
        namespace: shared,
        emailAddress: 'soc@example.com',
        capacity: { tier: 'Standard', throughputUnits: 4 },
      });
    });
    const alerts = Object.values(out.resource.azurerm_monitor_metric_alert) as any[];
    expect(alerts).toHaveLength(4);
    for (const alert of alerts) expect(alert.scopes).toEqual([NAMESPACE_ID]);
  });

  test('thresholds, severities and windows are configurable; the byte thresholds follow window and percent', () => {
    const out = synth((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', { ...PROPS, capacity: { tier: 'Standard', throughputUnits: 2 } });
      new ScalingAlerts(stack, 'alerts', {
        namespace,
        emailAddress: 'soc@example.com',
        percentOfLimit: 80,
        windowMinutes: 15,
        frequencyMinutes: 5,
        bytesSeverity: 3,
        throttledRequestsSeverity: 0,
        throttledRequestsThreshold: 10,
      });
    });
    const byMetric = Object.fromEntries(
      Object.values(out.resource.azurerm_monitor_metric_alert).map((a: any) => [a.criteria[0].metric_name, a]),
    );
    expect(byMetric.IncomingBytes).toMatchObject({ window_size: 'PT15M', frequency: 'PT5M', severity: 3 });
    expect(byMetric.IncomingBytes.criteria[0].threshold).toBe(Math.round(2 * 1_048_576 * 15 * 60 * 0.8));
    expect(byMetric.ThrottledRequests).toMatchObject({ severity: 0 });
    expect(byMetric.ThrottledRequests.criteria[0].threshold).toBe(10);
  });

  test('bad alert settings are refused, each in one line', () => {
    const stack = (s: TerraformStack) => new EventHubNamespace(s, 'ns', PROPS);
    expect(
      refusal(
        (s) =>
          new ScalingAlerts(s, 'a', {
            namespace: stack(s),
            emailAddress: 'soc@example.com',
            windowMinutes: 7,
            percentOfLimit: 120,
            bytesSeverity: 5 as 0,
          }),
      ),
    ).toEqual([
      'ScalingAlerts a: percentOfLimit = 120: must be a whole number from 1 to 100',
      'ScalingAlerts a: windowMinutes = 7: must be one of 1, 5, 15, 30, 60, 360, 720, 1440',
      'ScalingAlerts a: bytesSeverity = 5: must be a whole number from 0 to 4 (Azure Monitor severities: 0 critical to 4 verbose)',
    ]);
    expect(
      refusal(
        (s) => new ScalingAlerts(s, 'a', { namespace: stack(s), emailAddress: 'soc@example.com', windowMinutes: 5, frequencyMinutes: 15 }),
      ),
    ).toEqual([
      'ScalingAlerts a: frequencyMinutes = 15: must be at most windowMinutes (5): Azure refuses an evaluation less often than the window',
    ]);
  });
});

describe('platform features (the Azure Verified Modules list)', () => {
  const ASG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/applicationSecurityGroups/asg-xdr`;
  const KEY = 'https://kv-platform.vault.azure.net/keys/eventhubs';

  test("private endpoint: tags (the namespace's by default), NIC name, static IP, ASGs, DNS zone group name", () => {
    const out = synth((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', { ...PROPS, tags: { 'cost-center': '4711' } });
      namespace.addPrivateEndpoint('pe', {
        subnetId: SUBNET,
        networkInterfaceName: 'nic-xdr-pe',
        staticIps: [{ privateIpAddress: '10.20.1.10' }],
        applicationSecurityGroupIds: [ASG],
        privateDnsZoneIds: [
          `/subscriptions/${SUBSCRIPTION}/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.servicebus.windows.net`,
        ],
        privateDnsZoneGroupName: 'eventhubs',
      });
      const groups = new TerraformVariable(stack, 'asgs', { type: 'list(string)' }).listValue;
      namespace.addPrivateEndpoint('other', {
        subnetId: SUBNET,
        name: 'pe-other',
        tags: { team: 'network' },
        applicationSecurityGroupIds: groups,
      });
    });
    const endpoints = Object.values(out.resource.azurerm_private_endpoint) as any[];
    const [main, other] = [endpoints.find((e) => e.name !== 'pe-other'), endpoints.find((e) => e.name === 'pe-other')];
    expect(main).toMatchObject({
      custom_network_interface_name: 'nic-xdr-pe',
      tags: { 'cost-center': '4711' },
      ip_configuration: [{ private_ip_address: '10.20.1.10', subresource_name: 'namespace', member_name: 'namespace' }],
      private_dns_zone_group: { name: 'eventhubs' },
    });
    expect(other.tags).toEqual({ team: 'network' });
    const associations = Object.values(out.resource.azurerm_private_endpoint_application_security_group_association) as any[];
    expect(associations).toHaveLength(2);
    expect(associations.map((a) => a.application_security_group_id).sort()).toEqual(['${each.value}', ASG]);
    expect(associations.find((a) => a.for_each !== undefined).for_each).toBe('${toset(var.asgs)}');
  });

  test('managed identity and a customer-managed key on Premium', () => {
    const out = synth((stack) => {
      new EventHubNamespace(stack, 'ns', {
        ...PROPS,
        capacity: { tier: 'Premium', processingUnits: 1 },
        identity: { systemAssigned: true },
        customerManagedKey: { keyVaultKeyId: KEY },
      });
    });
    expect((Object.values(out.resource.azurerm_eventhub_namespace)[0] as any).identity).toEqual({ type: 'SystemAssigned' });
    expect(Object.values(out.resource.azurerm_eventhub_namespace_customer_managed_key)[0]).toMatchObject({ key_vault_key_ids: [KEY] });
  });

  test('a customer-managed key on Standard, or without an identity that reads it, is refused', () => {
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, customerManagedKey: { keyVaultKeyId: KEY } }))).toEqual([
      `EventHubNamespace ns: customerManagedKey = "${KEY}": needs a Premium or dedicated namespace: Azure encrypts Standard namespaces with its own keys only`,
      'EventHubNamespace ns: identity = undefined: needs systemAssigned: true, or give customerManagedKey.userAssignedIdentityId: the key is read by an identity of the namespace',
    ]);
  });

  test('trustedServiceAccess: false is written into the rule set (and documented as stopping Defender)', () => {
    const out = synth(
      (stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, allowedIpRanges: ['203.0.113.0/24'], trustedServiceAccess: false }),
    );
    expect((Object.values(out.resource.azurerm_eventhub_namespace)[0] as any).network_rulesets[0].trusted_service_access_enabled).toBe(
      false,
    );
    // with public access off too, as the prop's documentation says; left out, the rule set keeps them on
    const rulesets = (props: Partial<EventHubNamespaceProps>) =>
      (
        Object.values(
          synth((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, publicNetworkAccess: false, ...props })).resource
            .azurerm_eventhub_namespace,
        )[0] as any
      ).network_rulesets[0];
    expect(rulesets({ trustedServiceAccess: false })).toMatchObject({
      public_network_access_enabled: false,
      trusted_service_access_enabled: false,
    });
    expect(rulesets({})).toMatchObject({ public_network_access_enabled: false, trusted_service_access_enabled: true });
  });

  test('diagnostic categories: chosen categories instead of allLogs, metrics optional, nothing at all refused', () => {
    const out = synth((stack) =>
      new EventHubNamespace(stack, 'ns', PROPS).addDiagnosticSettings('d', {
        logAnalyticsWorkspaceId: WORKSPACE,
        logCategories: ['OperationalLogs', 'RuntimeAuditLogs'],
        metrics: false,
      }),
    );
    const setting = Object.values(out.resource.azurerm_monitor_diagnostic_setting)[0] as any;
    expect(setting.enabled_log).toEqual([{ category: 'OperationalLogs' }, { category: 'RuntimeAuditLogs' }]);
    expect(setting).not.toHaveProperty('enabled_metric');
    expect(
      refusal((stack) =>
        new EventHubNamespace(stack, 'ns', PROPS).addDiagnosticSettings('d', {
          logAnalyticsWorkspaceId: WORKSPACE,
          logCategories: [],
          logCategoryGroups: [],
          metrics: false,
        }),
      ),
    ).toEqual(['EventHubNamespace ns: addDiagnosticSettings = "d": sends nothing: give logCategories, logCategoryGroups or metrics: true']);
    // logCategories left out is no categories either (azurerm's AtLeastOneOf enabled_log/enabled_metric would fail the plan)
    expect(
      refusal((stack) =>
        new EventHubNamespace(stack, 'ns', PROPS).addDiagnosticSettings('d', {
          logAnalyticsWorkspaceId: WORKSPACE,
          logCategoryGroups: [],
          metrics: false,
        }),
      ),
    ).toEqual(['EventHubNamespace ns: addDiagnosticSettings = "d": sends nothing: give logCategories, logCategoryGroups or metrics: true']);
  });

  test('a stack-wide switch turns the destroy guards off for ephemeral environments; a prop still wins', () => {
    const out = synth((stack) => {
      setDestroyGuards(stack, false);
      const namespace = new EventHubNamespace(stack, 'ns', { ...PROPS, lock: undefined });
      new DefenderConsumer(stack, 'c', { namespace, partitionCount: 4 });
      new DefenderConsumer(stack, 'kept', { namespace, partitionCount: 4, eventHubName: 'kept', preventDestroy: true });
      new XdrApplication(stack, 'app', { tenantId: '11111111-2222-3333-4444-555555555555' });
    });
    const guarded = everyBlock(out).filter((block) => block.lifecycle?.prevent_destroy === true);
    expect(guarded.map((block) => block.name).sort()).toEqual(['SCWX-TDR-ConsumerGroup', 'SCWX-TDR-ListenPolicy', 'kept']);
  });

  test('XdrApplication: an aliased azuread provider on every Entra ID resource', () => {
    const out = synth((stack) => {
      const other = new AzureadProvider(stack, 'other', { alias: 'other' });
      new XdrApplication(stack, 'app', { tenantId: '11111111-2222-3333-4444-555555555555', grantAdminConsent: true, provider: other });
    });
    const entraTypes = [...Object.keys(out.resource), ...Object.keys(out.data ?? {})].filter((type) => type.startsWith('azuread_'));
    const entra = entraTypes.flatMap((type) => Object.values({ ...out.resource[type], ...out.data?.[type] })) as any[];
    for (const block of entra) expect(block.provider).toBe('azuread.other');
    // the secrets' issue records are Terraform's own terraform_data: no provider at all
    for (const record of Object.values(out.resource.terraform_data) as any[]) expect(record.provider).toBeUndefined();
    expect(entra.length).toBeGreaterThanOrEqual(6);
  });
});
