/**
 * What importing the library costs: the package root loads no guide-app dependency (HCL parser, CLI,
 * string distance) and no provider module of an optional feature; the guide app's synth loads none of
 * them either. Each case runs in a fresh node process, whose require.cache is the evidence.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** The Azure SDK: only npm run preflight, health and size -- --from-metrics load it (lib/azure/checks/clients.ts). */
const AZURE_SDK = /[\\/]node_modules[\\/]@azure[\\/]/;
/** Modules only the guide app and its CLIs need. */
const GUIDE_ONLY = /[\\/]node_modules[\\/](@cdktf[\\/]hcl2json|commander|fastest-levenshtein)[\\/]/;
/** Provider modules of the features a stack opts into (lib/azure/load.ts loads them on first use). */
const OPTIONAL_FEATURES =
  /[\\/]provider-azurerm[\\/]lib[\\/](management-lock|role-assignment|monitor-diagnostic-setting|private-endpoint|data-azurerm-eventhub-namespace|eventhub-cluster|monitor-action-group|monitor-metric-alert)[\\/]/;

/** What a script printed last, as JSON; it runs in a fresh `node -r sucrase/register` process. */
function report(script: string): any {
  const result = spawnSync(process.execPath, ['-r', 'sucrase/register', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string);
}

const features = (files: string[]) => files.filter((file) => OPTIONAL_FEATURES.test(file)).map((file) => path.basename(path.dirname(file)));

test('importing the package root loads no guide-app dependency, no guide module and no optional feature; the checks load the Azure SDK only to make clients', () => {
  const [loaded, checksImported, clientsMade]: string[][] = report(`
    require('./lib/index.ts');
    const loaded = Object.keys(require.cache);
    const checks = require('./lib/azure/checks/index.ts');
    const imported = Object.keys(require.cache);
    checks.createAzureClients({ getToken: async () => null }, 'subscription');
    console.log(JSON.stringify([loaded, imported, Object.keys(require.cache)]));
  `);
  expect(
    loaded.filter(
      (file) => GUIDE_ONLY.test(file) || AZURE_SDK.test(file) || OPTIONAL_FEATURES.test(file) || /[\\/]lib[\\/]guide[\\/]/.test(file),
    ),
  ).toEqual([]);
  // The check can fail: the constructs' own provider modules are there.
  expect(loaded.some((file) => /[\\/]provider-azurerm[\\/]lib[\\/]eventhub-namespace[\\/]/.test(file))).toBe(true);
  expect(checksImported.filter((file) => AZURE_SDK.test(file))).toEqual([]);
  expect(clientsMade.some((file) => /[\\/]@azure[\\/]arm-eventhub[\\/]/.test(file))).toBe(true);
});

test("the guide app's synth loads no optional feature's provider module; using a feature loads its own", () => {
  const [afterGuide, afterLock]: string[][] = report(`
    const { Testing } = require('cdktf');
    const { DefenderIntegrationStack, GUIDE_DEFAULTS } = require('./lib/guide/index.ts');
    const { EventHubNamespace } = require('./lib/index.ts');
    const ids = { azure_tenant_id: '11111111-2222-3333-4444-555555555555', azure_subscription_id: '66666666-7777-8888-9999-000000000000' };
    Testing.synth(new DefenderIntegrationStack(Testing.app(), 'defender-integration', { variables: { ...GUIDE_DEFAULTS, ...ids } }));
    const afterGuide = Object.keys(require.cache);
    Testing.synthScope((stack) => {
      const capacity = { tier: 'Premium', processingUnits: 1 };
      new EventHubNamespace(stack, 'ns', { name: 'platform-xdr', resourceGroupName: 'rg', location: 'eastus', capacity, lock: { kind: 'CanNotDelete' } });
    });
    console.log(JSON.stringify([afterGuide, Object.keys(require.cache)]));
  `);
  expect(features(afterGuide)).toEqual([]);
  expect(features(afterLock)).toEqual(['management-lock']);
  expect(afterLock.filter((file) => AZURE_SDK.test(file))).toEqual([]);
});
