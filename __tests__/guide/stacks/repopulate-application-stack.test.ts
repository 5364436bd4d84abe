import { Testing } from 'cdktf';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { APPLICATION_OUTPUTS, TENANT } from '../../helpers';

describe('repopulate-application (the second template set of the guide)', () => {
  const out = JSON.parse(Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT })));

  test('matches the snapshot', () => {
    expect(out).toMatchSnapshot();
  });

  test('recreates the application, its principal and secret, and nothing of Event Hubs', () => {
    expect(Object.keys(out.resource).sort()).toEqual([
      'azuread_application',
      'azuread_application_password',
      'azuread_service_principal',
      'terraform_data',
    ]);
    expect(out.provider.azurerm).toBeUndefined();
    expect(out.provider.azuread).toEqual([{ tenant_id: TENANT }]);
  });

  test('outputs the consent URL, tenant, client and the sensitive secret', () => {
    expect(Object.keys(out.output).sort()).toEqual(APPLICATION_OUTPUTS);
    expect(out.output.client_secret.sensitive).toBe(true);
  });

  test('has its own state file', () => {
    expect(out.terraform.backend).toEqual({ local: { path: '../../../terraform.repopulate-application.tfstate' } });
  });
});
