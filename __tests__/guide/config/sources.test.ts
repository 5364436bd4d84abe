/**
 * Terraform's variable sources for the guide's variables: which files are read beside a
 * terraform.tfvars, in which order, JSON read as JSON, tenants folders, and TF_VAR_ refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkTerraformEnvironment, describeSources, loadTenants } from '../../../lib/guide/config/tenants';
import { loadGuideVariables, variableSources } from '../../../lib/guide/config/tfvars';
import { cdktfCliCommand, cdktfCliEnvironmentNames } from '../../../lib/guide/fs/cdktf-cli';
import { problemsOf } from '../../helpers';

const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';
const IDS_JSON = { azure_tenant_id: '11111111-2222-3333-4444-555555555555', azure_subscription_id: '66666666-7777-8888-9999-000000000000' };

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sources-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | object): string {
  const full = join(dir, name);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, typeof text === 'string' ? text : JSON.stringify(text));
  return full;
}

describe('beside a terraform.tfvars, the files Terraform reads, later winning', () => {
  beforeEach(() => {
    file('terraform.tfvars', `${IDS}client_name = "FromTfvars"\neventhub_partition_count = 2\ndata_retention_length = 3\n`);
    file('terraform.tfvars.json', { client_name: 'FromJson', eventhub_partition_count: 4 });
    file('b.auto.tfvars', 'eventhub_partition_count = 8\n');
    file('a.auto.tfvars.json', { eventhub_partition_count: 6, data_retention_length: 5 });
    file('other.tfvars', 'client_name = "NotRead"\n');
  });

  test('terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name', async () => {
    expect(variableSources(join(dir, 'terraform.tfvars'))).toEqual(
      ['terraform.tfvars', 'terraform.tfvars.json', 'a.auto.tfvars.json', 'b.auto.tfvars'].map((n) => join(dir, n)),
    );
    const [tenant] = await loadTenants(join(dir, 'terraform.tfvars'), {});
    expect(tenant.variables).toMatchObject({ client_name: 'FromJson', eventhub_partition_count: 8, data_retention_length: 5 });
    expect(describeSources(join(dir, 'terraform.tfvars'), [tenant])).toBe(
      `Variables: read ${['terraform.tfvars', 'terraform.tfvars.json', 'a.auto.tfvars.json', 'b.auto.tfvars'].map((n) => join(dir, n)).join(', ')} (a later file wins, as in Terraform)`,
    );
  });

  test('a problem names the file that set the variable', async () => {
    file('c.auto.tfvars', 'data_retention_length = 99\n');
    expect(await problemsOf(loadTenants(join(dir, 'terraform.tfvars'), {}))).toEqual([
      expect.stringMatching(new RegExp(`^${join(dir, 'c.auto.tfvars')}: data_retention_length = 99: `)),
    ]);
  });

  test('a terraform.tfvars.json alone is found where terraform.tfvars is missing', async () => {
    rmSync(join(dir, 'terraform.tfvars'));
    file('terraform.tfvars.json', { ...IDS_JSON, client_name: 'OnlyJson' });
    rmSync(join(dir, 'a.auto.tfvars.json'));
    rmSync(join(dir, 'b.auto.tfvars'));
    const [tenant] = await loadTenants(join(dir, 'terraform.tfvars'), {});
    expect(tenant.variables.client_name).toBe('OnlyJson');
    expect(tenant.sources).toEqual([join(dir, 'terraform.tfvars.json')]);
  });

  test('a file of another name is read alone, as -var-file reads it', async () => {
    file('other.tfvars', `${IDS}client_name = "Other"\n`);
    const [tenant] = await loadTenants(join(dir, 'other.tfvars'), {});
    expect(tenant.sources).toEqual([join(dir, 'other.tfvars')]);
    expect(tenant.variables.client_name).toBe('Other');
    expect(describeSources(join(dir, 'other.tfvars'), [tenant])).toBe(`Variables: read ${join(dir, 'other.tfvars')}`);
  });
});

describe('JSON tfvars', () => {
  test('a .tfvars.json named by XDR_TFVARS is read as JSON', async () => {
    const path = file('acme.tfvars.json', { ...IDS_JSON, client_name: 'Acme', eventhub_partition_count: 8 });
    const loaded = await loadGuideVariables(path);
    expect(loaded.variables).toMatchObject({ client_name: 'Acme', eventhub_partition_count: 8 });
  });

  test('invalid JSON is named as JSON, on one line', async () => {
    const path = file('broken.tfvars.json', '{"client_name": "x",\n}');
    expect(await problemsOf(loadGuideVariables(path))).toEqual([expect.stringMatching(new RegExp(`^${path}: is not valid JSON: `))]);
    const array = file('array.tfvars.json', '[]');
    expect(await problemsOf(loadGuideVariables(array))).toEqual([`${array}: must hold one JSON object of variable names and values`]);
  });
});

describe('a tenants folder', () => {
  test('globex.tfvars.json is a tenant beside acme.tfvars', async () => {
    file('t/acme.tfvars', `${IDS}client_name = "Acme"\n`);
    file('t/globex.tfvars.json', { ...IDS_JSON, azure_subscription_id: '77777777-7777-8888-9999-000000000000', client_name: 'Globex' });
    const tenants = await loadTenants(join(dir, 't'), {});
    expect(tenants.map((t) => [t.name, t.variables.client_name])).toEqual([
      ['acme', 'Acme'],
      ['globex', 'Globex'],
    ]);
    expect(describeSources(join(dir, 't'), tenants)).toBe(`Variables: read 2 tenant files in ${join(dir, 't')}`);
  });

  test('an *.auto.tfvars is refused, and acme.tfvars beside acme.tfvars.json is one tenant twice', async () => {
    file('t/acme.tfvars', `${IDS}client_name = "Acme"\n`);
    file('t/acme.tfvars.json', { ...IDS_JSON, client_name: 'Acme2' });
    file('t/common.auto.tfvars', 'eventhub_partition_count = 8\n');
    expect(await problemsOf(loadTenants(join(dir, 't'), {}))).toEqual([
      expect.stringMatching(/acme\.tfvars\.json: file name = "acme": differs from .*acme\.tfvars only in letter case or extension/),
      expect.stringMatching(
        /common\.auto\.tfvars: is not a tenant file: Terraform reads it by itself in every run in its folder, so it would apply to every tenant/,
      ),
    ]);
  });
});

describe('TF_VAR_ variables', () => {
  test('one of the guide is refused, naming the variable and where to write it instead', async () => {
    file('terraform.tfvars', `${IDS}client_name = "Acme"\n`);
    expect(
      await problemsOf(loadTenants(join(dir, 'terraform.tfvars'), { TF_VAR_eventhub_partition_count: '8', TF_VAR_other: 'x' })),
    ).toEqual([
      `TF_VAR_eventhub_partition_count: is set in the environment, and this tool does not read TF_VAR_ variables (cdktf removes them before it runs the app, and every cdktf command synthesizes again, maybe in a shell without it); write eventhub_partition_count = … in ${join(dir, 'terraform.tfvars')} and unset TF_VAR_eventhub_partition_count`,
    ]);
  });

  test('under cdktf, which removes them from the app, they are found in the CLI process', () => {
    expect(checkTerraformEnvironment({}, 'terraform.tfvars', ['PATH', 'TF_VAR_client_name'])).toEqual([
      expect.stringMatching(/^TF_VAR_client_name: is set/),
    ]);
    // a /proc of three processes: the app's shell (its parent), the cdktf CLI, and npx above it
    const proc = join(dir, 'proc');
    const processEntry = (pid: number, parent: number, argv: string[], env: string[]) => {
      file(`proc/${pid}/cmdline`, `${argv.join('\0')}\0`);
      file(`proc/${pid}/environ`, `${env.join('\0')}\0`);
      file(`proc/${pid}/stat`, `${pid} (sh (odd) name) S ${parent} 1 1`);
    };
    processEntry(process.ppid, 900, ['/bin/sh', '-c', 'node main.ts'], ['PATH=/bin']);
    processEntry(900, 800, ['node', '/project/node_modules/.bin/cdktf', 'synth'], ['PATH=/bin', 'TF_VAR_azure_region=westeurope']);
    processEntry(800, 1, ['npm exec cdktf synth'], ['TF_VAR_client_name=x']);
    const cli = { SYNTH_HCL_OUTPUT: 'false', CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' };
    expect(cdktfCliEnvironmentNames(cli, proc)).toEqual(['PATH', 'TF_VAR_azure_region']);
    expect(cdktfCliEnvironmentNames({}, proc)).toEqual([]);
    expect(cdktfCliEnvironmentNames(cli, join(dir, 'no-proc'))).toEqual([]);
    // the same walk tells the summary line which command runs: "will destroy" under cdktf destroy
    expect(cdktfCliCommand(cli, proc)).toBe('synth');
    processEntry(900, 800, ['node', '/project/node_modules/.bin/cdktf', '--log-level=warn', 'destroy', 'defender-integration'], []);
    expect(cdktfCliCommand(cli, proc)).toBe('destroy');
    expect(cdktfCliCommand({}, proc)).toBeUndefined();
    expect(cdktfCliCommand(cli, join(dir, 'no-proc'))).toBeUndefined();
  });
});
