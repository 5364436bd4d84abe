/**
 * The rotation counter (help/rotation.md) on the synthesized stacks, the synth's rotation line, and
 * `npm run rotate`, against Terraform state files (format 4) written here. Terraform and provider
 * behaviour relied on (read at the pinned tags):
 * - terraform internal/builtin/providers/terraform/resource_data.go: a changed terraform_data `input`
 *   is an in-place Update; internal/terraform/eval_context_builtin.go (EvaluateReplaceTriggeredBy):
 *   replace_triggered_by fires on the referenced resource's Update or replacement, never its Create.
 * - azuread 3.7.0 internal/services/applications/application_password_resource.go: every argument is
 *   ForceNew (no Update); start_date is read back from Entra ID.
 * The timeline over years is rotation-timeline.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { addTenantStacks } from '../../../lib/guide/app';
import { DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { EXIT_BAD_INPUT, EXIT_NOT_YET, EXIT_OK, run } from '../../../lib/guide/rotation/cli';
import { withSecretGeneration } from '../../../lib/guide/rotation/settings-line';
import { planSynthRotation } from '../../../lib/guide/rotation/synth';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { TENANT, guideVariables, synthDefender } from '../../helpers';

function fromFile(values: Record<string, unknown>, env: Record<string, string> = {}): DeploymentSettings {
  const read = readDeploymentSettings(env, { path: 'xdr.tfvars', values });
  if (!read.settings) throw new Error(read.errors.join('\n'));
  return read.settings;
}

/** The resource of a type made by the XdrApplication child `id` (cdktf names it `xdr-application_<id>_<hash>`). */
function byId(out: any, type: string, id: string): [string, any] {
  const found = Object.entries(out.resource[type]).filter(([name]) => new RegExp(`^xdr-application_${id}_[0-9A-F]{8}$`).test(name));
  if (found.length !== 1) throw new Error(`expected one ${type} for ${id}, found ${found.length}`);
  return found[0] as [string, any];
}

function slots(out: any) {
  return (['secret', 'second-secret'] as const).map((id) => {
    const [recordName, record] = byId(out, 'terraform_data', `${id}-issue`);
    const [secretName, secret] = byId(out, 'azuread_application_password', id);
    return { record: `terraform_data.${recordName}`, input: record.input, address: `azuread_application_password.${secretName}`, secret };
  });
}

const repopulate = (settings?: DeploymentSettings) =>
  JSON.parse(Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT, settings })));

describe('the synthesized secrets', () => {
  test.each([
    ['defender-integration', () => synthDefender()],
    ['repopulate-application', () => repopulate()],
  ])('%s: each secret is replaced only through its issue record, and valid 300 days from its creation', (_name, synth) => {
    const out = synth();
    for (const [slot, s] of slots(out).entries()) {
      // a bare address: Terraform refuses a "${...}" template there (xdr-application.ts, SlotPassword)
      expect(s.secret.lifecycle.replace_triggered_by).toEqual([s.record]);
      expect(s.secret.end_date).toBe('${timeadd(plantimestamp(), "7200h")}');
      expect(s.secret).not.toHaveProperty('rotate_when_changed');
      expect(s.secret).not.toHaveProperty('value');
      expect(s.secret.lifecycle.ignore_changes).toEqual(
        slot === 0 ? ['end_date', 'end_date_relative', 'rotate_when_changed'] : ['end_date', 'rotate_when_changed'],
      );
      expect(s.input).toEqual({ generation: 0 });
    }
    expect(out.resource.time_rotating).toBeUndefined();
    expect(out.output.secret_generation.value).toBe(0);
  });

  test('secret_generation in xdr.tfvars reaches both stacks: generation 5 re-issued slot 1, slot 0 holds generation 4', () => {
    const settings = fromFile({ secret_generation: 5 });
    for (const out of [synthDefender({}, settings), repopulate(settings)]) {
      const [first, second] = slots(out);
      expect([first.input, second.input]).toEqual([{ generation: 4 }, { generation: 5 }]);
      expect(out.output.client_secret.value).toBe(`\${${second.address}.value}`);
      expect(out.output.client_secret_key_id.value).toBe(`\${${second.address}.key_id}`);
      expect(out.output.previous_client_secret_key_id.value).toBe(`\${${first.address}.key_id}`);
      // start + rotation, or lifetime - rotation days before the end when earlier (a secret issued under a shorter lifetime)
      expect(out.output.client_secret_rotate_by.value).toBe(
        `\${(timecmp(timeadd(${second.address}.start_date, "4320h"), timeadd(${second.address}.end_date, "-2880h")) == 1) ? ` +
          `timeadd(${second.address}.end_date, "-2880h") : timeadd(${second.address}.start_date, "4320h")}`,
      );
      expect(out.output.secret_generation.value).toBe(5);
    }
  });

  test('the schedule settings change only the ignored end date and the rotate-by output: no record, no other argument', () => {
    const plain = synthDefender({}, fromFile({ secret_generation: 3 }));
    const changed = synthDefender({}, fromFile({ secret_generation: 3, secret_rotation_days: 90, secret_lifetime_days: 200 }));
    const strip = (out: any) => slots(out).map((s) => ({ ...s, secret: { ...s.secret, end_date: undefined } }));
    expect(strip(changed)).toEqual(strip(plain));
    expect(slots(changed)[1].secret.end_date).toBe('${timeadd(plantimestamp(), "4800h")}');
    expect(changed.output.client_secret_rotate_by.value).toMatch(/, "2160h"\)\}$/);
  });

  test('cdk.tf (--hcl) holds the same records and the triggers as bare references, as Terraform reads them', () => {
    const app = Testing.app();
    const stack = new RepopulateApplicationStack(app, 'repopulate-application', {
      tenantId: TENANT,
      settings: fromFile({ secret_generation: 3 }),
    });
    const hcl = Testing.synthHcl(stack);
    expect(hcl.match(/replace_triggered_by = \[terraform_data\.xdr-application_(second-)?secret-issue_[0-9A-F]{8}\]/g)).toHaveLength(2);
    expect(hcl.match(/input = \{\n\s*generation = [23]\n\s*\}/g)).toHaveLength(2);
    expect(hcl).not.toMatch(/replace_triggered_by = \[\s*"/);
  });

  test('XDR_SECRET_GENERATION is refused: the counter is read from the file only', () => {
    expect(readDeploymentSettings({ XDR_SECRET_GENERATION: '1' }).errors).toEqual([
      expect.stringMatching(/^environment: XDR_SECRET_GENERATION = "1": .*run npm run rotate/),
    ]);
  });

  test('a lifetime that leaves less than 30 days after the rotation date is refused, naming both settings', () => {
    expect(readDeploymentSettings({ XDR_SECRET_ROTATION_DAYS: '200', XDR_SECRET_LIFETIME_DAYS: '229' }).errors).toEqual([
      expect.stringMatching(/^environment: XDR_SECRET_LIFETIME_DAYS = 229: must be at least XDR_SECRET_ROTATION_DAYS \(200\) \+ 30/),
    ]);
    expect(readDeploymentSettings({ XDR_SECRET_ROTATION_DAYS: '200', XDR_SECRET_LIFETIME_DAYS: '230' }).errors).toEqual([]);
  });
});

// ---- state files, the synth's line and npm run rotate ----

const NOW = Date.parse('2027-03-01T12:00:00Z');
const tenant = { name: undefined, file: 'terraform.tfvars', variables: guideVariables(), warnings: [] };

function password(name: string, key: string, start: string, end: string) {
  return {
    mode: 'managed',
    type: 'azuread_application_password',
    name,
    instances: [{ attributes: { key_id: key, start_date: start, end_date: end, value: `value-of-${key}` } }],
  };
}
function timer(name: string, rotation: string) {
  return { mode: 'managed', type: 'time_rotating', name, instances: [{ attributes: { rotation_rfc3339: rotation } }] };
}
const SECRETS = [
  password('xdr-application_secret_93EAFBE2', 'aaaa', '2026-06-01T08:00:00Z', '2027-03-28T08:00:00Z'),
  password('xdr-application_second-secret_240676E3', 'bbbb', '2026-12-01T08:00:00Z', '2027-09-27T08:00:00Z'),
];
/** A state of this release at generation g (slot g % 2 current). */
const recorded = (g: number) => ({
  version: 4,
  outputs: { secret_generation: { value: g, type: 'number' } },
  resources: SECRETS,
});
/** A state of the two-timer release: slot 1's timer ends last, so its secret is current. */
const timers = {
  version: 4,
  outputs: {},
  resources: [
    ...SECRETS,
    timer('xdr-application_secret-rotation_713DFB3E', '2026-11-28T08:00:00Z'),
    timer('xdr-application_second-secret-rotation_B475ADED', '2027-05-30T08:00:00Z'),
  ],
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rotation-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const outdir = () => path.join(root, 'cdktf.out');
function writeState(state: object, stack = 'defender-integration'): void {
  writeFileSync(path.join(root, `terraform.${stack}.tfstate`), JSON.stringify(state));
}
/** The synth as cdktf runs it in the project folder: the output folder is ./cdktf.out. */
function plan(settings: DeploymentSettings = fromFile({}), now = NOW) {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return planSynthRotation([tenant], settings, outdir(), now);
  } finally {
    process.chdir(cwd);
  }
}

describe('the synth line', () => {
  test('synthesized into another output folder (cdktf synth --output): the commands the line names are told where', () => {
    writeState(recorded(3));
    const elsewhere = path.join(root, 'elsewhere');
    const { lines } = planSynthRotation([tenant], fromFile({ secret_generation: 4 }), elsewhere, NOW);
    expect(lines).toEqual([
      expect.stringContaining(`After the deploy: npm run values -- --output ${elsewhere}, and type the new client_secret`),
    ]);
  });

  test('a new deployment issues both secrets, at the counter xdr.tfvars gives or 0; the recovery stack only when asked for', () => {
    expect(plan().generations).toEqual({ 'defender-integration': 0 });
    expect(plan(fromFile({ repopulate_application: true }))).toEqual({
      generations: { 'defender-integration': 0, 'repopulate-application': 0 },
      lines: [
        expect.stringMatching(/^defender-integration: not deployed yet: this deploy issues both client secrets; /),
        expect.stringMatching(/^repopulate-application: not deployed yet: /),
      ],
      refused: [],
    });
  });

  test('a deployed counter is kept without a setting, and the line names the secret XDR holds and the rotation date', () => {
    writeState(recorded(3));
    const { generations, lines } = plan(fromFile({}), Date.parse('2027-01-10T00:00:00Z'));
    expect(generations['defender-integration']).toBe(3);
    expect(lines[0]).toBe(
      'defender-integration: this deploy replaces no client secret (secret_generation 3; client_secret is bbbb, rotation due 2027-05-30).',
    );
  });

  test('the next counter rotates: the older secret is deleted, the one XDR holds is kept, both named', () => {
    writeState(recorded(3));
    const { generations, lines } = plan(fromFile({ secret_generation: 4 }));
    expect(generations['defender-integration']).toBe(4);
    expect(lines[0]).toBe(
      'defender-integration: this deploy rotates the client secret (secret_generation 3 -> 4): it deletes the older secret aaaa and issues a new one; ' +
        "the secret XDR holds, bbbb (client_secret until now), is kept. After the deploy: npm run values, and type the new client_secret into XDR's Client Secret field before 2027-09-27.",
    );
  });

  test('a counter that is neither the deployed one nor the next is refused in one line', () => {
    writeState(recorded(3));
    for (const setting of [2, 5]) {
      expect(plan(fromFile({ secret_generation: setting })).refused).toEqual([
        `xdr.tfvars: secret_generation = ${setting}: must be 3 (deployed in defender-integration) or 4 (the next rotation, which npm run rotate writes)`,
      ]);
    }
  });

  test('a due rotation and a secret about to expire are warnings with the date and the commands', () => {
    writeState(recorded(1));
    expect(plan(fromFile({}), Date.parse('2027-06-10T00:00:00Z')).lines[0]).toBe(
      'Warning: defender-integration: this deploy replaces no client secret; rotation due since 2027-05-30 (client_secret bbbb, valid until 2027-09-27): ' +
        'run npm run rotate, then deploy, then npm run values and type the new client_secret into XDR.',
    );
    expect(plan(fromFile({}), Date.parse('2027-09-01T00:00:00Z')).lines[0]).toMatch(
      /^Warning: defender-integration: .*client_secret bbbb expires on 2027-09-27: XDR cannot sign in with it after that; run npm run rotate, .* now\.$/,
    );
  });

  test("a state of the timer release: the current secret is the later timer's; a rotation must wait for one deploy", () => {
    writeState(timers);
    const { generations, lines } = plan();
    expect(generations['defender-integration']).toBe(1);
    expect(lines[0]).toMatch(
      /^defender-integration: this deploy replaces no client secret \(secret_generation 1, read from the earlier release's time_rotating timers/,
    );
    // a due rotation on such a state: the deploy that records the counter comes first
    expect(plan(fromFile({}), Date.parse('2027-06-10T00:00:00Z')).lines[0]).toMatch(
      /^Warning: defender-integration: this deploy replaces no client secret; rotation due since 2027-05-30 .*: deploy once first \(it records secret_generation and replaces no secret\), then npm run rotate, then deploy, /,
    );
    expect(plan(fromFile({ secret_generation: 2 })).refused).toEqual([
      expect.stringMatching(
        /^xdr.tfvars: secret_generation = 2: defender-integration's state is from the release with time_rotating timers.*write secret_generation = 1 there instead.*deploy, then npm run rotate$/,
      ),
    ]);
  });

  test('remote state is not read at synth: the line says what is unknown and what an upgrade must run', () => {
    const remote = fromFile({
      state_resource_group: 'rg',
      state_storage_account: 'acct0001',
      state_container: 'tfstate',
      secret_generation: 2,
    });
    const { generations, lines } = plan(remote);
    expect(generations['defender-integration']).toBe(2);
    expect(lines[0]).toMatch(
      /^defender-integration: .*unknown at synth \(state in Azure storage\).*npm run rotate -- --record before the first deploy/,
    );
  });

  test('remote state without secret_generation in xdr.tfvars (a second clone): a warning that counter 0 may replace the secret XDR holds, and how to record the deployed one', () => {
    const { generations, lines } = plan(
      fromFile({ state_resource_group: 'rg', state_storage_account: 'acct0001', state_container: 'tfstate' }),
    );
    expect(generations['defender-integration']).toBe(0);
    expect(lines[0]).toMatch(
      /^Warning: defender-integration: xdr.tfvars has no secret_generation .*replaces the client secret XDR holds\. Before deploying, run npx cdktf diff defender-integration \(it changes nothing\), then npm run rotate -- --record,/,
    );
  });

  test('a state file that is not JSON is refused in one line, before anything is synthesized', () => {
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), '{"version":4,');
    expect(plan().refused).toEqual([
      expect.stringMatching(/terraform\.defender-integration\.tfstate: cannot be read as a Terraform state file/),
    ]);
  });
});

describe('npm run rotate', () => {
  /** Synthesizes the stacks as cdktf synth does, and runs the command in `root` (where xdr.tfvars is). */
  async function rotate(...argv: string[]) {
    return rotateWith({}, {}, ...argv);
  }
  /** As `npm run rotate` after a synth with these settings file values, with `env`. */
  async function rotateWith(values: Record<string, unknown>, env: NodeJS.ProcessEnv, ...argv: string[]) {
    const app = new App({ outdir: outdir(), stackTraces: false });
    addTenantStacks(app, [tenant], fromFile(values));
    app.synth();
    let out = '';
    let err = '';
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { ...env, CDKTF_OUTDIR: outdir() });
      return { code, out, err };
    } finally {
      process.chdir(cwd);
    }
  }
  const settingsFile = () => path.join(root, 'xdr.tfvars');

  test('raises the deployed counter by one, keeping every other line, and says which secret goes and which stays', async () => {
    writeState(recorded(3));
    writeFileSync(settingsFile(), '# my settings\nalert_email = "soc@example.com"\n\nsecret_generation = 3 # was\n# end\n');
    const { code, out } = await rotate();
    expect(code).toBe(EXIT_OK);
    expect(readFileSync(settingsFile(), 'utf8')).toBe('# my settings\nalert_email = "soc@example.com"\n\nsecret_generation = 4\n# end\n');
    expect(out).toBe(
      [
        'Wrote secret_generation = 4 to xdr.tfvars (deployed: 3).',
        'defender-integration: the next deploy deletes the older secret aaaa and issues a new one. Before you deploy, XDR must hold the current secret bbbb (npm run values shows it as client_secret): it is kept.',
        "Next: npx cdktf deploy defender-integration; npm run values; type the new client_secret into XDR's Client Secret field before 2027-09-27, when the secret XDR holds now expires.",
        '',
      ].join('\n'),
    );
  });

  test('creates xdr.tfvars when there is none', async () => {
    writeState(recorded(0));
    expect((await rotate()).code).toBe(EXIT_OK);
    expect(readFileSync(settingsFile(), 'utf8')).toMatch(/^# The rotation counter: .*\nsecret_generation = 1\n$/);
  });

  test('refuses while the last rotation is not deployed', async () => {
    writeState(recorded(3));
    writeFileSync(settingsFile(), 'secret_generation = 4\n');
    const { code, err } = await rotate();
    expect(code).toBe(EXIT_NOT_YET);
    expect(err).toBe(
      'xdr.tfvars already says secret_generation = 4: the last rotation is not deployed yet: deploy first (npx cdktf deploy defender-integration).\n',
    );
    expect(readFileSync(settingsFile(), 'utf8')).toBe('secret_generation = 4\n');
  });

  test('nothing synthesized in the output folder: the synth named writes there', async () => {
    let err = '';
    const none = path.join(root, 'none');
    const code = await run([], { out: () => undefined, err: (t) => (err += t) }, { CDKTF_OUTDIR: none });
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(err).toBe(`Error: no synthesized stack in ${none}: run npx cdktf synth --output ${none} first\n`);
  });

  test('nothing deployed: nothing to rotate', async () => {
    const { code, err } = await rotate();
    expect(code).toBe(EXIT_NOT_YET);
    expect(err).toMatch(/^No deployed stack holds the XDR application yet: deploy first/);
  });

  test('from the timer release: --record writes the current slot, a plain rotate says to record and deploy first', async () => {
    writeState(timers);
    const plain = await rotate();
    expect(plain.code).toBe(EXIT_NOT_YET);
    expect(plain.err).toMatch(/^The deployed state is from the release with time_rotating timers: run npm run rotate -- --record, deploy/);
    const recordRun = await rotate('--record');
    expect(recordRun.code).toBe(EXIT_OK);
    expect(readFileSync(settingsFile(), 'utf8')).toMatch(/\nsecret_generation = 1\n$/);
    expect(recordRun.out).toMatch(/^Recorded secret_generation = 1 in xdr\.tfvars \(the current secret of the timer release/);
  });

  test('from the timer release with the next counter already in xdr.tfvars: the synth says to write the deployed one, and --record writes it too', async () => {
    writeState(timers);
    writeFileSync(settingsFile(), 'secret_generation = 2\n');
    // by hand: npm run rotate reads synthesized stacks, and in a fresh clone the only synth there is is this refused one
    expect(plan(fromFile({ secret_generation: 2 })).refused).toEqual([
      expect.stringContaining(
        'write secret_generation = 1 there instead (by hand: npm run rotate needs a synthesized stack, and this synth is refused), deploy, then npm run rotate',
      ),
    ]);
    expect(plan(fromFile({ secret_generation: 1 })).refused).toEqual([]);
    // a plain rotate names the same way out, not "deploy first", which the synth refuses
    const plain = await rotate();
    expect(plain.code).toBe(EXIT_NOT_YET);
    expect(plain.err).toMatch(/^The deployed state is from the release with time_rotating timers: run npm run rotate -- --record, deploy/);
    const recordRun = await rotate('--record');
    expect(recordRun.code).toBe(EXIT_OK);
    expect(readFileSync(settingsFile(), 'utf8')).toBe('secret_generation = 1\n');
    expect(plan(fromFile({ secret_generation: 1 })).refused).toEqual([]);
  });

  test('state in Azure storage is read with terraform state pull in each initialized stack folder', async () => {
    const remote = { state_resource_group: 'rg', state_storage_account: 'acct0001', state_container: 'tfstate' };
    writeFileSync(
      settingsFile(),
      Object.entries(remote)
        .map(([k, v]) => `${k} = "${v}"`)
        .join('\n') + '\n',
    );
    // a fake terraform on PATH that logs its calls and prints a state of generation 3
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(root, 'pulled.json'), JSON.stringify(recorded(3)));
    writeFileSync(path.join(bin, 'terraform'), `#!/bin/sh\necho "$PWD $*" >> "${root}/calls.log"\ncat "${root}/pulled.json"\n`, {
      mode: 0o755,
    });
    for (const stack of ['defender-integration', 'repopulate-application'])
      mkdirSync(path.join(outdir(), 'stacks', stack, '.terraform'), { recursive: true });
    // the recovery stack holds the application too, when it is asked for
    const { code, out } = await rotateWith({ ...remote, repopulate_application: true }, { PATH: `${bin}:/usr/bin:/bin` });
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/^Wrote secret_generation = 4 to xdr\.tfvars \(deployed: 3\)\.\n/);
    expect(readFileSync(path.join(root, 'calls.log'), 'utf8').trim().split('\n')).toEqual(
      ['defender-integration', 'repopulate-application'].map((stack) => `${path.join(outdir(), 'stacks', stack)} state pull`),
    );
    expect(readFileSync(settingsFile(), 'utf8')).toMatch(/^state_resource_group = "rg"\n[^]*\nsecret_generation = 4\n$/);
  });

  test('XDR_SECRET_GENERATION set: the refusal says to unset it before npm run rotate, which then writes the file', async () => {
    writeState(recorded(3));
    const refused = await rotateWith({}, { XDR_SECRET_GENERATION: '4' });
    expect(refused.code).toBe(EXIT_BAD_INPUT);
    // followed in its order: the variable goes first (npm run rotate reads the same settings, and refuses while it is set)
    expect(refused.err).toMatch(/: unset XDR_SECRET_GENERATION, then run npm run rotate \(it writes the file\)\n$/);
    expect((await rotateWith({}, {})).code).toBe(EXIT_OK);
    expect(readFileSync(settingsFile(), 'utf8')).toMatch(/\nsecret_generation = 4\n$/);
  });

  test('an unknown option is one line, exit 2', async () => {
    const { code, err } = await rotate('--now');
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(err).toMatch(/^Error: unknown option '--now'/);
  });
});

describe('the settings line npm run rotate owns', () => {
  test.each([
    ['', '# The rotation counter: which client secret is current. npm run rotate raises it (help/rotation.md).\nsecret_generation = 2\n'],
    [
      'a = 1',
      'a = 1\n\n# The rotation counter: which client secret is current. npm run rotate raises it (help/rotation.md).\nsecret_generation = 2\n',
    ],
    ['  secret_generation   =  1\nb = 2\n', 'secret_generation = 2\nb = 2\n'],
    ['# secret_generation = 0\nsecret_generation = 1\n', '# secret_generation = 0\nsecret_generation = 2\n'],
  ])('%j', (before, after) => {
    expect(withSecretGeneration(before, 2)).toBe(after);
  });
});

test('the stacks the synth plans are the ones with a local state file of that name', () => {
  mkdirSync(outdir(), { recursive: true });
  const app = new App({ outdir: outdir(), stackTraces: false });
  addTenantStacks(app, [tenant], fromFile({ repopulate_application: true }));
  app.synth();
  for (const stack of ['defender-integration', 'repopulate-application']) {
    const json = JSON.parse(readFileSync(path.join(outdir(), 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.backend.local.path).toBe(`../../../terraform.${stack}.tfstate`);
  }
});

describe('npm run values after a rotation', () => {
  test('says first that a deploy issued a new secret since it last ran, with the Secret ID and the XDR field', async () => {
    const { run: values } = await import('../../../lib/guide/values/cli');
    const app = new App({ outdir: outdir(), stackTraces: false });
    addTenantStacks(app, [tenant], fromFile({}));
    app.synth();
    const deployed = (key: string, previous: string) => ({
      version: 4,
      outputs: {
        client_secret: { value: `value-of-${key}`, sensitive: true },
        client_secret_key_id: { value: key },
        previous_client_secret_key_id: { value: previous },
        previous_client_secret_expires_at: { value: '2099-09-27T08:00:00Z' },
      },
      resources: [],
    });
    const show = async () => {
      let out = '';
      await values(['defender-integration'], { out: (t) => (out += t), err: () => undefined }, { CDKTF_OUTDIR: outdir() });
      return out.split('\n')[1];
    };
    writeState(deployed('bbbb', 'aaaa'));
    expect(await show()).toBe("  XDR's Client Secret field must hold client_secret, Secret ID bbbb.");
    expect(await show()).toBe("  XDR's Client Secret field must hold client_secret, Secret ID bbbb.");
    writeState(deployed('cccc', 'bbbb'));
    expect(await show()).toBe(
      "  NEW CLIENT SECRET since npm run values last ran: Secret ID cccc. Type client_secret into XDR's Client Secret field before 2099-09-27, when the older secret stops working.",
    );
    expect(await show()).toBe("  XDR's Client Secret field must hold client_secret, Secret ID cccc.");
  });
});
