import { Testing } from 'cdktf';
import { DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { TENANT, onlyResource, synthDefender } from '../../helpers';

function fromEnv(env: Record<string, string>): DeploymentSettings {
  const read = readDeploymentSettings(env);
  if (!read.settings) throw new Error(read.errors.join('\n'));
  return read.settings;
}

/** The rotation wiring of a synthesized stack. */
function rotation(out: any): {
  rotationDays: number;
  endDateRelative: string;
  rotateWhenChanged: unknown;
  timerAddress: string;
  expiresAt: string;
} {
  const [timerName, timer] = Object.entries(out.resource.time_rotating)[0] as [string, any];
  const [secretName, secret] = Object.entries(out.resource.azuread_application_password)[0] as [string, any];
  expect(out.output.client_secret_expires_at.value).toBe(`\${azuread_application_password.${secretName}.end_date}`);
  return {
    rotationDays: timer.rotation_days,
    endDateRelative: secret.end_date_relative,
    rotateWhenChanged: secret.rotate_when_changed,
    timerAddress: `time_rotating.${timerName}`,
    expiresAt: out.output.client_secret_expires_at.value,
  };
}

describe('secret rotation', () => {
  test('by default the secret is replaced after 180 days and valid for 210 (5040 hours)', () => {
    const r = rotation(synthDefender());
    expect(r.rotationDays).toBe(180);
    expect(r.endDateRelative).toBe('5040h');
    expect(r.rotateWhenChanged).toEqual({ rotation: `\${${r.timerAddress}.id}` });
  });

  test('XDR_SECRET_ROTATION_DAYS and XDR_SECRET_LIFETIME_DAYS set both, in the main stack', () => {
    const r = rotation(synthDefender({}, fromEnv({ XDR_SECRET_ROTATION_DAYS: '90', XDR_SECRET_LIFETIME_DAYS: '120' })));
    expect(r.rotationDays).toBe(90);
    expect(r.endDateRelative).toBe('2880h');
  });

  test('and in the repopulate-application stack', () => {
    const settings = fromEnv({ XDR_SECRET_ROTATION_DAYS: '30', XDR_SECRET_LIFETIME_DAYS: '45' });
    const r = rotation(
      JSON.parse(Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT, settings }))),
    );
    expect(r.rotationDays).toBe(30);
    expect(r.endDateRelative).toBe('1080h');
  });

  test('the time provider is declared once, with the pinned hashicorp/time', () => {
    const out = synthDefender();
    expect(out.provider.time).toHaveLength(1);
    expect(out.terraform.required_providers.time.source).toBe('hashicorp/time');
  });

  test('a lifetime not longer than the rotation period is refused by the environment reader, naming the variables', () => {
    expect(() => synthDefender({}, fromEnv({ XDR_SECRET_ROTATION_DAYS: '200', XDR_SECRET_LIFETIME_DAYS: '200' }))).toThrow(
      /XDR_SECRET_LIFETIME_DAYS = 200: must be longer than XDR_SECRET_ROTATION_DAYS \(200\)/,
    );
  });

  test('the secret value is a sensitive output and never written into the configuration', () => {
    const out = synthDefender();
    expect(out.output.client_secret).toMatchObject({ sensitive: true });
    expect(onlyResource(out, 'azuread_application_password')).not.toHaveProperty('value');
  });
});
