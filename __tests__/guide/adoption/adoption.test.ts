import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { NOT_IMPORTED } from '../../../lib/guide/adoption/adoption';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { DEDICATED, PREMIUM, REPLACEMENT, SUBSCRIPTION, TENANT, guideVariables, synthDefender } from '../../helpers';

const ADOPT: DeploymentSettings = { ...DEFAULT_SETTINGS, adoptExisting: true };
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/SCWX-TDR-RG`;
const NS = `${RG}/providers/Microsoft.EventHub/namespaces/SCWX-TDR-Namespace-CustomerName-eastus`;
const HUB = `${NS}/eventhubs/SCWX-TDR-EventHub`;

/** Import blocks keyed by resource type; fails when a type is imported twice. */
function importsByType(out: any): Record<string, string> {
  const byType: Record<string, string> = {};
  for (const block of out.import ?? []) {
    const type = block.to.split('.')[0];
    if (byType[type] !== undefined) throw new Error(`${type} imported twice`);
    byType[type] = block.id;
  }
  return byType;
}

describe('adoption off (the default)', () => {
  test('no import block and no lookup data source', () => {
    const out = synthDefender();
    expect(out.import).toBeUndefined();
    expect(out.data?.azuread_application).toBeUndefined();
  });
});

describe('adopting a guide deployment (XDR_ADOPT_EXISTING)', () => {
  test('Standard: the resource group, namespace, hub, consumer group, listen policy, application and principal', () => {
    const out = synthDefender({}, ADOPT);
    const app = Object.keys(out.data.azuread_application)[0];
    const principal = Object.keys(out.data.azuread_service_principal)[0];
    expect(importsByType(out)).toEqual({
      azurerm_resource_group: RG,
      azurerm_eventhub_namespace: NS,
      azurerm_eventhub: HUB,
      azurerm_eventhub_consumer_group: `${HUB}/consumerGroups/SCWX-TDR-ConsumerGroup`,
      azurerm_eventhub_authorization_rule: `${HUB}/authorizationRules/SCWX-TDR-ListenPolicy`,
      azuread_application: `/applications/\${data.azuread_application.${app}.object_id}`,
      azuread_service_principal: `/servicePrincipals/\${data.azuread_service_principal.${principal}.object_id}`,
    });
  });

  test("the application is looked up by the guide's display name, the principal by its client ID", () => {
    const out = synthDefender({}, ADOPT);
    const [[app, lookup]] = Object.entries(out.data.azuread_application) as [string, any][];
    expect(lookup).toEqual({ display_name: 'SCWX-TDR-MDATP-APP' });
    expect(Object.values(out.data.azuread_service_principal)).toEqual([{ client_id: `\${data.azuread_application.${app}.client_id}` }]);
  });

  test('every import targets a resource of this stack, and only the secret and its timer are not imported', () => {
    const out = synthDefender({}, ADOPT);
    const addresses = Object.entries(out.resource).flatMap(([type, byName]) =>
      Object.keys(byName as object).map((name) => `${type}.${name}`),
    );
    const targets = out.import.map((block: any) => block.to);
    expect(addresses).toEqual(expect.arrayContaining(targets));
    const notImported = addresses
      .filter((a) => !targets.includes(a))
      .map((a) => a.split('.')[0])
      .sort();
    expect(notImported).toEqual(NOT_IMPORTED.map((n) => n.resourceType).sort());
  });

  test('each import ID ends in the name the resource is configured with', () => {
    const out = synthDefender({ client_name: 'Contoso', azure_region: 'westeurope', resource_group_name: 'rg-xdr' }, ADOPT);
    for (const block of out.import.filter((b: any) => b.to.startsWith('azurerm_'))) {
      const [type, name] = block.to.split('.');
      expect(block.id.split('/').pop()).toBe(out.resource[type][name].name);
    }
  });

  test('Premium imports the same resources as Standard', () => {
    expect(importsByType(synthDefender(PREMIUM, ADOPT))).toEqual(importsByType(synthDefender({}, ADOPT)));
  });

  test('dedicated also imports the cluster', () => {
    expect(importsByType(synthDefender(DEDICATED, ADOPT)).azurerm_eventhub_cluster).toBe(
      `${RG}/providers/Microsoft.EventHub/clusters/SCWX-TDR-Cluster-CustomerName-eastus`,
    );
  });

  test('a replacement imports only its own event hub resources: the resource group is read and the application is not in it', () => {
    const imports = importsByType(synthDefender(REPLACEMENT, ADOPT));
    const ns = `${RG}/providers/Microsoft.EventHub/namespaces/SCWX-TDR-Namespace-CustomerName2-eastus`;
    expect(imports).toEqual({
      azurerm_eventhub_namespace: ns,
      azurerm_eventhub: `${ns}/eventhubs/SCWX-TDR-EventHub`,
      azurerm_eventhub_consumer_group: `${ns}/eventhubs/SCWX-TDR-EventHub/consumerGroups/SCWX-TDR-ConsumerGroup`,
      azurerm_eventhub_authorization_rule: `${ns}/eventhubs/SCWX-TDR-EventHub/authorizationRules/SCWX-TDR-ListenPolicy`,
    });
  });

  test('XDR_ADOPT_APPLICATION_OBJECT_ID picks one application by object ID instead of by name', () => {
    const objectId = '6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f';
    const out = synthDefender({}, { ...ADOPT, adoptApplicationObjectId: objectId });
    expect(importsByType(out).azuread_application).toBe(`/applications/${objectId}`);
    expect(Object.values(out.data.azuread_application)).toEqual([{ object_id: objectId }]);
  });

  test('the repopulate-application stack never adopts: the application has one owner, defender-integration', () => {
    const out = JSON.parse(
      Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT, settings: ADOPT })),
    );
    expect(out.import).toBeUndefined();
  });

  test('cdktf writes the import blocks at the top level of cdk.tf.json', () => {
    const stack = new DefenderIntegrationStack(Testing.app(), 'defender-integration', { variables: guideVariables(), settings: ADOPT });
    const outdir = Testing.fullSynth(stack);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'defender-integration', 'cdk.tf.json'), 'utf8'));
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(written.import).toHaveLength(7);
    expect(written.import[0]).toEqual({ id: RG, to: 'azurerm_resource_group.resource-group' });
  });
});

describe('adoption settings', () => {
  test('XDR_ADOPT_EXISTING turns adoption on, XDR_ADOPT_APPLICATION_OBJECT_ID names the application', () => {
    const read = readDeploymentSettings({
      XDR_ADOPT_EXISTING: 'true',
      XDR_ADOPT_APPLICATION_OBJECT_ID: '6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f',
    });
    expect(read.settings).toMatchObject({ adoptExisting: true, adoptApplicationObjectId: '6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f' });
  });

  test.each([
    [
      { XDR_ADOPT_EXISTING: 'true', XDR_ADOPT_APPLICATION_OBJECT_ID: 'SCWX-TDR-MDATP-APP' },
      'XDR_ADOPT_APPLICATION_OBJECT_ID = "SCWX-TDR-MDATP-APP": must be a GUID',
    ],
    [
      { XDR_ADOPT_APPLICATION_OBJECT_ID: '6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f' },
      'XDR_ADOPT_APPLICATION_OBJECT_ID = "6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f": is read only together with XDR_ADOPT_EXISTING=true',
    ],
  ])('%j is refused', (env, message) => {
    const read = readDeploymentSettings(env);
    expect(read.settings).toBeUndefined();
    expect(read.errors).toEqual([expect.stringContaining(message)]);
  });
});
