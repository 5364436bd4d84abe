/**
 * Least privilege: the XDR application asks for read-only WindowsDefenderATP application roles and
 * nothing else, grants itself nothing, and every role it asks for is documented with its reason.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { WINDOWS_DEFENDER_ATP_APP_ID, XDR_APPLICATION_ROLES } from '../../lib/entra/xdr-application';
import { RepopulateApplicationStack } from '../../lib/guide/stacks/repopulate-application-stack';
import { TENANT, onlyResource, synthDefender } from '../helpers';

/**
 * WindowsDefenderATP's read-only application roles XDR may hold, by their fixed IDs. Adding a role
 * to the application means adding it here and to help/permissions.md, on purpose.
 */
const READ_ONLY_ROLES: Record<string, string> = {
  '71fe6b80-7034-4028-9ed8-0f316df9c3ff': 'Alert.Read.All',
  'ea8291d3-4b9a-44b5-bc3a-6cea3026dc79': 'Machine.Read.All',
};

function repopulateJson(): any {
  const app = Testing.app();
  return JSON.parse(Testing.synth(new RepopulateApplicationStack(app, 'repopulate-application', { tenantId: TENANT })));
}

describe.each([
  ['defender-integration', () => synthDefender()],
  ['repopulate-application', repopulateJson],
])('the %s stack', (_name, synth) => {
  const json = synth();

  test('requests only read-only application roles (type Role) on WindowsDefenderATP', () => {
    const application = onlyResource(json, 'azuread_application');
    expect(application.required_resource_access).toHaveLength(1);
    const [access] = application.required_resource_access;
    expect(access.resource_app_id).toBe('fc780465-2017-40d4-a0c5-307022471b92');
    for (const entry of access.resource_access) {
      expect(entry.type).toBe('Role');
      expect(Object.keys(READ_ONLY_ROLES)).toContain(entry.id);
    }
    expect(access.resource_access.map((e: any) => READ_ONLY_ROLES[e.id]).sort()).toEqual(['Alert.Read.All', 'Machine.Read.All']);
  });

  test('is single tenant, exposes no API and grants itself nothing: an administrator consents by hand', () => {
    const application = onlyResource(json, 'azuread_application');
    expect(application.sign_in_audience).toBe('AzureADMyOrg');
    for (const field of ['api', 'app_role', 'web', 'identifier_uris', 'optional_claims']) expect(application).not.toHaveProperty(field);
    const grants = Object.keys(json.resource).filter((type) => /role_assignment|permission_grant|directory_role|app_role/.test(type));
    expect(grants).toEqual([]);
    expect(json.output.azure_consent_url.value).toMatch(/^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/adminconsent\?client_id=/);
  });
});

test('every role in XDR_APPLICATION_ROLES is a read role, and help/permissions.md explains each one', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'help', 'permissions.md'), 'utf8');
  expect(WINDOWS_DEFENDER_ATP_APP_ID).toBe('fc780465-2017-40d4-a0c5-307022471b92');
  for (const role of XDR_APPLICATION_ROLES) {
    expect(role.value).toMatch(/^[A-Za-z]+\.Read\.All$/);
    expect(READ_ONLY_ROLES[role.id]).toBe(role.value);
    expect(readme).toContain(`\`${role.value}\``);
    expect(readme).toContain(role.id);
  }
});

test('the namespace only speaks TLS 1.2 and the listen policy cannot send or manage', () => {
  const json = synthDefender();
  expect(onlyResource(json, 'azurerm_eventhub_namespace').minimum_tls_version).toBe('1.2');
  const rule = onlyResource(json, 'azurerm_eventhub_authorization_rule');
  expect([rule.listen, rule.send, rule.manage]).toEqual([true, false, false]);
});
