/**
 * The package as a platform team gets it: `npm pack` (which builds dist/), the tarball unpacked into
 * a temporary consumer project, and a consumer stack of its own resources that adds EventHubNamespace,
 * DefenderConsumer and XdrApplication. No registry: the consumer's dependencies are symlinks to this
 * repository's node_modules, as an installed project would resolve them.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TENANT = '11111111-2222-3333-4444-555555555555';
const SUBSCRIPTION = '66666666-7777-8888-9999-000000000000';
const READER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** The consumer's own stack, in TypeScript so the package's .d.ts are checked the way a consumer's tsc reads them. */
const CONSUMER_MAIN = `
// TypeScript's CommonJS output keeps statement order: \`before\` is read before the package loads.
import * as fs from 'fs';
const before = fs.readdirSync('.').sort();
import * as xdr from '${PACKAGE.name}';
const providerRoots = Object.keys(require.cache).filter((file) => /[\\\\/]@cdktf[\\\\/]provider-(azurerm|azuread|time)[\\\\/]lib[\\\\/]index\\.js$/.test(file));
const afterImport = fs.readdirSync('.').sort();

import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataAzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/data-azurerm-log-analytics-workspace';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { validateNamespaceProps } from '${PACKAGE.name}/validation';

/** The company's tags on everything: a cost center from a variable, the owner from the resource group. */
function companyTags(scope: Construct, group: ResourceGroup): Record<string, string> {
  const costCenter = new TerraformVariable(scope, 'cost_center', { type: 'string' });
  return { 'cost-center': costCenter.stringValue, owner: 'platform', 'resource-group': group.name };
}

/** The platform team's own stack: its resource group, network and workspace, and two business units' integrations. */
class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const sharedSubscription = new AzurermProvider(this, 'shared', { features: [{}], alias: 'shared', subscriptionId: '${SUBSCRIPTION}' });
    new AzureadProvider(this, 'azuread', { tenantId: '${TENANT}' });
    const group = new ResourceGroup(this, 'platform', { name: 'rg-platform', location: 'westeurope' });
    new StorageAccount(this, 'logs', {
      name: 'platformlogs01', resourceGroupName: group.name, location: group.location, accountTier: 'Standard', accountReplicationType: 'LRS',
    });
    const network = new VirtualNetwork(this, 'network', { name: 'vnet-platform', resourceGroupName: group.name, location: group.location, addressSpace: ['10.20.0.0/16'] });
    const endpoints = new Subnet(this, 'endpoints', { name: 'snet-endpoints', resourceGroupName: group.name, virtualNetworkName: network.name, addressPrefixes: ['10.20.1.0/24'] });
    const workspace = new DataAzurermLogAnalyticsWorkspace(this, 'workspace', { name: 'log-central', resourceGroupName: 'rg-monitoring' });
    const analytics = new UserAssignedIdentity(this, 'analytics', { name: 'id-analytics', resourceGroupName: group.name, location: group.location });
    const partitions = new TerraformVariable(this, 'unit_a_partitions', { type: 'number', default: 4 });
    const xdrRanges = new TerraformVariable(this, 'xdr_egress_ranges', { type: 'list(string)' });
    const onCall = new TerraformVariable(this, 'on_call_action_groups', { type: 'list(string)', default: [] });
    const alertTags = new TerraformVariable(this, 'alert_tags', { type: 'map(string)', default: {} });
    const tags = companyTags(this, group);

    // Business unit A: a namespace of its own, XDR's ranges and the platform's subnet, locked, logged, tagged.
    const capacity: xdr.NamespaceCapacity = { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 };
    const props: xdr.EventHubNamespaceProps = {
      name: 'platform-xdr-namespace', resourceGroupName: group.name, location: group.location, capacity,
      allowedIpRanges: xdrRanges.listValue,
      allowedSubnetIds: ['/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-platform/providers/Microsoft.Network/virtualNetworks/vnet-platform/subnets/snet-workloads'],
      lock: { kind: 'CanNotDelete' },
      tags,
    };
    if (validateNamespaceProps(props).length > 0) throw new Error('invalid props');
    const namespace = new xdr.EventHubNamespace(this, 'xdr-namespace', props);
    namespace.addPrivateEndpoint('private-endpoint', { subnetId: endpoints.id, networkInterfaceName: 'nic-xdr-pe' });
    namespace.addDiagnosticSettings('diagnostics', { logAnalyticsWorkspaceId: workspace.id, logCategories: ['OperationalLogs', 'RuntimeAuditLogs'] });
    const consumer = new xdr.DefenderConsumer(this, 'xdr-consumer', { namespace, partitionCount: partitions.numberValue });
    consumer.grantListen('${READER}');
    namespace.grantListen(analytics.principalId, { id: 'analytics-reader', principalType: 'ServicePrincipal' });
    new xdr.ScalingAlerts(this, 'xdr-alerts', {
      namespace, emailAddress: 'soc@example.com', actionGroupIds: onCall.listValue, tags: Token.asStringMap(alertTags.value), percentOfLimit: 80,
    });

    // Business unit B: the shared namespace another team runs in another subscription, found by its ID.
    const shared = xdr.EventHubNamespace.fromNamespaceId(
      this, 'shared-namespace', '/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shared/providers/Microsoft.EventHub/namespaces/shared-events-ns',
      { tier: 'Premium', processingUnits: 1, provider: sharedSubscription },
    );
    new xdr.DefenderConsumer(this, 'unit-b-consumer', { namespace: shared, partitionCount: 8, eventHubName: 'unit-b-defender' });
    new xdr.ScalingAlerts(this, 'unit-b-alerts', { namespace: shared, emailAddress: 'unit-b@example.com' });

    const application = new xdr.XdrApplication(this, 'xdr-application', { tenantId: '${TENANT}', owners: ['${READER}'], notes: 'platform team' });
    new TerraformOutput(this, 'event_hub_name', { value: consumer.eventHub.name });
    new TerraformOutput(this, 'consent_url', { value: application.consentUrl });
  }
}

const app = new App({ outdir: 'out' });
const stack = new PlatformStack(app, 'platform');
const json = Testing.synth(stack);
const checks = {
  vnetRule: Testing.toHaveResourceWithProperties(json, 'azurerm_eventhub_namespace', { name: 'platform-xdr-namespace', network_rulesets: [{ default_action: 'Deny' }] }),
  privateEndpoint: Testing.toHaveResourceWithProperties(json, 'azurerm_private_endpoint', { private_service_connection: { subresource_names: ['namespace'] } }),
  diagnostics: Testing.toHaveResourceWithProperties(json, 'azurerm_monitor_diagnostic_setting', { enabled_log: [{ category: 'OperationalLogs' }, { category: 'RuntimeAuditLogs' }] }),
  lock: Testing.toHaveResourceWithProperties(json, 'azurerm_management_lock', { lock_level: 'CanNotDelete' }),
  existing: Testing.toHaveDataSourceWithProperties(json, 'azurerm_eventhub_namespace', { name: 'shared-events-ns', provider: 'azurerm.shared' }),
  trustedServices: Testing.toHaveResourceWithProperties(json, 'azurerm_eventhub_namespace', { network_rulesets: [{ trusted_service_access_enabled: true }] }),
  tagsFromVariables: Testing.toHaveResourceWithProperties(json, 'azurerm_eventhub_namespace', { tags: { 'cost-center': '\${var.cost_center}' } }),
  partitionsFromVariable: Testing.toHaveResourceWithProperties(json, 'azurerm_eventhub', { partition_count: '\${var.unit_a_partitions}' }),
};
app.synth();
console.log(JSON.stringify({ providerRoots, before, afterImport, checks }));
`;

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

function link(consumer: string, dependency: string): void {
  const target = path.join(consumer, 'node_modules', dependency);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules', dependency), target, 'junction');
}

describe('the packed package in a consumer project', () => {
  let work: string;
  let tarball: string[];
  let report: { providerRoots: string[]; before: string[]; afterImport: string[]; checks: Record<string, boolean> };
  const consumerSource = CONSUMER_MAIN;
  let synthesized: any;
  let stdout: string[];

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'xdr-pack-'));
    run('npm', ['pack', '--pack-destination', work, '--offline', '--silent'], ROOT);
    const file = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (file === undefined) throw new Error('npm pack wrote no tarball');

    const consumer = path.join(work, 'consumer');
    const installed = path.join(consumer, 'node_modules', PACKAGE.name);
    mkdirSync(installed, { recursive: true });
    tarball = run('tar', ['-tzf', path.join(work, file)], work)
      .trim()
      .split('\n')
      .sort();
    run('tar', ['-xzf', path.join(work, file), '-C', installed, '--strip-components=1'], work);
    const needed = [...Object.keys(PACKAGE.dependencies ?? {}), ...Object.keys(PACKAGE.peerDependencies ?? {}), '@types/node'];
    for (const dependency of needed) link(consumer, dependency);

    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    writeFileSync(path.join(consumer, 'main.ts'), CONSUMER_MAIN);
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2020',
          // node16 resolution honours the package's exports map, as a current consumer's does.
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          exactOptionalPropertyTypes: true,
          noImplicitAny: true,
          skipLibCheck: true,
          types: ['node'],
          outDir: 'build',
        },
        files: ['main.ts'],
      }),
    );
    run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], consumer);
    stdout = run(process.execPath, ['build/main.js'], consumer).trim().split('\n');
    report = JSON.parse(stdout[stdout.length - 1]);
    synthesized = JSON.parse(readFileSync(path.join(consumer, 'out/stacks/platform/cdk.tf.json'), 'utf8'));
  }, 180_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('the tarball holds the compiled entry with its types, and no sources or tests', () => {
    expect(tarball).toEqual(expect.arrayContaining(['package/package.json', 'package/dist/index.js', 'package/dist/index.d.ts']));
    expect(
      tarball.filter((f) => !/^package\/(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE|help\/(library|constructs)\.md)$/.test(f)),
    ).toEqual([]);
    expect(tarball).toEqual(expect.arrayContaining(['package/LICENSE', 'package/help/library.md', 'package/dist/validation.d.ts']));
  });

  test('importing it loads no provider package root, and writes and prints nothing', () => {
    expect(report.providerRoots).toEqual([]);
    expect(report.afterImport).toEqual(report.before);
    expect(stdout).toHaveLength(1);
  });

  test("the consumer's stack holds its own resources and the package's, side by side, without an override or a cast", () => {
    expect(Object.keys(synthesized.resource).sort()).toEqual([
      'azuread_application',
      'azuread_application_password',
      'azuread_service_principal',
      'azurerm_eventhub',
      'azurerm_eventhub_authorization_rule',
      'azurerm_eventhub_consumer_group',
      'azurerm_eventhub_namespace',
      'azurerm_management_lock',
      'azurerm_monitor_action_group',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_monitor_metric_alert',
      'azurerm_private_endpoint',
      'azurerm_resource_group',
      'azurerm_role_assignment',
      'azurerm_storage_account',
      'azurerm_subnet',
      'azurerm_user_assigned_identity',
      'azurerm_virtual_network',
      'terraform_data',
    ]);
    expect(Object.keys(synthesized.resource.azurerm_eventhub)).toHaveLength(2);
    const namespace = Object.values(synthesized.resource.azurerm_eventhub_namespace)[0] as any;
    expect(namespace).toMatchObject({
      name: 'platform-xdr-namespace',
      resource_group_name: '${azurerm_resource_group.platform.name}',
      maximum_throughput_units: 4,
    });
    expect(Object.keys(synthesized.provider).sort()).toEqual(['azuread', 'azurerm', 'time']);
    expect(synthesized.provider.azurerm).toHaveLength(2);
    expect(
      Object.values(synthesized.resource.azurerm_eventhub)
        .map((hub: any) => hub.provider ?? 'default')
        .sort(),
    ).toEqual(['azurerm.shared', 'default']);
    const lock = Object.values(synthesized.resource.azurerm_management_lock)[0] as any;
    expect(lock.depends_on.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(synthesized.output).sort()).toEqual(['consent_url', 'event_hub_name']);
    // No escape hatch, no cast, no any (imports use lower-case names: `import * as xdr`).
    expect(consumerSource).not.toMatch(/addOverride|\bas (unknown|any)\b|\bas [A-Z{]|<any>|:\s*any\b/);
  });

  test("cdktf's Testing matchers, called by the consumer, find each feature", () => {
    expect(report.checks).toEqual({
      vnetRule: true,
      privateEndpoint: true,
      diagnostics: true,
      lock: true,
      existing: true,
      trustedServices: true,
      tagsFromVariables: true,
      partitionsFromVariable: true,
    });
  });

  test("the consumer's synthesized stack, as a snapshot", () => {
    const { terraform: _terraform, ...stack } = synthesized;
    expect(stack).toMatchSnapshot();
  });
});
