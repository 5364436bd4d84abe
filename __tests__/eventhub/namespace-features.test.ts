/**
 * What a platform team adds to a namespace: subnet rules, private endpoints, public access off, a
 * lock, diagnostics, grants; existing namespaces and clusters; props that are Terraform references.
 */
import { TerraformVariable, Testing } from 'cdktf';
import { DataAzurermEventhubNamespace } from '@cdktf/provider-azurerm/lib/data-azurerm-eventhub-namespace';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { DefenderConsumer } from '../../lib/eventhub/defender-consumer';
import { EventHubNamespace, EventHubNamespaceProps, IEventHubNamespace } from '../../lib/eventhub/eventhub-namespace';
import { checkAllowedSubnetIds, checkResourceId } from '../../lib/rules/network';
import { SUBSCRIPTION, onlyResource, refusalOf, synthStack } from '../helpers';

const NETWORK = `/subscriptions/${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network`;
const SUBNET = `${NETWORK}/virtualNetworks/hub/subnets/endpoints`;
const OTHER_SUBNET = `${NETWORK}/virtualNetworks/hub/subnets/workloads`;
const DNS_ZONE = `${NETWORK}/privateDnsZones/privatelink.servicebus.windows.net`;
const PRINCIPAL = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs`;

const PROPS: EventHubNamespaceProps = {
  name: 'SCWX-TDR-Namespace-Contoso-eastus',
  resourceGroupName: 'SCWX-TDR-RG',
  location: 'eastus',
  capacity: { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 },
};

const synthWith = synthStack;
const refusal = refusalOf;

describe('network', () => {
  test('allowedSubnetIds: virtual network rules in the same deny-by-default rule set as the IP ranges', () => {
    const out = synthWith(
      (stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, allowedIpRanges: ['203.0.113.0/24'], allowedSubnetIds: [SUBNET] }),
    );
    expect(onlyResource(out, 'azurerm_eventhub_namespace').network_rulesets).toEqual([
      {
        default_action: 'Deny',
        public_network_access_enabled: true,
        trusted_service_access_enabled: true,
        ip_rule: [{ ip_mask: '203.0.113.0/24', action: 'Allow' }],
        virtual_network_rule: [{ subnet_id: SUBNET, ignore_missing_virtual_network_service_endpoint: false }],
      },
    ]);
  });

  test('publicNetworkAccess: false turns the public endpoint off, and refuses rules that filter it', () => {
    const out = synthWith((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, publicNetworkAccess: false }));
    const namespace = onlyResource(out, 'azurerm_eventhub_namespace');
    expect(namespace.public_network_access_enabled).toBe(false);
    // Without a rule set trusted services are off, and Defender's Streaming API (Azure Monitor) is cut off too.
    expect(namespace.network_rulesets).toEqual([
      {
        default_action: 'Deny',
        public_network_access_enabled: false,
        trusted_service_access_enabled: true,
        ip_rule: [],
        virtual_network_rule: [],
      },
    ]);
    expect(
      refusal((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, publicNetworkAccess: false, allowedSubnetIds: [SUBNET] })),
    ).toEqual([
      `EventHubNamespace ns: allowedSubnetIds = ["${SUBNET.slice(0, 58)}…: filters the public endpoint, which publicNetworkAccess: false turns off; leave one of them out`,
    ]);
  });

  test('subnet IDs are checked: a resource ID of a subnet, each once', () => {
    expect(checkAllowedSubnetIds('allowedSubnetIds', [SUBNET, SUBNET.toUpperCase(), 'endpoints'])).toEqual([
      `allowedSubnetIds = "${SUBNET.toUpperCase().slice(0, 60)}"… (${SUBNET.length} characters): is listed twice`,
      'allowedSubnetIds = "endpoints": must be a Microsoft.Network/virtualNetworks/subnets resource ID, such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
    ]);
    expect(checkAllowedSubnetIds('allowedSubnetIds', [])).toEqual([
      'allowedSubnetIds = []: must list 1-128 subnet IDs (0 given); leave it out for no virtual network rule',
    ]);
    expect(checkResourceId('x', DNS_ZONE, 'Microsoft.Network/privateDnsZones')).toBeUndefined();
    expect(checkResourceId('x', SUBNET, 'Microsoft.Network/privateDnsZones')).toMatch(
      /must be a Microsoft.Network\/privateDnsZones resource ID/,
    );
  });

  test('addPrivateEndpoint: the namespace sub-resource, approved automatically, with a DNS zone group when zones are given', () => {
    const json = Testing.synthScope((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', PROPS);
      namespace.addPrivateEndpoint('endpoint', { subnetId: SUBNET, privateDnsZoneIds: [DNS_ZONE] });
      namespace.addPrivateEndpoint('bare', { subnetId: OTHER_SUBNET, name: 'pe-bare', location: 'westeurope' });
    });
    expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
      name: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.name}-pe',
      location: 'eastus',
      resource_group_name: 'SCWX-TDR-RG',
      subnet_id: SUBNET,
      private_service_connection: {
        name: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.name}-pe-connection',
        private_connection_resource_id: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.id}',
        subresource_names: ['namespace'],
        is_manual_connection: false,
      },
      private_dns_zone_group: { name: 'default', private_dns_zone_ids: [DNS_ZONE] },
    });
    const bare = Object.values(JSON.parse(json).resource.azurerm_private_endpoint).find((e: any) => e.name === 'pe-bare') as any;
    expect(bare.location).toBe('westeurope');
    expect(bare).not.toHaveProperty('private_dns_zone_group');
  });

  test('a private endpoint in something that is no subnet is refused', () => {
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', PROPS).addPrivateEndpoint('pe', { subnetId: 'subnet-1' }))).toEqual([
      'EventHubNamespace ns addPrivateEndpoint: subnetId = "subnet-1": must be a Microsoft.Network/virtualNetworks/subnets resource ID, such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
    ]);
  });
});

describe('lock', () => {
  test('CanNotDelete: a management lock on the namespace; none by default', () => {
    const json = Testing.synthScope((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, lock: { kind: 'CanNotDelete' } }));
    expect(json).toHaveResourceWithProperties(ManagementLock, {
      name: 'xdr-namespace-lock',
      lock_level: 'CanNotDelete',
      scope: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.id}',
    });
    expect(synthWith((stack) => new EventHubNamespace(stack, 'ns', PROPS)).resource.azurerm_management_lock).toBeUndefined();
  });

  test('the lock depends on everything at the namespace scope or below, so a destroy deletes it first', () => {
    const out = synthWith((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', { ...PROPS, lock: { kind: 'CanNotDelete' } });
      namespace.grant(PRINCIPAL, 'Azure Event Hubs Data Receiver');
      namespace.addDiagnosticSettings('diagnostics', { logAnalyticsWorkspaceId: WORKSPACE });
      namespace.addPrivateEndpoint('endpoint', { subnetId: SUBNET });
      const consumer = new DefenderConsumer(stack, 'consumer', { namespace, partitionCount: 4 });
      consumer.grant(PRINCIPAL, 'Azure Event Hubs Data Receiver');
    });
    const dependsOn: string[] = onlyResource(out, 'azurerm_management_lock').depends_on;
    const addresses = (type: string) => Object.keys(out.resource[type]).map((name) => '${' + `${type}.${name}}`);
    expect([...dependsOn].sort()).toEqual(
      [
        ...addresses('azurerm_role_assignment'),
        ...addresses('azurerm_monitor_diagnostic_setting'),
        ...addresses('azurerm_private_endpoint'),
        ...addresses('azurerm_eventhub'),
        ...addresses('azurerm_eventhub_consumer_group'),
        ...addresses('azurerm_eventhub_authorization_rule'),
      ].sort(),
    );
    expect(dependsOn).toHaveLength(7);
    // Timeline of a destroy: Terraform deletes dependents first, so the lock goes before anything it would block.
    expect(
      synthWith((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, lock: { kind: 'CanNotDelete' } })).resource,
    ).not.toHaveProperty('azurerm_management_lock.ns_lock_AE9A7E40.depends_on');
  });

  test('ReadOnly is refused in one line', () => {
    const lock = { kind: 'ReadOnly' } as unknown as EventHubNamespaceProps['lock'];
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, lock }))).toEqual([
      'EventHubNamespace ns: lock.kind = "ReadOnly": must be "CanNotDelete": a ReadOnly lock blocks listing the listen policy keys XDR reads with',
    ]);
  });
});

describe('addDiagnosticSettings', () => {
  test('every log (allLogs) and metric (AllMetrics) to the destinations given, with enabled_metric rather than the deprecated metric', () => {
    const workspace = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs`;
    const json = Testing.synthScope((stack) => {
      new EventHubNamespace(stack, 'ns', PROPS).addDiagnosticSettings('to-workspace', {
        logAnalyticsWorkspaceId: workspace,
        logAnalyticsDestinationType: 'Dedicated',
      });
    });
    expect(json).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      name: 'to-workspace',
      target_resource_id: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.id}',
      log_analytics_workspace_id: workspace,
      log_analytics_destination_type: 'Dedicated',
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
    expect(Object.values(JSON.parse(json).resource.azurerm_monitor_diagnostic_setting)[0]).not.toHaveProperty('metric');
  });

  test('no destination, or a hub name without its namespace, is refused', () => {
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', PROPS).addDiagnosticSettings('nowhere', {}))).toEqual([
      'EventHubNamespace ns: addDiagnosticSettings = "nowhere": needs a destination: logAnalyticsWorkspaceId, storageAccountId, eventHubAuthorizationRuleId or partnerSolutionId',
    ]);
    expect(
      refusal((stack) =>
        new EventHubNamespace(stack, 'ns', PROPS).addDiagnosticSettings('hub', { storageAccountId: 'x', eventHubName: 'logs' }),
      ),
    ).toEqual(['EventHubNamespace ns: eventHubName = "logs": needs eventHubAuthorizationRuleId, the namespace the hub is in']);
  });
});

describe('grant', () => {
  test('role assignments by role name on the namespace and on the hub', () => {
    const json = Testing.synthScope((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', PROPS);
      namespace.grant(PRINCIPAL, 'Reader');
      new DefenderConsumer(stack, 'consumer', { namespace, partitionCount: 4 }).grant(PRINCIPAL, 'Azure Event Hubs Data Receiver', {
        principalType: 'ServicePrincipal',
      });
    });
    expect(json).toHaveResourceWithProperties(RoleAssignment, {
      scope: '${azurerm_eventhub_namespace.ns_namespace_16BD4C6B.id}',
      principal_id: PRINCIPAL,
      role_definition_name: 'Reader',
    });
    expect(json).toHaveResourceWithProperties(RoleAssignment, {
      scope: '${azurerm_eventhub.consumer_event-hub_F517286A.id}',
      role_definition_name: 'Azure Event Hubs Data Receiver',
      principal_type: 'ServicePrincipal',
    });
  });

  test('a principal from another resource gets numbered addresses; the same grant twice and a non-GUID are refused', () => {
    const out = synthWith((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', PROPS);
      const identity = new TerraformVariable(stack, 'identity', { type: 'string' });
      namespace.grant(identity.stringValue, 'Azure Event Hubs Data Sender');
      namespace.grant(identity.stringValue, 'Azure Event Hubs Data Receiver');
      namespace.grant(identity.stringValue, 'Azure Event Hubs Data Receiver');
    });
    expect(Object.keys(out.resource.azurerm_role_assignment).map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'ns_grant-azure-event-hubs-data-receiver-1',
      'ns_grant-azure-event-hubs-data-receiver-2',
      'ns_grant-azure-event-hubs-data-sender-1',
    ]);
    expect(
      refusal((stack) => {
        const namespace = new EventHubNamespace(stack, 'ns', PROPS);
        namespace.grant(PRINCIPAL, 'Reader');
        namespace.grant(PRINCIPAL, 'Reader');
      }),
    ).toEqual([
      `EventHubNamespace ns grant: principalId = "${PRINCIPAL}": already has this grant (stack/ns/grant-reader-${PRINCIPAL}); grant each role once, or give another options.id`,
    ]);
    // roles given as references cannot be compared: two to one principal are two grants, the first at its usual address
    const roles = synthWith((stack) => {
      const namespace = new EventHubNamespace(stack, 'ns', PROPS);
      for (const name of ['reader-role', 'sender-role']) {
        const role = new TerraformVariable(stack, name, { type: 'string' });
        namespace.grant(PRINCIPAL, { roleDefinitionId: role.stringValue });
      }
    });
    expect(
      Object.keys(roles.resource.azurerm_role_assignment)
        .map((k) => k.replace(/_[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([`ns_grant-role-${PRINCIPAL}`, `ns_grant-role-${PRINCIPAL}-2`]);
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', PROPS).grant('bob', 'Reader'))).toEqual([
      'EventHubNamespace ns grant: principalId = "bob": must be a GUID such as 00000000-0000-0000-0000-000000000000',
    ]);
  });
});

describe('existing resources', () => {
  test('fromNamespaceAttributes: a data source, and a consumer on it with the limits of the given tier', () => {
    let existing: IEventHubNamespace | undefined;
    const json = Testing.synthScope((stack) => {
      existing = EventHubNamespace.fromNamespaceAttributes(stack, 'shared', {
        name: 'platform-events',
        resourceGroupName: 'rg-shared',
        tier: 'Premium',
        processingUnits: 1,
      });
      new DefenderConsumer(stack, 'consumer', { namespace: existing, partitionCount: 100, retentionDays: 90 });
      existing.grant(PRINCIPAL, 'Reader');
    });
    expect(json).toHaveDataSourceWithProperties(DataAzurermEventhubNamespace, {
      name: 'platform-events',
      resource_group_name: 'rg-shared',
    });
    const out = JSON.parse(json);
    expect(onlyResource(out, 'azurerm_eventhub').namespace_id).toBe('${data.azurerm_eventhub_namespace.shared_namespace_4EB40908.id}');
    expect(onlyResource(out, 'azurerm_eventhub_consumer_group').namespace_name).toBe('platform-events');
    expect(out.resource.azurerm_eventhub_namespace).toBeUndefined();
    expect(existing?.tier).toBe('Premium');
  });

  test('fromNamespaceAttributes checks what it is given', () => {
    expect(
      refusal((stack) =>
        EventHubNamespace.fromNamespaceAttributes(stack, 'shared', {
          name: 'x',
          resourceGroupName: 'rg',
          tier: 'Standard',
          processingUnits: 2,
        }),
      ),
    ).toEqual([
      'EventHubNamespace.fromNamespaceAttributes shared: name = "x": an Event Hubs namespace name must be 6-50 letters, digits or hyphens, start with a letter and end with a letter or digit',
      'EventHubNamespace.fromNamespaceAttributes shared: processingUnits = 2: applies to the Premium tier only, not Standard',
    ]);
  });

  test('a dedicated capacity on an existing cluster by ID: no cluster created', () => {
    const clusterId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/shared/providers/Microsoft.EventHub/clusters/shared-cluster`;
    const out = synthWith((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, capacity: { tier: 'Dedicated', clusterId } }));
    expect(out.resource.azurerm_eventhub_cluster).toBeUndefined();
    expect(onlyResource(out, 'azurerm_eventhub_namespace')).toMatchObject({
      sku: 'Standard',
      dedicated_cluster_id: clusterId,
      auto_inflate_enabled: false,
    });
    expect(
      refusal((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, capacity: { tier: 'Dedicated', clusterId: 'shared-cluster' } })),
    ).toEqual([
      'EventHubNamespace ns: capacity.clusterId = "shared-cluster": must be a Microsoft.EventHub/clusters resource ID, such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/clusters/<cluster>',
    ]);
    const both = { tier: 'Dedicated', clusterId, clusterName: 'SCWX-TDR-Cluster-x' } as unknown as EventHubNamespaceProps['capacity'];
    expect(refusal((stack) => new EventHubNamespace(stack, 'ns', { ...PROPS, capacity: both }))[0]).toMatch(
      /a dedicated capacity needs exactly one of clusterName \(a new cluster\) and clusterId \(an existing one\)$/,
    );
  });
});

describe('props that are Terraform references', () => {
  test('a namespace name and a partition count from variables are passed through, not judged', () => {
    const out = synthWith((stack) => {
      const suffix = new TerraformVariable(stack, 'suffix', { type: 'string' });
      const partitions = new TerraformVariable(stack, 'partitions', { type: 'number' });
      const units = new TerraformVariable(stack, 'units', { type: 'number' });
      const namespace = new EventHubNamespace(stack, 'ns', {
        ...PROPS,
        name: `evhns-xdr-${suffix.stringValue}`,
        capacity: { tier: 'Standard', throughputUnits: units.numberValue, autoInflateMaximumThroughputUnits: 20 },
      });
      new DefenderConsumer(stack, 'consumer', { namespace, partitionCount: partitions.numberValue });
    });
    expect(onlyResource(out, 'azurerm_eventhub_namespace')).toMatchObject({
      name: 'evhns-xdr-${var.suffix}',
      capacity: '${var.units}',
      auto_inflate_enabled: true,
      maximum_throughput_units: 20,
    });
    expect(onlyResource(out, 'azurerm_eventhub').partition_count).toBe('${var.partitions}');
  });

  test('known entries of a list with references are still checked', () => {
    expect(
      refusal((stack) => {
        const range = new TerraformVariable(stack, 'range', { type: 'string' });
        new EventHubNamespace(stack, 'ns', { ...PROPS, allowedIpRanges: [range.stringValue, '10.0.0.1/8'] });
      }),
    ).toEqual(['EventHubNamespace ns: allowedIpRanges = "10.0.0.1/8": is not the first address of its range; write 10.0.0.0/8']);
  });
});

describe('two consumers on one namespace', () => {
  test('the same hub name (Azure ignores case) is refused, naming both consumers', () => {
    expect(
      refusal((stack) => {
        const namespace = new EventHubNamespace(stack, 'ns', PROPS);
        new DefenderConsumer(stack, 'unit-a', { namespace, partitionCount: 4 });
        new DefenderConsumer(stack, 'unit-b', { namespace, partitionCount: 4, eventHubName: 'scwx-tdr-eventhub' });
      }),
    ).toEqual([
      'DefenderConsumer unit-b: eventHubName = "scwx-tdr-eventhub": is already the hub of stack/unit-a on the same namespace; give stack/unit-b another eventHubName',
    ]);
  });

  test('distinct names, or the same name on two namespaces, are fine', () => {
    const out = synthWith((stack) => {
      const first = new EventHubNamespace(stack, 'first', PROPS);
      const second = new EventHubNamespace(stack, 'second', { ...PROPS, name: 'SCWX-TDR-Namespace-Contoso-westus' });
      new DefenderConsumer(stack, 'unit-a', { namespace: first, partitionCount: 4 });
      new DefenderConsumer(stack, 'unit-b', { namespace: first, partitionCount: 4, eventHubName: 'unit-b-events' });
      new DefenderConsumer(stack, 'unit-c', { namespace: second, partitionCount: 4 });
    });
    expect(Object.keys(out.resource.azurerm_eventhub)).toHaveLength(3);
  });

  test('two references to one existing namespace share the hub names', () => {
    const attributes = { name: 'platform-events', resourceGroupName: 'rg-shared', tier: 'Standard' } as const;
    expect(
      refusal((stack) => {
        new DefenderConsumer(stack, 'unit-a', {
          namespace: EventHubNamespace.fromNamespaceAttributes(stack, 'one', attributes),
          partitionCount: 4,
        });
        new DefenderConsumer(stack, 'unit-b', {
          namespace: EventHubNamespace.fromNamespaceAttributes(stack, 'two', attributes),
          partitionCount: 4,
        });
      }),
    ).toEqual([
      'DefenderConsumer unit-b: eventHubName = "SCWX-TDR-EventHub": is already the hub of stack/unit-a on the same namespace; give stack/unit-b another eventHubName',
    ]);
  });
});

describe('input hygiene of the namespace features', () => {
  test.each<[string, (namespace: EventHubNamespace) => unknown, string]>([
    ['private endpoint subnetId', (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET.replace('/hub/', '/hub${var.x}/') }), 'subnetId = '],
    [
      'private endpoint name',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, name: 'pe-${var.x}' }),
      'name = "pe-${var.x}": must not contain "${" or "%{"',
    ],
    [
      'private endpoint location',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, location: '%{ if }' }),
      'location = "%{ if }": must not contain',
    ],
    [
      'private endpoint resource group',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, resourceGroupName: 'rg\u202e' }),
      'resourceGroupName = "rg\\u202e": a resource group name must be',
    ],
    [
      'private endpoint tags',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, tags: { team: 'soc${var.x}' } }),
      'tags["team"] = "soc${var.x}": must not contain',
    ],
    [
      'private endpoint network interface name',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, networkInterfaceName: 'nic\u001b[31m' }),
      'networkInterfaceName = "nic\uFFFD[31m": must not contain control or invisible characters (found U+001B)',
    ],
    [
      'private endpoint DNS zone group name',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, privateDnsZoneIds: [DNS_ZONE], privateDnsZoneGroupName: '' }),
      'privateDnsZoneGroupName = "": must not be empty',
    ],
    [
      'private endpoint static IP name',
      (n) => n.addPrivateEndpoint('pe', { subnetId: SUBNET, staticIps: [{ privateIpAddress: '10.0.0.4', name: 'ip${var.x}' }] }),
      'staticIps.name = "ip${var.x}": must not contain',
    ],
    [
      'diagnostic setting name',
      (n) => n.addDiagnosticSettings('d', { name: 'diag${var.x}', logAnalyticsWorkspaceId: WORKSPACE }),
      'name = "diag${var.x}": must not contain',
    ],
    [
      'diagnostic workspace ID',
      (n) => n.addDiagnosticSettings('d', { logAnalyticsWorkspaceId: `${WORKSPACE}\u202e` }),
      'must not contain control or invisible characters (found U+202E)',
    ],
    [
      'diagnostic hub name',
      (n) => n.addDiagnosticSettings('d', { eventHubAuthorizationRuleId: WORKSPACE, eventHubName: 'hub${var.x}' }),
      'eventHubName = "hub${var.x}": an event hub name must be',
    ],
    [
      'diagnostic log category',
      (n) => n.addDiagnosticSettings('d', { logAnalyticsWorkspaceId: WORKSPACE, logCategories: ['Ops%{ if }'] }),
      'logCategories = "Ops%{ if }": must not contain',
    ],
    [
      'grant condition',
      (n) => n.grantListen(PRINCIPAL, { condition: "@Resource[name] StringEquals '${var.x}'" }),
      'condition = "@Resource[name] StringEquals \'${var.x}\'": must not contain "${" or "%{"',
    ],
  ])('%s: a value Terraform would evaluate or that hides characters is refused in one line', (_, add, expected) => {
    const lines = refusal((stack) => add(new EventHubNamespace(stack, 'ns', PROPS)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
    expect(lines[0]).not.toMatch(/[\n\u001b\u202e]/);
  });
});
