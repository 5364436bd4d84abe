/**
 * Opt-in grants: admin consent by the deploy (grant_admin_consent) and the Streaming API person's role
 * on the namespace (streaming_api_principal_id). Off by default in every stack and tier; on, exactly
 * the read-only roles the application asks for, granted to its own service principal, and the one
 * Azure role Microsoft names for the Streaming API, scoped to the namespace alone.
 */
import { Testing } from 'cdktf';
import { WINDOWS_DEFENDER_ATP_APP_ID, XDR_APPLICATION_ROLES } from '../../../lib/entra/xdr-application';
import { DEFAULT_SETTINGS, DeploymentSettings } from '../../../lib/guide/config/settings';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import { DEDICATED, PREMIUM, REPLACEMENT, TENANT, onlyResource, synthDefender } from '../../helpers';

const PERSON = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const ON: DeploymentSettings = { ...DEFAULT_SETTINGS, grantAdminConsent: true, streamingApiPrincipalId: PERSON };

function repopulate(settings?: DeploymentSettings): any {
  const app = Testing.app();
  return JSON.parse(Testing.synth(new RepopulateApplicationStack(app, 'repopulate-application', { tenantId: TENANT, settings })));
}

const GRANT_TYPES = ['azuread_app_role_assignment', 'azurerm_role_assignment'];

describe.each([
  ['Standard', () => synthDefender()],
  ['Premium', () => synthDefender(PREMIUM)],
  ['Dedicated', () => synthDefender(DEDICATED)],
  ['replacement', () => synthDefender(REPLACEMENT)],
  ['repopulate-application', () => repopulate()],
])('off by default: %s', (_name, synth) => {
  test('no grant and no WindowsDefenderATP lookup; the consent URL is the way to consent', () => {
    const json = synth();
    for (const type of GRANT_TYPES) expect(json.resource).not.toHaveProperty(type);
    expect(json.data ?? {}).not.toHaveProperty('azuread_service_principal');
  });
});

/** The consent resources of a synthesized stack: the lookup and the assignments. */
function expectConsent(json: any): void {
  const [lookupName] = Object.keys(json.data.azuread_service_principal);
  expect(json.data.azuread_service_principal[lookupName]).toEqual(expect.objectContaining({ client_id: WINDOWS_DEFENDER_ATP_APP_ID }));
  const [servicePrincipal] = Object.keys(json.resource.azuread_service_principal);
  const assignments = Object.values(json.resource.azuread_app_role_assignment) as any[];
  expect(assignments.map((a) => a.app_role_id)).toEqual(XDR_APPLICATION_ROLES.map((r) => r.id));
  for (const assignment of assignments) {
    expect(assignment.principal_object_id).toBe(`\${azuread_service_principal.${servicePrincipal}.object_id}`);
    expect(assignment.resource_object_id).toBe(`\${data.azuread_service_principal.${lookupName}.object_id}`);
  }
  // the URL stays: a later consent by hand (or a check of what was granted) still needs it
  expect(json.output).toHaveProperty('azure_consent_url');
}

describe('grant_admin_consent = true', () => {
  test('defender-integration: one app role assignment per application role on WindowsDefenderATP', () => {
    expectConsent(synthDefender({}, ON));
  });

  test('repopulate-application: consent again for the recreated application', () => {
    const json = repopulate(ON);
    expectConsent(json);
    expect(json.resource).not.toHaveProperty('azurerm_role_assignment');
  });

  test('a replacement has no application, so nothing to consent to', () => {
    const json = synthDefender(REPLACEMENT, ON);
    expect(json.resource).not.toHaveProperty('azuread_app_role_assignment');
    expect(json.data).not.toHaveProperty('azuread_service_principal');
  });
});

describe('streaming_api_principal_id', () => {
  test.each([
    ['the first deployment', {}],
    ['a replacement (its new namespace needs new Streaming API settings)', REPLACEMENT],
  ])('%s: Contributor on the namespace, for that object ID only', (_name, overrides) => {
    const json = synthDefender(overrides, { ...DEFAULT_SETTINGS, streamingApiPrincipalId: PERSON });
    const [namespace] = Object.keys(json.resource.azurerm_eventhub_namespace);
    expect(onlyResource(json, 'azurerm_role_assignment')).toEqual(
      expect.objectContaining({
        scope: `\${azurerm_eventhub_namespace.${namespace}.id}`,
        role_definition_name: 'Contributor',
        principal_id: PERSON,
      }),
    );
    expect(json.resource).not.toHaveProperty('azuread_app_role_assignment');
  });

  test('an object ID that is not a GUID is refused in one line, before anything is synthesized', () => {
    const synth = () => synthDefender({}, { ...DEFAULT_SETTINGS, streamingApiPrincipalId: 'someone@example.com' });
    expect(synth).toThrow(InvalidSettingsError);
    expect(synth).toThrow(/^settings: streaming_api_principal_id = "someone@example\.com": must be a GUID/);
  });
});
