/** Finding the settings file: ./xdr.tfvars when present, XDR_SETTINGS when set, every problem named. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDeploymentSettings } from '../../../lib/guide/config/settings-file';

let dir: string;
const cwd = process.cwd();
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'settings-file-'));
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

test('no file and no environment: the defaults and ./terraform.tfvars', async () => {
  expect(await loadDeploymentSettings({})).toMatchObject({ tfvars: 'terraform.tfvars', errors: [] });
});

test('./xdr.tfvars is read when present, and the environment wins over it', async () => {
  writeFileSync('xdr.tfvars', 'alert_email = "soc@example.com"\nsecret_rotation_days = 90\n');
  expect((await loadDeploymentSettings({})).settings).toMatchObject({ alertEmail: 'soc@example.com', secretRotationDays: 90 });
  expect((await loadDeploymentSettings({ XDR_ALERT_EMAIL: 'noc@example.com' })).settings).toMatchObject({
    alertEmail: 'noc@example.com',
    secretRotationDays: 90,
  });
});

test.each([
  [
    'missing.tfvars',
    'environment: XDR_SETTINGS = "missing.tfvars": no such file or folder; set XDR_SETTINGS to the path of your settings file',
  ],
  [
    'a\u001b[31m.tfvars',
    'environment: XDR_SETTINGS = "a\uFFFD[31m.tfvars": must not contain control or invisible characters (found U+001B)',
  ],
])('XDR_SETTINGS=%j is refused', async (named, message) => {
  const read = await loadDeploymentSettings({ XDR_SETTINGS: named });
  expect(read.settings).toBeUndefined();
  expect(read.errors).toEqual([expect.stringContaining(message)]);
});

test('a settings file that is not HCL is refused like a terraform.tfvars, naming the file', async () => {
  writeFileSync('xdr.tfvars', 'alert_email = "unterminated\n');
  const read = await loadDeploymentSettings({});
  expect(read.settings).toBeUndefined();
  expect(read.tfvars).toBe('');
  expect(read.errors).toEqual([expect.stringMatching(/^xdr\.tfvars: is not valid HCL/)]);
});

test('an unquoted word is refused, saying to quote it', async () => {
  writeFileSync('xdr.tfvars', 'state_container = tfstate\n');
  const read = await loadDeploymentSettings({});
  expect(read.errors).toContainEqual(
    'xdr.tfvars: state_container: the value tfstate is not in quotes; write state_container = "tfstate" (without quotes HCL reads a word as an expression, not as text)',
  );
});
