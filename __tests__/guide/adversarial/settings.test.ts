/**
 * Issue 21, hostile settings: one test per class of finding, through the real readers
 * (loadDeploymentSettings, loadTenants, the size command). The same classes through the real app
 * are in settings-app.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as size } from '../../../lib/guide/cli/size';
import { loadDeploymentSettings } from '../../../lib/guide/config/settings-file';
import { loadTenants } from '../../../lib/guide/config/tenants';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import { SUBSCRIPTION, TENANT } from '../../helpers';

const IDS = `azure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n`;

let dir: string;
const cwd = process.cwd();
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-settings-'));
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  mkdirSync(path.dirname(name), { recursive: true });
  writeFileSync(name, text);
  return name;
}

/** Every problem the app would print before synthesizing: the settings', then the tenants'. */
async function problems(env: Record<string, string> = {}): Promise<string[]> {
  const settings = await loadDeploymentSettings(env);
  const found = [...settings.errors];
  if (settings.tfvarsPath !== undefined) {
    await loadTenants(settings.tfvarsPath, {}).catch((error: unknown) => {
      if (!(error instanceof InvalidSettingsError)) throw error;
      found.push(...error.problems);
    });
  }
  return found;
}

async function sizeErrors(...argv: string[]): Promise<string> {
  let err = '';
  await size(argv, { out: () => undefined, err: (text) => (err += text) });
  return err;
}

describe('settings silently lost', () => {
  test('a settings path that is a dangling link is refused, naming its setting', async () => {
    file('terraform.tfvars', IDS);
    symlinkSync(path.join(dir, 'unmounted', 'xdr.tfvars'), 'xdr.tfvars');
    expect(await problems()).toEqual([
      `xdr.tfvars: is a symbolic link to ${path.join(dir, 'unmounted', 'xdr.tfvars')}, which does not exist (a drive not mounted, a file moved?); nothing is read without it: mount or restore it, or move it away to run without settings, or set XDR_SETTINGS to your settings file`,
    ]);
    expect(await problems({ XDR_SETTINGS: 'xdr.tfvars' })).toEqual([
      expect.stringMatching(/^environment: XDR_SETTINGS = "xdr\.tfvars": is a symbolic link to .*, which does not exist/),
    ]);
    rmSync('xdr.tfvars');
    symlinkSync('gone.tfvars', 'linked.tfvars');
    file('xdr.tfvars', 'tfvars = "linked.tfvars"\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: tfvars = "linked.tfvars": is a symbolic link to gone.tfvars, which does not exist (a drive not mounted, a file moved?); nothing is read without it: mount or restore it, or set tfvars to the guide\'s terraform.tfvars or a tenants folder (a relative path starts at the settings file\'s folder)',
    ]);
    expect(await problems({ XDR_TFVARS: 'linked.tfvars' })).toEqual([
      expect.stringMatching(/^environment: XDR_TFVARS = "linked\.tfvars": is a symbolic link to gone\.tfvars, which does not exist/),
    ]);
    file('tenants/acme.tfvars', `${IDS}client_name = "Acme"\n`);
    symlinkSync('../gone.tfvars', 'tenants/globex.tfvars');
    expect(await problems({ XDR_TFVARS: 'tenants' })).toEqual([
      expect.stringMatching(/^tenants\/globex\.tfvars: is a symbolic link to \.\.\/gone\.tfvars, which does not exist/),
    ]);
  });

  test('a settings file that is a folder is refused, saying what the setting reads', async () => {
    mkdirSync('xdr.tfvars');
    file('terraform.tfvars', IDS);
    expect(await problems()).toEqual([
      'xdr.tfvars: is a folder; the settings are one HCL file like terraform.tfvars (see xdr.tfvars.example); move it away to run without settings, or set XDR_SETTINGS to your settings file',
    ]);
    expect(await problems({ XDR_SETTINGS: 'xdr.tfvars' })).toEqual([
      'environment: XDR_SETTINGS = "xdr.tfvars": is a folder; the settings are one HCL file like terraform.tfvars (see xdr.tfvars.example); set XDR_SETTINGS to the path of your settings file, or unset it to read ./xdr.tfvars',
    ]);
    expect(await sizeErrors('--events-per-minute', '1000', '--check', dir)).toBe(
      `Error: --check = "${dir}": is a folder; --check compares one terraform.tfvars file (for a tenants folder, check each tenant's file); give --check the path of a terraform.tfvars file\n`,
    );
  });

  test("an empty path setting is refused, never read as the settings file's folder", async () => {
    file('terraform.tfvars', IDS);
    file('xdr.tfvars', 'tfvars = ""\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: tfvars = "": names no file or folder; give the path of the guide\'s terraform.tfvars or of a tenants folder, or remove the line to read ./terraform.tfvars',
    ]);
  });

  test('a folder with no tenant file says what a tenants folder holds, naming the setting', async () => {
    file('empty/README.md', 'notes\n');
    expect(await problems({ XDR_TFVARS: 'empty' })).toEqual([
      'environment: XDR_TFVARS = "empty": is a folder, so it is read as a tenants folder, and it holds no .tfvars or .tfvars.json file: a tenants folder holds one file per tenant, named after it (acme.tfvars, globex.tfvars.json); for one deployment, give the path of its terraform.tfvars instead',
    ]);
  });
});

test('a file Terraform reads by itself in a tenants folder is refused, never made a tenant', async () => {
  file('tenants/acme.tfvars', `${IDS}client_name = "Acme"\n`);
  file('tenants/terraform.tfvars', `${IDS}client_name = "Everyone"\n`);
  file('tenants/terraform.tfvars.json', '{}');
  file('tenants/xdr.tfvars', 'alert_email = "soc@example.com"\n');
  const reason = 'is not a tenant file: Terraform reads it by itself in every run in its folder, so it would apply to every tenant';
  expect(await problems({ XDR_TFVARS: 'tenants' })).toEqual([
    expect.stringContaining(`tenants/terraform.tfvars: ${reason}`),
    expect.stringContaining(`tenants/terraform.tfvars.json: ${reason}`),
    "tenants/xdr.tfvars: is named like the settings file, not a tenant file; keep the settings file outside the tenants folder, or rename the tenant's file",
  ]);
});

describe('look-alikes', () => {
  test('an e-mail address mixing scripts is refused, naming the odd letter', async () => {
    file('terraform.tfvars', IDS);
    file('xdr.tfvars', 'alert_email = "soc@ex\u0430mple.com"\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: alert_email = "soc@ex\u0430mple.com": its domain label "ex\u0430mple" holds U+0430 CYRILLIC SMALL LETTER A among Latin letters, a look-alike; retype the address',
    ]);
    expect(await problems({ XDR_ALERT_EMAIL: 'soc@\u0430\u0440\u0440\u04CF\u0435.com' })).toEqual([
      expect.stringContaining('is Cyrillic letters that print like the Latin "apple", among Latin labels, a look-alike'),
    ]);
    // one script throughout, an internationalized domain, is an address like any other
    expect(await problems({ XDR_ALERT_EMAIL: 'soc@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444' })).toEqual([]);
  });

  test('a name with a letter of another script is told which letter, by code point and Unicode name', async () => {
    file('terraform.tfvars', `${IDS}cl\u0456ent_name = "Acme"\n`);
    file('xdr.tfvars', 'al\u0435rt_email = "soc@example.com"\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: al\u0435rt_email = "soc@example.com": is not a setting; did you mean "alert_email"? The two print alike, but this name holds U+0435 CYRILLIC SMALL LETTER IE where "alert_email" has a Latin letter: retype it',
      expect.stringContaining(
        'did you mean "client_name"? The two print alike, but this name holds U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I where "client_name" has a Latin letter',
      ),
    ]);
  });
});

test('the value of an unknown name that looks like a credential is never echoed', async () => {
  file('terraform.tfvars', `${IDS}client_secret = "hunter2-canary"\n`);
  file('xdr.tfvars', 'storage_account_key = "canary-key"\n');
  const found = await problems();
  expect(found).toEqual([
    expect.stringMatching(/^xdr\.tfvars: storage_account_key = "\*\*\*": is not a setting/),
    expect.stringMatching(/^terraform\.tfvars: client_secret = "\*\*\*": is not a variable/),
  ]);
  expect(found.join('\n')).not.toMatch(/canary/);
});

describe('messages say the fix that keeps the value', () => {
  test('a reference in a value is told that nothing evaluates it, and to write the value itself', async () => {
    file('terraform.tfvars', IDS);
    file('xdr.tfvars', 'alert_email = "${ALERT_EMAIL}"\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: alert_email = "${ALERT_EMAIL}": must not contain "${" or "%{": nothing evaluates a reference here (no Terraform variable or template, no environment variable); write the value itself',
    ]);
  });

  test('a quoted number is told to drop the quotes, as a quoted flag is', async () => {
    file('terraform.tfvars', IDS);
    file('xdr.tfvars', 'secret_rotation_days = "90"\ngrant_admin_consent = "yes"\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: secret_rotation_days = "90": must be a number, without quotes: write secret_rotation_days = 90',
      'xdr.tfvars: grant_admin_consent = "yes": must be true or false, without quotes',
    ]);
  });

  test('an unquoted word is shown as written, with what the setting takes', async () => {
    file('terraform.tfvars', IDS);
    file('xdr.tfvars', 'secret_rotation_days = ninety\nadopt_existing = yes\nalert_email = soc\n');
    // every problem at once: the quotes missing around a text do not hide the other settings' problems
    expect(await problems()).toEqual([
      'xdr.tfvars: alert_email: the value soc is not in quotes; write alert_email = "soc" (without quotes HCL reads a word as an expression, not as text)',
      'xdr.tfvars: adopt_existing = yes: must be true or false, without quotes',
      'xdr.tfvars: secret_rotation_days = ninety: must be a whole number of days, such as 90',
    ]);
    // a path refused for its quotes names nothing: ./terraform.tfvars is not read in its place
    rmSync('terraform.tfvars');
    file('xdr.tfvars', 'tfvars = tenants\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: tfvars: the value tenants is not in quotes; write tfvars = "tenants" (without quotes HCL reads a word as an expression, not as text)',
    ]);
  });

  test('a repeated key shows where it was set first', async () => {
    file('xdr.tfvars', 'tags = { a = "b" }\nalert_email = "soc@example.com"\ntags = { c = "d" }\n');
    expect(await problems()).toEqual([
      'xdr.tfvars: is not valid HCL: line 3, column 1: Attribute redefined; The argument "tags" was already set at line 1, column 1. Each argument may be set only once.',
    ]);
  });

  test('a number with thousands separators is told to write the digits alone', async () => {
    expect(await sizeErrors('--events-per-minute', '120,000', '--endpoints', '20_000')).toBe(
      'Error: --events-per-minute = "120,000": holds a thousands separator, which a number here must not: write --events-per-minute 120000\n' +
        'Error: --endpoints = "20_000": holds a thousands separator, which a number here must not: write --endpoints 20000\n',
    );
  });
});
