/**
 * Two client secrets rotating half a period apart, so the one XDR holds outlives the issue of its
 * successor. Provider behaviour relied on (read at the pinned tags):
 * - time 0.13.1 internal/provider/resource_time_rotating.go: Read removes the timer from state once
 *   now is past rotation_rfc3339 (the next plan creates it anew, from configuration); `rfc3339` is
 *   RequiresReplace; `rotation_days` updates in place.
 * - azuread 3.7.0 internal/services/applications/application_password_resource.go: end_date,
 *   end_date_relative and rotate_when_changed are all ForceNew; end_date_relative is deprecated.
 */
import { Testing } from 'cdktf';
import { DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { TENANT, synthDefender } from '../../helpers';

function fromEnv(env: Record<string, string>): DeploymentSettings {
  const read = readDeploymentSettings(env);
  if (!read.settings) throw new Error(read.errors.join('\n'));
  return read.settings;
}

/** The resource of a type made by the XdrApplication child `id` (cdktf names it `xdr-application_<id>_<hash>`). */
function byId(out: any, type: string, id: string): [string, any] {
  const found = Object.entries(out.resource[type]).filter(([name]) => new RegExp(`^xdr-application_${id}_[0-9A-F]{8}$`).test(name));
  if (found.length !== 1) throw new Error(`expected one ${type} for ${id}, found ${found.length}`);
  return found[0] as [string, any];
}

/** The two slots of a synthesized stack, by address. */
function slots(out: any) {
  const [firstTimer, first] = byId(out, 'time_rotating', 'secret-rotation');
  const [secondTimer, second] = byId(out, 'time_rotating', 'second-secret-rotation');
  const [firstSecret, a] = byId(out, 'azuread_application_password', 'secret');
  const [secondSecret, b] = byId(out, 'azuread_application_password', 'second-secret');
  return {
    first: { timer: `time_rotating.${firstTimer}`, rotating: first, address: `azuread_application_password.${firstSecret}`, secret: a },
    second: { timer: `time_rotating.${secondTimer}`, rotating: second, address: `azuread_application_password.${secondSecret}`, secret: b },
  };
}

function expectSchedule(out: any, rotationDays: number, graceDays: number): void {
  const { first, second } = slots(out);
  expect(first.rotating).toMatchObject({ rotation_days: rotationDays });
  expect(first.rotating.rfc3339).toBeUndefined();
  // the second timer starts half a period before the first one ends, so it ends half a period after it
  expect(second.rotating).toMatchObject({
    rotation_days: rotationDays,
    rfc3339: `\${timeadd(${first.timer}.rotation_rfc3339, "-${rotationDays * 12}h")}`,
    lifecycle: { ignore_changes: ['rfc3339'] },
  });
  for (const slot of [first, second]) {
    expect(slot.secret.rotate_when_changed).toEqual({ rotation: `\${${slot.timer}.id}` });
    expect(slot.secret.end_date).toBe(`\${timeadd(${slot.timer}.rotation_rfc3339, "${graceDays * 24}h")}`);
    expect(slot.secret).not.toHaveProperty('end_date_relative');
    expect(slot.secret.lifecycle?.prevent_destroy).toBeUndefined();
  }
  expect(first.secret.lifecycle.ignore_changes).toEqual(['end_date', 'end_date_relative']);
  expect(second.secret.lifecycle.ignore_changes).toEqual(['end_date']);
}

describe('secret rotation: two overlapping secrets', () => {
  test('by default each secret is replaced every 180 days, 90 days apart, and valid 30 days past its rotation', () => {
    expectSchedule(synthDefender(), 180, 30);
  });

  test('XDR_SECRET_ROTATION_DAYS and XDR_SECRET_LIFETIME_DAYS set both slots, in the main stack', () => {
    expectSchedule(synthDefender({}, fromEnv({ XDR_SECRET_ROTATION_DAYS: '90', XDR_SECRET_LIFETIME_DAYS: '120' })), 90, 30);
  });

  test('and in the repopulate-application stack', () => {
    const settings = fromEnv({ XDR_SECRET_ROTATION_DAYS: '30', XDR_SECRET_LIFETIME_DAYS: '45' });
    const out = JSON.parse(
      Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT, settings })),
    );
    expectSchedule(out, 30, 15);
  });

  test('client_secret is the secret whose timer rotates last; the outputs say when the other one goes', () => {
    for (const out of [
      synthDefender(),
      JSON.parse(Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT }))),
    ]) {
      const { first, second } = slots(out);
      const firstIsNewer = `(timecmp(${first.timer}.rotation_rfc3339, ${second.timer}.rotation_rfc3339) == 1)`;
      const newer = (attr: string) => `\${${firstIsNewer} ? ${first.address}.${attr} : ${second.address}.${attr}}`;
      const older = (attr: string) => `\${${firstIsNewer} ? ${second.address}.${attr} : ${first.address}.${attr}}`;
      expect(out.output.client_secret).toMatchObject({ sensitive: true, value: newer('value') });
      expect(out.output.client_secret_expires_at.value).toBe(newer('end_date'));
      expect(out.output.client_secret_key_id.value).toBe(newer('key_id'));
      expect(out.output.previous_client_secret_expires_at.value).toBe(older('end_date'));
      expect(out.output.previous_client_secret_replaced_after.value).toBe(
        `\${${firstIsNewer} ? ${second.timer}.rotation_rfc3339 : ${first.timer}.rotation_rfc3339}`,
      );
      for (const name of Object.keys(out.output).filter((n) => n !== 'client_secret')) {
        expect(out.output[name].value).not.toMatch(/\.value\b/);
      }
    }
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

  test("a lifetime that would make the second secret's first term longer than Entra ID allows is refused", () => {
    expect(readDeploymentSettings({ XDR_SECRET_ROTATION_DAYS: '400', XDR_SECRET_LIFETIME_DAYS: '531' }).errors).toEqual([
      expect.stringMatching(/^environment: XDR_SECRET_LIFETIME_DAYS = 531: must be at most 530 with XDR_SECRET_ROTATION_DAYS 400/),
    ]);
    expect(readDeploymentSettings({ XDR_SECRET_ROTATION_DAYS: '400', XDR_SECRET_LIFETIME_DAYS: '530' }).errors).toEqual([]);
  });

  test('no secret value is written into the configuration', () => {
    const { first, second } = slots(synthDefender());
    expect(first.secret).not.toHaveProperty('value');
    expect(second.secret).not.toHaveProperty('value');
  });
});
