import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
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

  test('two secrets, each replaced only when its terraform_data issue record changes; valid the lifetime from the plan', () => {
    const parsed = synth({ tenantId: TENANT, secretRotationDays: 90, secretLifetimeDays: 120 });
    expect(parsed.resource.time_rotating).toBeUndefined();
    const records = parsed.resource.terraform_data;
    expect(Object.keys(records)).toHaveLength(2);
    const secrets = Object.values(parsed.resource.azuread_application_password) as any[];
    expect(secrets.map((s) => s.lifecycle.replace_triggered_by).sort()).toEqual(
      Object.keys(records)
        .map((name) => [`terraform_data.${name}`])
        .sort(),
    );
    for (const secret of secrets) {
      expect(secret.end_date).toBe('${timeadd(plantimestamp(), "2880h")}');
      expect(secret).not.toHaveProperty('rotate_when_changed');
      expect(secret).not.toHaveProperty('end_date_relative');
      expect(secret.lifecycle.ignore_changes).toEqual(expect.arrayContaining(['end_date', 'rotate_when_changed']));
    }
    // kept for the retired timers' removal from state (the comment in xdr-application.ts)
    expect(parsed.provider.time).toHaveLength(1);
  });

  test.each([
    [0, 0, 0, 'secret'],
    [1, 0, 1, 'second-secret'],
    [2, 2, 1, 'secret'],
    [7, 6, 7, 'second-secret'],
  ])('secretGeneration %d: issue records %s and %s; the current secret is %s', (generation, first, second, current) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const app = new XdrApplication(stack, 'app', { tenantId: TENANT, secretGeneration: generation });
    new TerraformOutput(stack, 'current', { value: app.currentSecretKeyId });
    const out = JSON.parse(Testing.synth(stack));
    const input = (id: string) =>
      (Object.entries(out.resource.terraform_data).find(([name]) => name.startsWith(`app_${id}-issue_`)) as [string, any])[1].input;
    expect(input('secret')).toEqual({ generation: first });
    expect(input('second-secret')).toEqual({ generation: second });
    expect(out.output.current.value).toMatch(new RegExp(`^\\$\\{azuread_application_password\\.app_${current}_[0-9A-F]{8}\\.key_id\\}$`));
  });

  test('defaults: rotation due after 180 days, a new secret valid 300 days', () => {
    const out = Testing.synthScope((scope) => new XdrApplication(scope, 'app', { tenantId: TENANT }));
    expect(out).toHaveResourceWithProperties(ApplicationPasswordA, { end_date: '${timeadd(plantimestamp(), "7200h")}' });
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
      'secretLifetimeDays = 731: must be a whole number from 31 to 730',
    ],
    [
      'a lifetime that leaves less than 30 days after the rotation date',
      { tenantId: TENANT, secretRotationDays: 100, secretLifetimeDays: 129 },
      'secretLifetimeDays = 129: must be at least secretRotationDays (100) + 30',
    ],
    [
      'a negative rotation counter',
      { tenantId: TENANT, secretGeneration: -1 },
      'secretGeneration = -1: must be a whole number from 0 to 1000000',
    ],
    ['a fractional rotation counter', { tenantId: TENANT, secretGeneration: 1.5 }, 'secretGeneration = 1.5: must be a whole number'],
    ['a display name with a newline', { tenantId: TENANT, displayName: 'a\nb' }, 'displayName = "a\\nb": must be 1-120 characters'],
    [
      'a display name Terraform would evaluate',
      { tenantId: TENANT, displayName: 'XDR ${var.x}' },
      'displayName = "XDR ${var.x}": must not contain "${" or "%{"',
    ],
    [
      'a display name with a bidi override',
      { tenantId: TENANT, displayName: 'XDR\u202e' },
      'displayName = "XDR\uFFFD": must not contain control or invisible characters (found U+202E)',
    ],
    [
      'notes Terraform would evaluate',
      { tenantId: TENANT, notes: 'ticket %{ if }' },
      'notes = "ticket %{ if }": must not contain "${" or "%{"',
    ],
    [
      'notes with an ESC',
      { tenantId: TENANT, notes: 'ticket\u001b[31m' },
      'notes = "ticket\uFFFD[31m": must not contain control or invisible characters (found U+001B)',
    ],
    [
      'a service management reference Terraform would evaluate',
      { tenantId: TENANT, serviceManagementReference: '${var.cmdb}' },
      'serviceManagementReference = "${var.cmdb}": must not contain "${" or "%{"',
    ],
  ])('refuses %s', (_case, props, message) => {
    expect(refusal(props)).toContain(`XdrApplication app: ${message}`);
  });
});

describe('XdrApplication registration details', () => {
  const OWNER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

  test('owners, notes and a service management reference reach the application; absent by default', () => {
    const app = (props: Partial<XdrApplicationProps>) =>
      Object.values(synth({ tenantId: TENANT, ...props }).resource.azuread_application)[0] as any;
    expect(app({ owners: [OWNER], notes: 'Requested by the SOC, ticket 42', serviceManagementReference: 'CMDB-1234' })).toMatchObject({
      owners: [OWNER],
      notes: 'Requested by the SOC, ticket 42',
      service_management_reference: 'CMDB-1234',
    });
    const plain = app({});
    for (const key of ['owners', 'notes', 'service_management_reference']) expect(plain).not.toHaveProperty(key);
  });

  test('an owner that is no object ID and empty notes are refused, naming the prop', () => {
    const message = refusal({ tenantId: TENANT, owners: [OWNER, 'alice@example.com'], notes: ' ', serviceManagementReference: '' });
    expect(message.split('\n')).toEqual([
      'XdrApplication app: owners = "alice@example.com": must be a GUID such as 00000000-0000-0000-0000-000000000000',
      'XdrApplication app: notes = " ": must not be empty; leave it out instead',
      'XdrApplication app: serviceManagementReference = "": must not be empty; leave it out instead',
    ]);
  });

  test('a tenant ID from a Terraform variable is not judged at synth', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        const tenant = new TerraformVariable(scope, 'tenant', { type: 'string' });
        new TerraformOutput(scope, 'consent', { value: new XdrApplication(scope, 'app', { tenantId: tenant.stringValue }).consentUrl });
      }),
    );
    expect(out.output.consent.value).toMatch(/^https:\/\/login\.microsoftonline\.com\/\$\{var\.tenant\}\/adminconsent\?client_id=/);
  });
});

describe('the time provider, found by type', () => {
  const synthStack = (build: (stack: TerraformStack) => void): any => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    build(stack);
    return JSON.parse(Testing.synth(stack));
  };

  test("a stack's own TimeProvider under another ID, declared before: no second provider", () => {
    const out = synthStack((stack) => {
      new TimeProvider(stack, 'clock');
      new XdrApplication(stack, 'app', { tenantId: TENANT });
    });
    expect(out.provider.time).toEqual([{}]);
  });

  test("a stack's own TimeProvider declared after the application, even as 'time': no ID clash, one provider", () => {
    for (const id of ['time', 'clock']) {
      const out = synthStack((stack) => {
        new XdrApplication(stack, 'app', { tenantId: TENANT });
        new TimeProvider(stack, id);
      });
      expect(out.provider.time).toEqual([{}]);
    }
  });

  test('a provider nested in a construct counts too; an aliased one does not', () => {
    const nested = synthStack((stack) => {
      new TimeProvider(new Construct(stack, 'providers'), 'time');
      new XdrApplication(stack, 'app', { tenantId: TENANT });
    });
    expect(nested.provider.time).toEqual([{}]);
    const aliased = synthStack((stack) => {
      new TimeProvider(stack, 'time', { alias: 'other' });
      new XdrApplication(stack, 'app', { tenantId: TENANT });
    });
    expect(aliased.provider.time).toEqual([{ alias: 'other' }, {}]);
  });

  test('none declared: one added at synth, at the address `time`, as before', () => {
    const out = synthStack((stack) => {
      new XdrApplication(stack, 'one', { tenantId: TENANT });
      new XdrApplication(stack, 'two', { tenantId: TENANT, displayName: 'second' });
    });
    expect(out.provider.time).toEqual([{}]);
    expect(Object.keys(out.provider)).toEqual(['time']);
  });
});
