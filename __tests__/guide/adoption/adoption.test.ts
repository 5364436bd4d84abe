import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { NOT_IMPORTED } from '../../../lib/guide/adoption/adoption';
import { checkAdoptionTarget, checkTerraformForAdoption } from '../../../lib/guide/adoption/preflight';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { DEDICATED, PREMIUM, REPLACEMENT, SUBSCRIPTION, TENANT, guideVariables, onlyResource, synthDefender } from '../../helpers';

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

  test('every import targets a resource of this stack, and only the secrets and their issue records are not imported', () => {
    const out = synthDefender({}, ADOPT);
    const addresses = Object.entries(out.resource).flatMap(([type, byName]) =>
      Object.keys(byName as object).map((name) => `${type}.${name}`),
    );
    const targets = out.import.map((block: any) => block.to);
    expect(addresses).toEqual(expect.arrayContaining(targets));
    const notImported = new Set(addresses.filter((a) => !targets.includes(a)).map((a) => a.split('.')[0]));
    expect([...notImported].sort()).toEqual(NOT_IMPORTED.map((n) => n.resourceType).sort());
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

  test('a replacement the zip created (XDR_ADOPT_REPLACEMENT) imports only its own event hub resources: the resource group is read and the application is not in it', () => {
    const imports = importsByType(synthDefender(REPLACEMENT, { ...ADOPT, adoptReplacement: true }));
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

describe('adoption edges', () => {
  test('adopting a replacement is refused at synth, in one line naming the setting, unless XDR_ADOPT_REPLACEMENT confirms it', () => {
    expect(() => synthDefender(REPLACEMENT, ADOPT)).toThrow(
      /^defender-integration: XDR_ADOPT_EXISTING = "true": imports live resources, and with replacement_eventhub = true the namespace of client_name "CustomerName2" is normally new: remove adopt_existing from xdr\.tfvars \(or unset XDR_ADOPT_EXISTING\), or add adopt_replacement = true to it \(XDR_ADOPT_REPLACEMENT=true for one command\) if the guide's zip already created this replacement$/,
    );
    expect(checkAdoptionTarget(guideVariables(), undefined)).toBeUndefined();
    expect(checkAdoptionTarget(guideVariables(REPLACEMENT), true)).toBeUndefined();
  });

  test('XDR_ADOPT_REPLACEMENT is read only together with XDR_ADOPT_EXISTING', () => {
    expect(readDeploymentSettings({ XDR_ADOPT_REPLACEMENT: 'true' }).errors).toEqual([
      'environment: XDR_ADOPT_REPLACEMENT = "true": is read only together with XDR_ADOPT_EXISTING=true (adopt_existing = true in the settings file)',
    ]);
    expect(readDeploymentSettings({ XDR_ADOPT_EXISTING: '1', XDR_ADOPT_REPLACEMENT: 'yes' }).settings).toMatchObject({
      adoptReplacement: true,
    });
  });

  test('the resource group keeps the region it lives in: location is ignored, so an adopted group elsewhere is not replaced', () => {
    // azurerm 4.55.0 commonschema.Location() is ForceNew: without this a group in another region than
    // azure_region would be planned for replacement, with everything in it
    for (const settings of [DEFAULT_SETTINGS, ADOPT]) {
      expect(onlyResource(synthDefender({}, settings), 'azurerm_resource_group').lifecycle).toEqual({ ignore_changes: ['location'] });
    }
  });

  describe('Terraform for adoption', () => {
    const version = (output: string) => () => output;
    test.each([
      ['Terraform v1.6.0\non linux_amd64', undefined],
      ['Terraform v1.11.4', undefined],
      ['Terraform v2.0.0', undefined],
    ])('%j is enough', (output, expected) => {
      expect(checkTerraformForAdoption('terraform', version(output))).toBe(expected);
    });

    test('an older Terraform is named, with what is needed', () => {
      expect(checkTerraformForAdoption('terraform', version('Terraform v1.5.7'))).toBe(
        'XDR_ADOPT_EXISTING = "true": adoption needs Terraform 1.6.0 or later on the PATH (its import blocks look up IDs while planning), but terraform is 1.5.7; upgrade Terraform',
      );
    });

    test('no terraform on the PATH is one line, not a stack trace', () => {
      const missing = () => {
        throw Object.assign(new Error('spawnSync terraform ENOENT'), { code: 'ENOENT' });
      };
      expect(checkTerraformForAdoption('terraform', missing)).toBe(
        'XDR_ADOPT_EXISTING = "true": adoption needs Terraform 1.6.0 or later on the PATH (its import blocks look up IDs while planning), but no "terraform" found; install Terraform (Azure Cloud Shell has it)',
      );
    });

    test('the real command: a fake terraform on PATH is asked for its version', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-terraform-'));
      const fake = path.join(dir, 'terraform');
      fs.writeFileSync(fake, '#!/bin/sh\necho "Terraform v1.5.2"\n', { mode: 0o755 });
      try {
        expect(checkTerraformForAdoption(fake)).toMatch(/but .*terraform is 1\.5\.2; upgrade Terraform$/);
        expect(checkTerraformForAdoption(path.join(dir, 'absent'))).toMatch(/but no ".*absent" found;/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
