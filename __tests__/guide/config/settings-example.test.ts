/** xdr.tfvars.example: every persisted key is in it, commented, and uncommented it reads without a problem. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SETTINGS } from '../../../lib/guide/config/settings';
import { loadDeploymentSettings } from '../../../lib/guide/config/settings-file';

const EXAMPLE = readFileSync(path.resolve(__dirname, '../../../xdr.tfvars.example'), 'utf8');

test('every persisted key is in the example, commented out, and no one-off switch is', () => {
  const commented = [...EXAMPLE.matchAll(/^# ([a-z_]+) +=/gm)].map((m) => m[1]);
  expect(commented.sort()).toEqual(
    SETTINGS.filter((s) => s.persisted)
      .map((s) => s.key)
      .sort(),
  );
  expect(EXAMPLE.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
});

test('uncommented, the example is read without a problem by the app loader', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'example-'));
  try {
    const file = path.join(dir, 'xdr.tfvars');
    const uncommented = EXAMPLE.replace(/^# ((?:[a-z_]+ +=| {2}[a-z-]+ +=|\}).*)$/gm, '$1').replace(
      /"0{8}-0{4}-0{4}-0{4}-0{12}"/g,
      '"6d0f0b9e-8b0a-4b57-9f4c-1a2b3c4d5e6f"',
    );
    writeFileSync(file, uncommented);
    const read = await loadDeploymentSettings({ XDR_SETTINGS: file });
    expect(read.errors).toEqual([]);
    expect(read.tfvars).toBe(path.join(dir, 'terraform.tfvars'));
    expect(read.settings).toMatchObject({
      alertEmail: 'soc@example.com',
      tags: { 'cost-center': '4711', owner: 'SOC team' },
      grantAdminConsent: true,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
