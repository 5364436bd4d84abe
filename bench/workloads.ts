/**
 * What the benchmark runs besides the project itself: the floor and the baseline programs (one
 * description of the guide's resources, written out with two import styles) and generated tenants.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';

/** [class, provider package, module file] for every provider class the two stacks use. */
const CLASSES: ReadonlyArray<readonly [string, 'azurerm' | 'azuread' | 'time', string]> = [
  ['AzurermProvider', 'azurerm', 'provider'],
  ['ResourceGroup', 'azurerm', 'resource-group'],
  ['EventhubNamespace', 'azurerm', 'eventhub-namespace'],
  ['Eventhub', 'azurerm', 'eventhub'],
  ['EventhubConsumerGroup', 'azurerm', 'eventhub-consumer-group'],
  ['EventhubAuthorizationRule', 'azurerm', 'eventhub-authorization-rule'],
  ['AzureadProvider', 'azuread', 'provider'],
  ['Application', 'azuread', 'application'],
  ['ServicePrincipal', 'azuread', 'service-principal'],
  ['ApplicationPasswordA', 'azuread', 'application-password'],
  ['TimeProvider', 'time', 'provider'],
];

const PACKAGE_PREFIX = '@cdktf/provider-';
const GUID = '00000000-0000-0000-0000-000000000000';

/**
 * The resources the project synthesizes for the shipped terraform.tfvars, with no validation, no
 * config layer and no constructs of ours, once per tenant (stack names prefixed as the project
 * prefixes them). Valid as JavaScript and as strict TypeScript.
 */
function body(tenants: number): string {
  const prefixes = tenants === 1 ? [''] : Array.from({ length: tenants }, (_, i) => `tenant${i + 1}-`);
  return `
const app = new App();
for (const prefix of ${JSON.stringify(prefixes)}) {
const main = new TerraformStack(app, prefix + 'defender-integration');
new LocalBackend(main, { path: '../../../terraform.' + prefix + 'defender-integration.tfstate' });
new AzurermProvider(main, 'azurerm', {
  features: [{}], subscriptionId: '${GUID}', resourceProviderRegistrations: 'none', resourceProvidersToRegister: ['Microsoft.EventHub', 'microsoft.insights'],
});
const group = new ResourceGroup(main, 'resource-group', { name: 'SCWX-TDR-RG', location: 'eastus', lifecycle: { ignoreChanges: ['location'] } });
const namespace = new EventhubNamespace(main, 'namespace', {
  name: 'SCWX-TDR-Namespace-CustomerName-eastus', location: 'eastus', resourceGroupName: group.name, sku: 'Standard',
  capacity: 2, autoInflateEnabled: true, maximumThroughputUnits: 4, minimumTlsVersion: '1.2',
  localAuthenticationEnabled: true, lifecycle: { preventDestroy: true, ignoreChanges: ['capacity'] },
});
const hub = new Eventhub(main, 'event-hub', { name: 'SCWX-TDR-EventHub', namespaceId: namespace.id, partitionCount: 4, messageRetention: 1 });
const onHub = { eventhubName: hub.name, namespaceName: namespace.name, resourceGroupName: group.name };
const consumerGroup = new EventhubConsumerGroup(main, 'consumer-group', { ...onHub, name: 'SCWX-TDR-ConsumerGroup' });
const policy = new EventhubAuthorizationRule(main, 'listen-policy', { ...onHub, name: 'SCWX-TDR-ListenPolicy', listen: true, send: false, manage: false });
new TerraformOutput(main, 'event_hub_namespace_name', { value: namespace.name });
new TerraformOutput(main, 'event_hub_namespace_resource_id', { value: namespace.id });
new TerraformOutput(main, 'event_hub_name', { value: hub.name });
new TerraformOutput(main, 'consumer_group_name', { value: consumerGroup.name });
new TerraformOutput(main, 'shared_access_policy_name', { value: policy.name });
new TerraformOutput(main, 'shared_access_policy_key', { value: policy.primaryKey, sensitive: true });
// the application, in the one stack the shipped settings synthesize (repopulate-application is opt-in)
new AzureadProvider(main, 'azuread', { tenantId: '${GUID}' });
new TimeProvider(main, 'time');
const application = new Application(main, 'application', {
  displayName: 'SCWX-TDR-MDATP-APP', signInAudience: 'AzureADMyOrg',
  requiredResourceAccess: [{ resourceAppId: 'fc780465-2017-40d4-a0c5-307022471b92', resourceAccess: [
    { id: '71fe6b80-7034-4028-9ed8-0f316df9c3ff', type: 'Role' }, { id: 'ea8291d3-4b9a-44b5-bc3a-6cea3026dc79', type: 'Role' },
  ] }],
});
new ServicePrincipal(main, 'service-principal', { clientId: application.clientId });
const secrets = ['secret', 'second-secret'].map((id) => {
  const issue = new TerraformResource(main, id + '-issue', { terraformResourceType: 'terraform_data' });
  issue.addOverride('input', { generation: 0 });
  return new ApplicationPasswordA(main, id, {
    applicationId: application.id, displayName: 'XDR integration', endDate: '\${timeadd(plantimestamp(), "7200h")}',
    lifecycle: { ignoreChanges: ['end_date', 'rotate_when_changed'], replaceTriggeredBy: ['terraform_data.' + issue.friendlyUniqueId] },
  });
});
new TerraformOutput(main, 'azure_consent_url', { value: 'https://login.microsoftonline.com/${GUID}/adminconsent?client_id=' + application.clientId });
new TerraformOutput(main, 'tenant_id', { value: '${GUID}' });
new TerraformOutput(main, 'client_id', { value: application.clientId });
new TerraformOutput(main, 'client_secret', { value: secrets[0].value, sensitive: true });
new TerraformOutput(main, 'client_secret_expires_at', { value: secrets[0].endDate });
new TerraformOutput(main, 'client_secret_key_id', { value: secrets[0].keyId });
new TerraformOutput(main, 'client_secret_rotate_by', { value: '\${timeadd(' + secrets[0].fqn + '.start_date, "4320h")}' });
new TerraformOutput(main, 'previous_client_secret_expires_at', { value: secrets[1].endDate });
new TerraformOutput(main, 'previous_client_secret_key_id', { value: secrets[1].keyId });
new TerraformOutput(main, 'secret_generation', { value: 0 });
main.addOverride('terraform.required_version', '>= 1.6.0');
}
app.synth();
`;
}

function camelCase(moduleFile: string): string {
  return moduleFile.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Links the project's node_modules so generated programs resolve the same package versions. */
function linkModules(dir: string, projectRoot: string): void {
  mkdirSync(dir, { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/**
 * The floor: plain JavaScript, deep imports of only the modules used, run by node itself. With more
 * than one tenant it shows what cdktf alone costs per added pair of stacks.
 */
export function writeFloor(dir: string, projectRoot: string, tenants = 1): string {
  if (!existsSync(path.join(dir, 'node_modules'))) linkModules(dir, projectRoot);
  const imports = CLASSES.map(([name, pkg, file]) => `const { ${name} } = require('${PACKAGE_PREFIX}${pkg}/lib/${file}');`);
  const file = `floor-${tenants}.js`;
  writeFileSync(
    path.join(dir, file),
    [
      "'use strict';",
      "const { App, LocalBackend, TerraformOutput, TerraformResource, TerraformStack } = require('cdktf');",
      ...imports,
      body(tenants),
    ].join('\n'),
  );
  return `node ${file}`;
}

/**
 * The baseline: the same program as a plain `cdktf init --template=typescript` project writes it,
 * importing from the provider package roots and run by type-checking ts-node. Generated here and
 * only into a temporary folder: the repository itself never holds a root import.
 */
export function writeBaseline(dir: string, projectRoot: string): string {
  linkModules(dir, projectRoot);
  const packages = [...new Set(CLASSES.map(([, pkg]) => pkg))];
  const imports = [
    "import { App, LocalBackend, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';",
    ...packages.map((pkg) => `import * as ${pkg} from '${PACKAGE_PREFIX}${pkg}';`),
    ...CLASSES.map(([name, pkg, file]) => `const ${name} = ${pkg}.${camelCase(file)}.${name};`),
  ];
  writeFileSync(path.join(dir, 'main.ts'), [...imports, body(1)].join('\n'));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2018',
          module: 'CommonJS',
          lib: ['es2018'],
          strict: true,
          declaration: true,
          esModuleInterop: true,
          experimentalDecorators: true,
          inlineSourceMap: true,
          inlineSources: true,
          skipLibCheck: true,
          incremental: true,
        },
        include: ['**/*.ts'],
        exclude: ['node_modules', 'cdktf.out'],
      },
      null,
      2,
    ),
  );
  return 'npx ts-node main.ts';
}

/** `count` valid, mutually compatible tenant files (one subscription each), tiers mixed. */
export function writeTenants(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const id = `00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`;
    const premium = i % 3 === 0;
    writeFileSync(
      path.join(dir, `tenant${String(i).padStart(3, '0')}.tfvars`),
      [
        `client_name = "Tenant${i}"`,
        `azure_region = "${i % 2 === 0 ? 'westeurope' : 'eastus'}"`,
        `azure_tenant_id = "${id}"`,
        `azure_subscription_id = "${id}"`,
        `eventhub_tier = "${premium ? 'Premium' : 'Standard'}"`,
        premium ? 'eventhub_processing_units = 2' : 'eventhub_throughput_allocated = 2',
        '',
      ].join('\n'),
    );
  }
}
