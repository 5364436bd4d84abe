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

/** The consumer's own stack, in TypeScript so the package's .d.ts are checked the way a consumer's tsc reads them. */
const CONSUMER_MAIN = `
// TypeScript's CommonJS output keeps statement order: \`before\` is read before the package loads.
import * as fs from 'fs';
const before = fs.readdirSync('.').sort();
import * as xdr from '${PACKAGE.name}';
const providerRoots = Object.keys(require.cache).filter((file) => /[\\\\/]@cdktf[\\\\/]provider-(azurerm|azuread|time)[\\\\/]lib[\\\\/]index\\.js$/.test(file));
const afterImport = fs.readdirSync('.').sort();

import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new AzureadProvider(this, 'azuread', { tenantId: '${TENANT}' });
    const group = new ResourceGroup(this, 'platform', { name: 'rg-platform', location: 'westeurope' });
    new StorageAccount(this, 'logs', {
      name: 'platformlogs01', resourceGroupName: group.name, location: group.location, accountTier: 'Standard', accountReplicationType: 'LRS',
    });
    const capacity: xdr.NamespaceCapacity = { tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 };
    const namespace = new xdr.EventHubNamespace(this, 'xdr-namespace', {
      name: 'platform-xdr-namespace', resourceGroupName: group.name, location: group.location, capacity,
    });
    const consumer = new xdr.DefenderConsumer(this, 'xdr-consumer', { namespace, partitionCount: 4 });
    const application = new xdr.XdrApplication(this, 'xdr-application', { tenantId: '${TENANT}' });
    new TerraformOutput(this, 'event_hub_name', { value: consumer.eventHub.name });
    new TerraformOutput(this, 'consent_url', { value: application.consentUrl });
  }
}

const app = new App({ outdir: 'out' });
new PlatformStack(app, 'platform');
app.synth();
console.log(JSON.stringify({ providerRoots, before, afterImport }));
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
  let report: { providerRoots: string[]; before: string[]; afterImport: string[] };
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
        compilerOptions: { target: 'ES2020', module: 'commonjs', strict: true, skipLibCheck: true, types: ['node'], outDir: 'build' },
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
    expect(tarball.filter((f) => !/^package\/(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(f))).toEqual([]);
  });

  test('importing it loads no provider package root, and writes and prints nothing', () => {
    expect(report.providerRoots).toEqual([]);
    expect(report.afterImport).toEqual(report.before);
    expect(stdout).toHaveLength(1);
  });

  test("the consumer's stack holds its own resources and the package's, side by side", () => {
    expect(Object.keys(synthesized.resource).sort()).toEqual([
      'azuread_application',
      'azuread_application_password',
      'azuread_service_principal',
      'azurerm_eventhub',
      'azurerm_eventhub_authorization_rule',
      'azurerm_eventhub_consumer_group',
      'azurerm_eventhub_namespace',
      'azurerm_resource_group',
      'azurerm_storage_account',
      'time_rotating',
    ]);
    const namespace = Object.values(synthesized.resource.azurerm_eventhub_namespace)[0] as any;
    expect(namespace).toMatchObject({
      name: 'platform-xdr-namespace',
      resource_group_name: '${azurerm_resource_group.platform.name}',
      maximum_throughput_units: 4,
    });
    expect(Object.keys(synthesized.provider).sort()).toEqual(['azuread', 'azurerm', 'time']);
    expect(Object.keys(synthesized.output).sort()).toEqual(['consent_url', 'event_hub_name']);
  });
});
