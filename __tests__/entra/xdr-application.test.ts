import { Testing } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { WINDOWS_DEFENDER_ATP_APP_ID, XdrApplication, XdrApplicationProps } from '../../lib/entra/xdr-application';
import { TENANT } from '../helpers';

function synth(props: XdrApplicationProps): any {
  return JSON.parse(Testing.synthScope((scope) => new XdrApplication(scope, 'app', props)));
}

function refusal(props: XdrApplicationProps): string {
  try {
    synth(props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the props to be refused');
}

describe('XdrApplication', () => {
  test('a single-tenant app with read-only WindowsDefenderATP application roles', () => {
    const out = Testing.synthScope((scope) => new XdrApplication(scope, 'app', { tenantId: TENANT }));
    expect(out).toHaveResourceWithProperties(Application, {
      display_name: 'SCWX-TDR-MDATP-APP',
      sign_in_audience: 'AzureADMyOrg',
      required_resource_access: [
        {
          resource_app_id: WINDOWS_DEFENDER_ATP_APP_ID,
          resource_access: [
            { id: '71fe6b80-7034-4028-9ed8-0f316df9c3ff', type: 'Role' },
            { id: 'ea8291d3-4b9a-44b5-bc3a-6cea3026dc79', type: 'Role' },
          ],
        },
      ],
    });
  });

  test('azuread 3.x wiring: the principal by client_id, the password by the application resource id', () => {
    const out = synth({ tenantId: TENANT });
    const [appId] = Object.keys(out.resource.azuread_application);
    expect(Object.values(out.resource.azuread_service_principal)[0]).toMatchObject({
      client_id: `\${azuread_application.${appId}.client_id}`,
    });
    expect(Object.values(out.resource.azuread_application_password)[0]).toMatchObject({
      application_id: `\${azuread_application.${appId}.id}`,
    });
  });

  test('two secrets, each with an end date after its own timer, rotating on a configurable schedule', () => {
    const out = Testing.synthScope(
      (scope) => new XdrApplication(scope, 'app', { tenantId: TENANT, secretRotationDays: 90, secretLifetimeDays: 120 }),
    );
    const parsed = JSON.parse(out);
    const timers = Object.keys(parsed.resource.time_rotating);
    expect(timers).toHaveLength(2);
    for (const timer of Object.values(parsed.resource.time_rotating)) expect(timer).toMatchObject({ rotation_days: 90 });
    const secrets = Object.values(parsed.resource.azuread_application_password) as any[];
    expect(secrets.map((s) => s.rotate_when_changed.rotation).sort()).toEqual(timers.map((t) => `\${time_rotating.${t}.id}`).sort());
    for (const secret of secrets) {
      expect(secret.end_date).toBe(`\${timeadd(${secret.rotate_when_changed.rotation.slice(2, -4)}.rotation_rfc3339, "720h")}`);
      expect(secret).not.toHaveProperty('end_date_relative');
    }
    expect(parsed.provider.time).toHaveLength(1);
  });

  test('defaults: rotate after 180 days, valid 30 days past the rotation (210 from the start of the period)', () => {
    const out = Testing.synthScope((scope) => new XdrApplication(scope, 'app', { tenantId: TENANT }));
    expect(out).toHaveResourceWithProperties(Rotating, { rotation_days: 180 });
    expect(out).toHaveResourceWithProperties(ApplicationPasswordA, { end_date: expect.stringMatching(/, "720h"\)\}$/) });
    expect(out).toHaveResource(ServicePrincipal);
  });

  test('two applications in one stack share one time provider', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        new XdrApplication(scope, 'a', { tenantId: TENANT });
        new XdrApplication(scope, 'b', { tenantId: TENANT, displayName: 'Other' });
      }),
    );
    expect(out.provider.time).toHaveLength(1);
  });

  test.each<[string, XdrApplicationProps, string]>([
    ['a tenant that is not a GUID', { tenantId: 'contoso' }, 'tenantId = "contoso": must be a GUID'],
    [
      'a lifetime over two years',
      { tenantId: TENANT, secretLifetimeDays: 731 },
      'secretLifetimeDays = 731: must be a whole number from 1 to 730',
    ],
    [
      'a lifetime not longer than the rotation',
      { tenantId: TENANT, secretRotationDays: 100, secretLifetimeDays: 100 },
      'secretLifetimeDays = 100: must be longer than secretRotationDays (100)',
    ],
    ['a display name with a newline', { tenantId: TENANT, displayName: 'a\nb' }, 'displayName = "a\\nb": must be 1-120 characters'],
  ])('refuses %s', (_case, props, message) => {
    expect(refusal(props)).toContain(`XdrApplication app: ${message}`);
  });
});
