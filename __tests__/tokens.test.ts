/**
 * Every prop of help/constructs.md's references table, given three ways: a TerraformVariable, another
 * resource's attribute, and a literal. Each synthesizes, and the reference reaches the JSON as written;
 * props that must be known at synth are refused in one line that says so, never with cdktf's placeholder.
 */
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DataAzurermEventhubNamespace } from '@cdktf/provider-azurerm/lib/data-azurerm-eventhub-namespace';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { DefenderConsumer } from '../lib/eventhub/defender-consumer';
import { EventHubNamespace, EventHubNamespaceProps } from '../lib/eventhub/eventhub-namespace';
import { XdrApplication } from '../lib/entra/xdr-application';
import { ScalingAlerts } from '../lib/monitoring/scaling-alerts';
import { InvalidSettingsError } from '../lib/rules/errors';
import { SUBSCRIPTION, TENANT } from './helpers';

type Kind = 'string' | 'number' | 'list' | 'map';
type Source = 'variable' | 'attribute' | 'literal';

const NETWORK = `/subscriptions/${SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network`;
const SUBNET = `${NETWORK}/virtualNetworks/hub/subnets/endpoints`;
const PRINCIPAL = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const BASE: EventHubNamespaceProps = {
  name: 'SCWX-TDR-Namespace-Contoso-eastus',
  resourceGroupName: 'SCWX-TDR-RG',
  location: 'eastus',
  capacity: { tier: 'Standard', throughputUnits: 2 },
};

/** A value of the kind from the source, and the text the synthesized JSON then holds. */
function valueFrom(stack: Construct, kind: Kind, source: Source, literal: unknown): { value: any; expected: string } {
  if (source === 'literal') {
    const shown = {
      string: () => literal,
      number: () => `:${literal}`,
      list: () => (literal as string[])[0],
      map: () => Object.values(literal as object)[0],
    }[kind]();
    return { value: literal, expected: JSON.stringify(shown).slice(1, -1) };
  }
  if (source === 'variable') {
    const type = { string: 'string', number: 'number', list: 'list(string)', map: 'map(string)' }[kind];
    const variable = new TerraformVariable(stack, 'input', { type });
    const value = {
      string: () => variable.stringValue,
      number: () => variable.numberValue,
      list: () => variable.listValue,
      map: () => Token.asStringMap(variable.value),
    }[kind]();
    return { value, expected: 'var.input' };
  }
  const group = new ResourceGroup(stack, 'other', { name: 'rg-other', location: 'eastus' });
  const subnet = new Subnet(stack, 'subnet', {
    name: 'snet',
    resourceGroupName: 'rg',
    virtualNetworkName: 'vnet',
    addressPrefixes: ['10.0.0.0/24'],
  });
  const data = new DataAzurermEventhubNamespace(stack, 'existing', { name: 'existing-namespace', resourceGroupName: 'rg' });
  const value = { string: () => group.name, number: () => data.capacity, list: () => subnet.addressPrefixes, map: () => group.tags }[
    kind
  ]();
  const expected = {
    string: 'azurerm_resource_group.other',
    number: 'data.azurerm_eventhub_namespace.existing',
    list: 'azurerm_subnet.subnet',
    map: 'azurerm_resource_group.other',
  }[kind];
  return { value, expected };
}

interface Row {
  readonly prop: string;
  readonly kind: Kind;
  readonly literal: unknown;
  readonly build: (stack: TerraformStack, value: any) => void;
}

const namespaceWith = (stack: TerraformStack, props: Partial<EventHubNamespaceProps>) =>
  new EventHubNamespace(stack, 'ns', { ...BASE, ...props });

const ROWS: Row[] = [
  { prop: 'EventHubNamespace.name', kind: 'string', literal: 'platform-xdr-namespace', build: (s, name) => namespaceWith(s, { name }) },
  {
    prop: 'capacity.clusterName',
    kind: 'string',
    literal: 'platform-cluster',
    build: (s, clusterName) => namespaceWith(s, { capacity: { tier: 'Dedicated', clusterName } }),
  },
  {
    prop: 'lock.name',
    kind: 'string',
    literal: 'keep-xdr',
    build: (s, name) => namespaceWith(s, { lock: { kind: 'CanNotDelete', name } }),
  },
  {
    prop: 'throughputUnits',
    kind: 'number',
    literal: 3,
    build: (s, throughputUnits) => namespaceWith(s, { capacity: { tier: 'Standard', throughputUnits } }),
  },
  {
    prop: 'autoInflateMaximumThroughputUnits',
    kind: 'number',
    literal: 8,
    build: (s, cap) => namespaceWith(s, { capacity: { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: cap } }),
  },
  {
    prop: 'processingUnits',
    kind: 'number',
    literal: 4,
    build: (s, processingUnits) => namespaceWith(s, { capacity: { tier: 'Premium', processingUnits } }),
  },
  {
    prop: 'allowedIpRanges',
    kind: 'list',
    literal: ['203.0.113.0/24'],
    build: (s, allowedIpRanges) => namespaceWith(s, { allowedIpRanges }),
  },
  {
    prop: 'allowedIpRanges entry',
    kind: 'string',
    literal: '198.51.100.7',
    build: (s, range) => namespaceWith(s, { allowedIpRanges: ['203.0.113.0/24', range] }),
  },
  { prop: 'allowedSubnetIds', kind: 'list', literal: [SUBNET], build: (s, allowedSubnetIds) => namespaceWith(s, { allowedSubnetIds }) },
  {
    prop: 'allowedSubnetIds entry',
    kind: 'string',
    literal: SUBNET,
    build: (s, subnet) => namespaceWith(s, { allowedSubnetIds: [subnet] }),
  },
  {
    prop: 'clusterId',
    kind: 'string',
    literal: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.EventHub/clusters/shared`,
    build: (s, clusterId) => namespaceWith(s, { capacity: { tier: 'Dedicated', clusterId } }),
  },
  { prop: 'tags', kind: 'map', literal: { 'cost-center': '4711' }, build: (s, tags) => namespaceWith(s, { tags }) },
  {
    prop: 'tags value',
    kind: 'string',
    literal: '4711',
    build: (s, value) => namespaceWith(s, { tags: { 'cost-center': value, owner: 'platform' } }),
  },
  {
    prop: 'private endpoint subnetId',
    kind: 'string',
    literal: SUBNET,
    build: (s, subnetId) => namespaceWith(s, {}).addPrivateEndpoint('pe', { subnetId }),
  },
  {
    prop: 'privateDnsZoneIds',
    kind: 'list',
    literal: [`${NETWORK}/privateDnsZones/privatelink.servicebus.windows.net`],
    build: (s, privateDnsZoneIds) => namespaceWith(s, {}).addPrivateEndpoint('pe', { subnetId: SUBNET, privateDnsZoneIds }),
  },
  {
    prop: 'partitionCount',
    kind: 'number',
    literal: 4,
    build: (s, partitionCount) => new DefenderConsumer(s, 'c', { namespace: namespaceWith(s, {}), partitionCount }),
  },
  {
    prop: 'retentionDays',
    kind: 'number',
    literal: 3,
    build: (s, retentionDays) => new DefenderConsumer(s, 'c', { namespace: namespaceWith(s, {}), partitionCount: 4, retentionDays }),
  },
  ...(['eventHubName', 'consumerGroupName', 'listenPolicyName'] as const).map((prop): Row => ({
    prop,
    kind: 'string',
    literal: `unit-a-${prop.toLowerCase()}`,
    build: (s, name) => new DefenderConsumer(s, 'c', { namespace: namespaceWith(s, {}), partitionCount: 4, [prop]: name }),
  })),
  {
    prop: 'tenantId',
    kind: 'string',
    literal: TENANT,
    build: (s, tenantId) => new TerraformOutput(s, 'consent_url', { value: new XdrApplication(s, 'app', { tenantId }).consentUrl }),
  },
  {
    prop: 'displayName',
    kind: 'string',
    literal: 'XDR reader',
    build: (s, displayName) => new XdrApplication(s, 'app', { tenantId: TENANT, displayName }),
  },
  { prop: 'owners', kind: 'list', literal: [PRINCIPAL], build: (s, owners) => new XdrApplication(s, 'app', { tenantId: TENANT, owners }) },
  {
    prop: 'owners entry',
    kind: 'string',
    literal: PRINCIPAL,
    build: (s, owner) => new XdrApplication(s, 'app', { tenantId: TENANT, owners: [owner] }),
  },
  {
    prop: 'application tags',
    kind: 'list',
    literal: ['cost-center=4711'],
    build: (s, tags) => new XdrApplication(s, 'app', { tenantId: TENANT, tags }),
  },
  {
    prop: 'emailAddress',
    kind: 'string',
    literal: 'soc@example.com',
    build: (s, emailAddress) => new ScalingAlerts(s, 'a', { namespace: namespaceWith(s, {}), emailAddress }),
  },
  {
    prop: 'actionGroupIds',
    kind: 'list',
    literal: [`/subscriptions/${SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.Insights/actionGroups/on-call`],
    build: (s, actionGroupIds) =>
      new ScalingAlerts(s, 'a', { namespace: namespaceWith(s, {}), emailAddress: 'soc@example.com', actionGroupIds }),
  },
  {
    prop: 'ScalingAlerts tags',
    kind: 'map',
    literal: { 'cost-center': '4711' },
    build: (s, tags) => new ScalingAlerts(s, 'a', { namespace: namespaceWith(s, {}), emailAddress: 'soc@example.com', tags }),
  },
  {
    prop: 'ScalingAlerts thresholds (throughput units)',
    kind: 'number',
    literal: 6,
    build: (s, throughputUnits) =>
      new ScalingAlerts(s, 'a', {
        namespace: namespaceWith(s, { capacity: { tier: 'Standard', throughputUnits } }),
        emailAddress: 'soc@example.com',
      }),
  },
  {
    prop: 'diagnostic logCategories',
    kind: 'list',
    literal: ['OperationalLogs'],
    build: (s, logCategories) =>
      namespaceWith(s, {}).addDiagnosticSettings('d', { logAnalyticsWorkspaceId: `${NETWORK}/workspaces/logs`, logCategories }),
  },
  {
    prop: 'identity.userAssignedIdentityIds',
    kind: 'list',
    literal: [`/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-xdr`],
    build: (s, userAssignedIdentityIds) => namespaceWith(s, { identity: { userAssignedIdentityIds } }),
  },
  {
    prop: 'private endpoint applicationSecurityGroupIds',
    kind: 'list',
    literal: [`${NETWORK}/applicationSecurityGroups/asg-xdr`],
    build: (s, applicationSecurityGroupIds) =>
      namespaceWith(s, {}).addPrivateEndpoint('pe', { subnetId: SUBNET, applicationSecurityGroupIds }),
  },
  {
    prop: 'grant principalId',
    kind: 'string',
    literal: PRINCIPAL,
    build: (s, principalId) => namespaceWith(s, {}).grantListen(principalId, { id: 'reader' }),
  },
];

describe.each(ROWS)('$prop', (row) => {
  test.each(['variable', 'attribute', 'literal'] as const)('from a %s: synthesizes, and the value reaches the JSON', (source) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const { value, expected } = valueFrom(stack, row.kind, source, row.literal);
    row.build(stack, value);
    const json = Testing.synth(stack);
    const { resource, output } = JSON.parse(json);
    expect(JSON.stringify({ resource, output })).toContain(expected);
  });
});

test('a list that is a reference becomes a for expression or a dynamic block, never .map() over a placeholder', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const ranges = new TerraformVariable(stack, 'ranges', { type: 'list(string)' }).listValue;
  const groups = new TerraformVariable(stack, 'groups', { type: 'list(string)' }).listValue;
  const namespace = namespaceWith(stack, { allowedIpRanges: ranges, allowedSubnetIds: [SUBNET] });
  new ScalingAlerts(stack, 'alerts', { namespace, emailAddress: 'soc@example.com', actionGroupIds: groups });
  const out = JSON.parse(Testing.synth(stack));
  const rules = (Object.values(out.resource.azurerm_eventhub_namespace)[0] as any).network_rulesets[0];
  expect(rules.ip_rule).toBe('${[ for key, val in toset(var.ranges): { ip_mask = val, action = "Allow" }]}');
  expect(rules.virtual_network_rule).toEqual([{ subnet_id: SUBNET, ignore_missing_virtual_network_service_endpoint: false }]);
  const alert = Object.values(out.resource.azurerm_monitor_metric_alert)[0] as any;
  expect(alert.dynamic.action).toEqual({
    for_each: expect.stringMatching(
      /^\$\{toset\(concat\(\[azurerm_monitor_action_group\.alerts_action-group_[0-9A-F]+\.id\], var\.groups\)\)\}$/,
    ),
    iterator: 'each',
    content: { action_group_id: '${each.value}' },
  });
});

/** The lines a construct is refused with. */
function refusal(build: (stack: TerraformStack) => void): string[] {
  try {
    const stack = new TerraformStack(Testing.app(), 'stack');
    build(stack);
    Testing.synth(stack);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a prop that must be known at synth says so, without the placeholder', () => {
  const cases: Array<[string, (stack: TerraformStack) => void, string]> = [
    [
      'capacity.tier',
      (s) =>
        namespaceWith(s, {
          capacity: { tier: new TerraformVariable(s, 'tier', { type: 'string' }).stringValue as 'Standard', throughputUnits: 1 },
        }),
      'EventHubNamespace ns: capacity.tier must be known at synth: a Terraform variable or another resource\'s attribute cannot choose it; give one of "Standard", "Premium", "Dedicated"',
    ],
    [
      'secretRotationDays',
      (s) =>
        new XdrApplication(s, 'app', {
          tenantId: TENANT,
          secretRotationDays: new TerraformVariable(s, 'days', { type: 'number' }).numberValue,
        }),
      "XdrApplication app: secretRotationDays must be known at synth: a Terraform variable or another resource's attribute cannot choose it; give a whole number of days",
    ],
    [
      'windowMinutes',
      (s) =>
        new ScalingAlerts(s, 'a', {
          namespace: namespaceWith(s, {}),
          emailAddress: 'soc@example.com',
          windowMinutes: new TerraformVariable(s, 'w', { type: 'number' }).numberValue,
        }),
      "ScalingAlerts a: windowMinutes must be known at synth: a Terraform variable or another resource's attribute cannot choose it; give one of 1, 5, 15, 30, 60, 360, 720, 1440",
    ],
    [
      'publicNetworkAccess',
      (s) =>
        namespaceWith(s, { publicNetworkAccess: new TerraformVariable(s, 'public', { type: 'bool' }).booleanValue as unknown as boolean }),
      "EventHubNamespace ns: publicNetworkAccess must be known at synth: a Terraform variable or another resource's attribute cannot choose it; give true or false",
    ],
  ];
  test.each(cases)('%s', (_prop, build, line) => {
    const lines = refusal(build);
    expect(lines).toEqual([line]);
    expect(lines.join('\n')).not.toMatch(/TfToken|e\+\d{3}/);
  });
});

describe('every required prop is checked at run time (plain JavaScript, an undefined config value)', () => {
  const loose = (props: object) => props as any;
  test.each([
    [
      'EventHubNamespace without name',
      (s: TerraformStack) => new EventHubNamespace(s, 'ns', loose({ ...BASE, name: undefined })),
      ['EventHubNamespace ns: name is required: the globally unique namespace name, 6-50 letters, digits and hyphens'],
    ],
    [
      'EventHubNamespace without props',
      (s: TerraformStack) => new EventHubNamespace(s, 'ns', loose(undefined as never)),
      expect.arrayContaining([expect.stringMatching(/^EventHubNamespace ns: capacity is required/)]),
    ],
    [
      'DefenderConsumer without partitionCount',
      (s: TerraformStack) => new DefenderConsumer(s, 'c', loose({ namespace: namespaceWith(s, {}) })),
      ['DefenderConsumer c: partitionCount is required: the number of partitions of the hub'],
    ],
    [
      'ScalingAlerts without namespace',
      (s: TerraformStack) => new ScalingAlerts(s, 'a', loose({ emailAddress: 'soc@example.com' })),
      [expect.stringMatching(/^ScalingAlerts a: namespace is required/)],
    ],
    [
      'XdrApplication without tenantId',
      (s: TerraformStack) => new XdrApplication(s, 'app', loose({})),
      [expect.stringMatching(/^XdrApplication app: tenantId is required/)],
    ],
  ])('%s: one line per missing prop', (_name, build, lines) => {
    expect(refusal(build)).toEqual(lines);
  });
});

test('tags from Terraform variables are accepted, and the known parts are still checked', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const costCenter = new TerraformVariable(stack, 'cost_center', { type: 'string' }).stringValue;
  namespaceWith(stack, { tags: { 'cost-center': costCenter } });
  expect(JSON.parse(Testing.synth(stack)).resource.azurerm_eventhub_namespace.ns_namespace_16BD4C6B.tags).toEqual({
    'cost-center': '${var.cost_center}',
  });
  expect(
    refusal((s) =>
      namespaceWith(s, { tags: { 'cost-center': new TerraformVariable(s, 'cc', { type: 'string' }).stringValue, 'a/b': 'x' } }),
    ),
  ).toEqual(['EventHubNamespace ns: tags name = "a/b": must not contain <, >, %, &, \\, ? or /; Azure refuses them in tag names']);
});

test('a managed identity principal from the same stack is granted by reference', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const identity = new UserAssignedIdentity(stack, 'reader', { name: 'id-reader', resourceGroupName: 'rg', location: 'eastus' });
  namespaceWith(stack, {}).grantListen(identity.principalId, { id: 'reader', principalType: 'ServicePrincipal' });
  expect(Testing.synth(stack)).toContain('${azurerm_user_assigned_identity.reader.principal_id}');
});
