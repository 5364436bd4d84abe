import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadGuideVariables, readTfvars } from '../../../lib/guide/config/tfvars';
import { InvalidSettingsError } from '../../../lib/rules/errors';

const dir = mkdtempSync(join(tmpdir(), 'tfvars-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function problemsOf(path: string): Promise<readonly string[]> {
  try {
    await loadGuideVariables(path);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('reading terraform.tfvars', () => {
  test('the shipped example is valid and only flags its placeholder IDs', async () => {
    const loaded = await loadGuideVariables('terraform.tfvars.example');
    expect(loaded.variables.client_name).toBe('CustomerName');
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/^terraform.tfvars.example: azure_tenant_id is the placeholder/),
      expect.stringMatching(/^terraform.tfvars.example: azure_subscription_id is the placeholder/),
    ]);
  });

  test('HCL as Terraform reads it: comments, spacing, numbers, bools', async () => {
    const raw = await readTfvars(
      file(
        'hcl.tfvars',
        [
          '# hash comment',
          '// slash comment',
          '/* block',
          'comment */',
          'client_name="Contoso"   # trailing',
          'eventhub_partition_count = 8',
          'replacement_eventhub = false',
          '',
        ].join('\n'),
      ),
    );
    expect(raw).toEqual({ client_name: 'Contoso', eventhub_partition_count: 8, replacement_eventhub: false });
  });

  test('a missing file is named, with how to point at another one', async () => {
    expect(await problemsOf(join(dir, 'nope.tfvars'))).toEqual([
      `${join(dir, 'nope.tfvars')}: no such file or folder; set XDR_TFVARS to the path of your terraform.tfvars or tenants folder`,
    ]);
  });

  test("an unparsable file is named, with the parser's reason on one line", async () => {
    const path = file('broken.tfvars', 'client_name = "Contoso\neventhub_partition_count = \n');
    const problems = await problemsOf(path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${path}: is not valid HCL: `));
    expect(problems[0]).not.toContain('\n');
  });

  test('invalid values are prefixed with the file name', async () => {
    const path = file('bad.tfvars', 'eventhub_partition_count = 64\n');
    expect(await problemsOf(path)).toEqual([
      `${path}: eventhub_partition_count = 64: must be a whole number from 1 to 32 on the Standard tier`,
    ]);
  });

  test('a directory is not a tfvars file', async () => {
    expect(await problemsOf(dir)).toEqual([
      `${dir}: is a folder; a file is needed; set XDR_TFVARS to the path of your terraform.tfvars or tenants folder`,
    ]);
  });
});
