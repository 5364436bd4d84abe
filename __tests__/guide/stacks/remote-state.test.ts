import { TerraformStack, Testing } from 'cdktf';
import { addGuideStacks } from '../../../lib/guide/app';
import { DEFAULT_SETTINGS, DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { remoteStateKey } from '../../../lib/guide/stacks/remote-state';
import { REPLACEMENT, TENANT, guideVariables, synthDefender } from '../../helpers';

const REMOTE = { resourceGroupName: 'rg-tfstate', storageAccountName: 'xdrtfstate01', containerName: 'tfstate', keyPrefix: 'xdr-defender' };
const WITH_REMOTE: DeploymentSettings = { ...DEFAULT_SETTINGS, remoteState: REMOTE };

describe('state backend', () => {
  test('default: local state at a relative path, no azurerm backend', () => {
    const backend = synthDefender().terraform.backend;
    expect(backend).toEqual({ local: { path: '../../../terraform.defender-integration.tfstate' } });
  });

  test('remote state: the azurerm backend with Entra ID auth and no key or secret', () => {
    const backend = synthDefender({}, WITH_REMOTE).terraform.backend;
    expect(backend).toEqual({
      azurerm: {
        resource_group_name: 'rg-tfstate',
        storage_account_name: 'xdrtfstate01',
        container_name: 'tfstate',
        key: 'xdr-defender/terraform.defender-integration.tfstate',
        use_azuread_auth: true,
      },
    });
  });

  test('a replacement deployment keeps its own blob, so it can never plan to destroy the original', () => {
    const original = synthDefender({}, WITH_REMOTE).terraform.backend.azurerm.key;
    const replacement = synthDefender(REPLACEMENT, WITH_REMOTE).terraform.backend.azurerm.key;
    expect(replacement).toBe('xdr-defender/terraform.defender-integration.replacement-CustomerName2.tfstate');
    expect(replacement).not.toBe(original);
  });

  test('the repopulate-application stack uses the same backend with its own key', () => {
    const stack = new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT, settings: WITH_REMOTE });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.azurerm).toMatchObject({
      storage_account_name: 'xdrtfstate01',
      key: 'xdr-defender/terraform.repopulate-application.tfstate',
      use_azuread_auth: true,
    });
  });

  test('from the environment (XDR_STATE_*) through addGuideStacks: one distinct blob per stack', () => {
    const settings = readDeploymentSettings({
      XDR_STATE_RESOURCE_GROUP: 'rg-tfstate',
      XDR_STATE_STORAGE_ACCOUNT: 'xdrtfstate01',
      XDR_STATE_CONTAINER: 'tfstate',
      XDR_STATE_KEY_PREFIX: 'customers/contoso',
      XDR_REPOPULATE_APPLICATION: 'true',
    }).settings;
    const app = Testing.app();
    addGuideStacks(app, guideVariables(), settings);
    const stacks = app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
    const keys = stacks.map((stack) => JSON.parse(Testing.synth(stack)).terraform.backend.azurerm.key);
    expect(keys.sort()).toEqual([
      'customers/contoso/terraform.defender-integration.tfstate',
      'customers/contoso/terraform.repopulate-application.tfstate',
    ]);
  });

  test('the key joins prefix and file with exactly one slash', () => {
    expect(remoteStateKey('team/', 'terraform.x.tfstate')).toBe('team/terraform.x.tfstate');
    expect(remoteStateKey('a/b//', 'terraform.x.tfstate')).toBe('a/b/terraform.x.tfstate');
    expect(remoteStateKey('/', 'terraform.x.tfstate')).toBe('terraform.x.tfstate');
  });
});
