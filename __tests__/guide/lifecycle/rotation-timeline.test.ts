/**
 * The client secrets over three years, on the synthesized JSON (help/rotation.md): a simulated operator
 * deploys on day 0, then every C days; before each deploy it does what the synth's rotation line says
 * (npm run rotate when the rotation is due), after each deploy it types client_secret into XDR. The
 * configuration of every deploy is the real stack's cdk.tf.json for the settings of that day, and
 * terraform-sim.ts applies it with Terraform's and the providers' semantics. The per-cadence table
 * is the one help/rotation.md shows (checked below, so the page cannot drift).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { planRotation, rotateBy } from '../../../lib/guide/rotation/plan';
import { DeployedSecret, TerraformState, currentAndPrevious, deployedGeneration, deployedSecrets } from '../../../lib/guide/rotation/state';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import { DEFAULT_SECRET_LIFETIME_DAYS, DEFAULT_SECRET_ROTATION_DAYS, maxDeployIntervalDays } from '../../../lib/rules/secret';
import { guideVariables } from '../../helpers';
import { SimState, Time, apply, outputs, rfc3339, stateFile } from './terraform-sim';

const DAY = 24 * 3600_000;
const START = Date.parse('2027-01-04T09:00:00Z');
const END = START + 3 * 365 * DAY;
const STACK = 'defender-integration';
const N = maxDeployIntervalDays();

interface Schedule {
  readonly rotationDays?: number;
  readonly lifetimeDays?: number;
}

/** The settings read from an xdr.tfvars holding these keys, as the app reads the file. */
function settingsFile(values: Record<string, number>): DeploymentSettings {
  const read = readDeploymentSettings({}, { path: 'xdr.tfvars', values });
  if (read.settings === undefined) throw new Error(read.errors.join('\n'));
  return read.settings;
}

const synthesized = new Map<string, any>();
/** The defender-integration stack's cdk.tf.json for a rotation counter and schedule (cached: few distinct ones). */
function synth(generation: number, schedule: Schedule): any {
  const key = JSON.stringify([generation, schedule]);
  if (!synthesized.has(key)) {
    const settings = settingsFile({
      ...(schedule.rotationDays ? { secret_rotation_days: schedule.rotationDays } : {}),
      ...(schedule.lifetimeDays ? { secret_lifetime_days: schedule.lifetimeDays } : {}),
    });
    const stack = new DefenderIntegrationStack(Testing.app(), STACK, {
      variables: guideVariables(),
      settings: { ...settings, secretGenerations: { [STACK]: generation } },
    });
    synthesized.set(key, JSON.parse(Testing.synth(stack)));
  }
  return synthesized.get(key);
}

function fixture(release: string, file = 'standard.defender-integration.json'): any {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'upgrade', 'fixtures', release, file), 'utf8'));
}

interface Deployment {
  state: SimState;
  /** The last configuration applied (its outputs are the state's). */
  config: any;
  /** xdr.tfvars' secret_generation, when written. */
  setting?: number;
  /** The Secret ID XDR holds, and until when it works. */
  xdr?: { keyId: string; endDate: string };
}

interface Tally {
  deploys: number;
  rotations: number;
  deleted: number;
  lockedMs: number;
  violations: string[];
}

function secretEnd(state: SimState, keyId: string): string | undefined {
  for (const r of state.values())
    if (r.type === 'azuread_application_password' && r.attrs.key_id === keyId) return r.attrs.end_date as string;
  return undefined;
}

/** One deploy by the operator: what the synth line says before, the apply, client_secret into XDR after. */
function deploy(d: Deployment, now: Time, schedule: Schedule, tally: Tally, operatorRotates = true): void {
  const rotationDays = schedule.rotationDays ?? DEFAULT_SECRET_ROTATION_DAYS;
  const lifetimeDays = schedule.lifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS;
  const current = d.config === undefined ? undefined : (stateFile(d.state, d.config, now) as TerraformState);
  const deployed = current === undefined ? undefined : deployedSecrets(current);
  let result = planRotation(STACK, d.setting, deployed, rotationDays, now, 'cdktf.out', lifetimeDays);
  if (operatorRotates && 'plan' in result && result.plan.rotationDue) {
    // npm run rotate: the deployed counter plus one, into xdr.tfvars
    d.setting = (deployedGeneration(deployed!) as { generation: number }).generation + 1;
    result = planRotation(STACK, d.setting, deployed, rotationDays, now, 'cdktf.out', lifetimeDays);
    tally.rotations++;
  }
  if ('refused' in result) throw new Error(result.refused);
  const config = synth(result.plan.generation, schedule);
  const secretsBefore = [...d.state.values()].filter((r) => r.type === 'azuread_application_password').map((r) => r.attrs);
  const newest = secretsBefore.reduce<string | undefined>(
    (a, s) => (a === undefined || (s.start_date as string) > a ? (s.start_date as string) : a),
    undefined,
  );
  const report = apply(config, d.state, now);
  tally.deploys++;
  tally.deleted += report.deletedSecrets.length;
  const when = `day ${((now - START) / DAY).toFixed(2)}`;
  if (report.deletedSecrets.length > 1) tally.violations.push(`${when}: ${report.deletedSecrets.length} secrets replaced in one deploy`);
  for (const gone of report.deletedSecrets) {
    if (d.xdr?.keyId === gone.keyId && Date.parse(d.xdr.endDate) > now)
      tally.violations.push(`${when}: deleted ${gone.keyId}, which XDR holds and is valid`);
    if (secretsBefore.length > 1 && gone.startDate === newest && secretsBefore.filter((s) => s.start_date === newest).length === 1) {
      tally.violations.push(`${when}: deleted the newest secret ${gone.keyId}`);
    }
  }
  d.config = config;
  // the operator types client_secret into XDR (npm run values shows it)
  const shown = outputs(config, d.state, now);
  const keyId = shown.client_secret_key_id.value as string;
  d.xdr = { keyId, endDate: secretEnd(d.state, keyId) as string };
}

/** Time XDR cannot sign in between `from` and `to`: its secret expired. */
function lockedBetween(d: Deployment, from: Time, to: Time): number {
  if (d.xdr === undefined) return 0;
  return Math.max(0, to - Math.max(from, Date.parse(d.xdr.endDate)));
}

/** Deploys at the given times (ms), from a new deployment or a given start; the tally over [first, END). */
function run(times: readonly Time[], schedule: Schedule = {}, d: Deployment = { state: new Map(), config: undefined }): Tally {
  const tally: Tally = { deploys: 0, rotations: 0, deleted: 0, lockedMs: 0, violations: [] };
  times.forEach((t, i) => {
    deploy(d, t, schedule, tally);
    tally.lockedMs += lockedBetween(d, t, times[i + 1] ?? END);
  });
  return tally;
}

/** Day 0, then every `cadence` days until three years, each deploy at another time of day. */
function every(cadence: number): Time[] {
  const times: Time[] = [];
  for (let k = 0; k * cadence * DAY < END - START; k++)
    times.push(START + k * cadence * DAY + ((k * 7) % 24) * 3600_000 - 9 * 3600_000 * (k % 2));
  return times;
}

/** Gaps of 1 to N days in no order, at varying times of day. */
function irregular(): Time[] {
  const gaps = [1, 45, 3, N, 89, 10, 60, 88, 2, 30, 77, N, 5, 14, 90, 21];
  const times = [START];
  for (let k = 0; times[times.length - 1] < END - N * DAY; k++)
    times.push(times[times.length - 1] + gaps[k % gaps.length] * DAY + ((k * 5) % 11) * 3600_000 - 5 * 3600_000);
  return times.filter((t) => t < END);
}

const CADENCES = [1, 7, 30, 90, 100, 150, 180, 200, 280, 365, 500];
const RESULTS: ReadonlyArray<[string, Tally]> = [
  ...CADENCES.map((c): [string, Tally] => [`every ${c} days`, run(every(c))]),
  ['irregular, 1-90 days', run(irregular())],
];

/** The table help/rotation.md shows. */
function table(): string {
  const rows = RESULTS.map(([name, t]) => `| ${name} | ${t.deploys} | ${t.rotations} | ${t.deleted} | ${Math.round(t.lockedMs / DAY)} |`);
  return ['| schedule | deploys in 3 years | rotations | secrets deleted | days XDR locked out |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

describe(`three years of deploys with the defaults (rotation ${DEFAULT_SECRET_ROTATION_DAYS}, lifetime ${DEFAULT_SECRET_LIFETIME_DAYS} days; N = ${N})`, () => {
  test('the per-cadence table', () => {
    console.log(table());
  });

  test.each(RESULTS)('%s: no deploy deletes the secret XDR holds, at most one secret per deploy, never the newest', (_name, tally) => {
    expect(tally.violations).toEqual([]);
  });

  test.each(RESULTS.filter(([name]) => name.startsWith('irregular') || Number(/\d+/.exec(name)?.[0]) <= N))(
    '%s: at most N days apart, XDR is never locked out',
    (_name, tally) => {
      expect(tally.lockedMs).toBe(0);
      expect(tally.rotations).toBeGreaterThanOrEqual(3);
    },
  );

  test('help/rotation.md shows this table', () => {
    const page = readFileSync(path.join(__dirname, '..', '..', '..', 'help', 'rotation.md'), 'utf8');
    expect(page).toContain(table());
  });
});

describe('changing the schedule mid-life replaces nothing', () => {
  test.each<[string, Schedule]>([
    ['a shorter rotation', { rotationDays: 60 }],
    ['a longer rotation and lifetime', { rotationDays: 400, lifetimeDays: 700 }],
    ['a shorter lifetime', { lifetimeDays: 220 }],
  ])('%s', (_name, schedule) => {
    const d: Deployment = { state: new Map(), config: undefined };
    const tally: Tally = { deploys: 0, rotations: 0, deleted: 0, lockedMs: 0, violations: [] };
    deploy(d, START, {}, tally);
    for (const day of [50, 170, 250]) {
      const keys = [...d.state.values()].map((r) => r.attrs.key_id);
      deploy(d, START + day * DAY, schedule, tally, false);
      expect([...d.state.values()].map((r) => r.attrs.key_id)).toEqual(keys);
    }
    expect(tally.deleted).toBe(0);
  });
});

describe('a schedule changed mid-life: deploys at most N days apart (N of the new settings) keep XDR signed in', () => {
  // the secrets issued before the change keep their lifetime (end_date is in ignore_changes), so their
  // rotation must fall due early enough for the new N: at the latest L - R days before they expire
  test.each<[string, Schedule, number]>([
    ['a longer rotation and lifetime (400, 700), deployed every 80 days', { rotationDays: 400, lifetimeDays: 700 }, 80],
    ['a longer lifetime (700), deployed every 400 days', { lifetimeDays: 700 }, 400],
    ['a longer rotation (250, lifetime 300), deployed every 20 days', { rotationDays: 250 }, 20],
  ])('%s', (_name, schedule, cadence) => {
    expect(cadence).toBeLessThanOrEqual(maxDeployIntervalDays(schedule.rotationDays, schedule.lifetimeDays));
    const d: Deployment = { state: new Map(), config: undefined };
    const first: Tally = { deploys: 0, rotations: 0, deleted: 0, lockedMs: 0, violations: [] };
    deploy(d, START, {}, first);
    const times = every(cadence)
      .map((t) => t + 10 * DAY)
      .filter((t) => t < END);
    const tally = run(times, schedule, d);
    expect(tally.violations).toEqual([]);
    expect(Math.round(tally.lockedMs / DAY)).toBe(0);
    // client_secret_rotate_by (npm run values) states the date the synth line warns from
    const last = times[times.length - 1];
    const secrets = deployedSecrets(stateFile(d.state, d.config, last) as TerraformState);
    const current = currentAndPrevious(secrets, secrets.generation as number).current as DeployedSecret;
    expect(outputs(d.config, d.state, last).client_secret_rotate_by.value).toBe(
      rfc3339(rotateBy(current, schedule.rotationDays, schedule.lifetimeDays)),
    );
  });
});

describe('state in Azure storage: the synth cannot read the deployed counter', () => {
  // why the synth warns when xdr.tfvars has no secret_generation there (plan.ts): a clone without the
  // line synthesizes 0, and the records of a deployment at 2 both change
  test('a deploy at counter 0 over a deployment at 2 replaces both secrets, the one XDR holds among them', () => {
    const d: Deployment = { state: new Map(), config: undefined };
    const tally: Tally = { deploys: 0, rotations: 0, deleted: 0, lockedMs: 0, violations: [] };
    deploy(d, START, {}, tally);
    for (const [day, g] of [
      [100, 1],
      [200, 2],
    ]) {
      d.setting = g;
      deploy(d, START + day * DAY, {}, tally, false);
    }
    const held = d.xdr?.keyId;
    const report = apply(synth(0, {}), d.state, START + 210 * DAY);
    expect(report.deletedSecrets.map((s) => s.keyId)).toContain(held);
    expect(report.deletedSecrets).toHaveLength(2);
    const line = (planRotation(STACK, undefined, 'remote', DEFAULT_SECRET_ROTATION_DAYS, START) as { plan: { line: string } }).plan.line;
    expect(line).toMatch(/^Warning: .*replaces the client secret XDR holds/);
  });
});

describe('moving a deployment of an earlier release onto the rotation counter', () => {
  /** A deployment made with an earlier release's configuration at `START`, then this release at `day`. */
  function migrate(release: string, day: number) {
    const d: Deployment = { state: new Map(), config: fixture(release) };
    apply(d.config, d.state, START);
    const old = outputs(d.config, d.state, START);
    const held = old.client_secret.value as string;
    const keyHeld = [...d.state.values()].find((r) => r.attrs.value === held)?.attrs.key_id as string;
    d.xdr = { keyId: keyHeld, endDate: secretEnd(d.state, keyHeld) as string };
    const tally: Tally = { deploys: 0, rotations: 0, deleted: 0, lockedMs: 0, violations: [] };
    deploy(d, START + day * DAY, {}, tally);
    return { d, tally, keyHeld };
  }

  test.each([
    ['both timers running', 30],
    ['the first timer overdue', 200],
    ['both timers overdue', 300],
  ])('from the two-timer release (36ddd50), %s: no secret replaced, client_secret stays the one XDR holds', (_name, day) => {
    const { d, tally, keyHeld } = migrate('36ddd50', day);
    expect(tally.deleted).toBe(0);
    expect(tally.violations).toEqual([]);
    expect(d.xdr?.keyId).toBe(keyHeld);
    expect([...d.state.keys()].filter((a) => a.startsWith('time_rotating.'))).toEqual([]);
    // and a year of deploys from there keeps every invariant
    const next = run(
      every(30)
        .map((t) => t + (day + 1) * DAY)
        .filter((t) => t < END),
      {},
      d,
    );
    expect(next.violations).toEqual([]);
  });

  test('from 0.1.0 (one secret, end_date_relative): the secret XDR holds is kept, a second one is issued', () => {
    const { d, tally, keyHeld } = migrate('0.1.0', 100);
    expect(tally.deleted).toBe(0);
    expect(d.xdr?.keyId).toBe(keyHeld);
    expect([...d.state.values()].filter((r) => r.type === 'azuread_application_password')).toHaveLength(2);
  });

  test("the model's own check: without ignore_changes the move would replace the secret", () => {
    const config = JSON.parse(JSON.stringify(synth(1, {})));
    for (const secret of Object.values(config.resource.azuread_application_password) as any[]) delete secret.lifecycle.ignore_changes;
    const d: Deployment = { state: new Map(), config: fixture('36ddd50') };
    apply(d.config, d.state, START);
    expect(apply(config, d.state, START + DAY).deletedSecrets).toHaveLength(2);
    expect(rfc3339(START)).toBe('2027-01-04T09:00:00Z');
  });
});
