/**
 * The output folder holds exactly one synth, through the real `cdktf synth` (offline, no terraform):
 * JSON then HCL then JSON again leave one format per stack folder beside Terraform's working files,
 * and stacks no longer synthesized leave cdktf.out while every state file stays where it was.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const CDKTF_CLI = path.join(ROOT, 'node_modules/cdktf-cli/bundle/bin/cdktf');
const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';

jest.setTimeout(300_000);

let work: string;
const out = () => path.join(work, 'cdktf.out');
const stackFolder = (stack: string) => path.join(out(), 'stacks', stack);

function synth(tfvars: string, ...flags: string[]): ReturnType<typeof spawnSync> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  const run = spawnSync(process.execPath, [CDKTF_CLI, 'synth', ...flags, '--output', out()], {
    cwd: ROOT,
    env: {
      ...env,
      XDR_TFVARS: tfvars,
      XDR_REPOPULATE_APPLICATION: '1',
      CHECKPOINT_DISABLE: '1',
      CI: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toMatchObject({ status: 0 });
  return run;
}

/** What `terraform init`, `plan` and a local-state run leave in a stack folder. */
function seedWorkingFiles(stack: string): void {
  const folder = stackFolder(stack);
  fs.mkdirSync(path.join(folder, '.terraform', 'providers'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.terraform', 'providers', 'azurerm'), 'provider');
  fs.writeFileSync(path.join(folder, '.terraform.lock.hcl'), 'lock');
  fs.writeFileSync(path.join(folder, 'plan'), 'plan');
  fs.writeFileSync(path.join(folder, 'review.tfplan'), 'plan');
}

const listing = (stack: string) => fs.readdirSync(stackFolder(stack)).sort();
const WORKING_FILES = ['.terraform', '.terraform.lock.hcl', 'plan', 'review.tfplan'];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'formats-'));
  fs.mkdirSync(path.join(work, 'tenants'));
  fs.writeFileSync(path.join(work, 'tenants', 'acme.tfvars'), `${IDS}client_name = "Acme"\n`);
  fs.writeFileSync(
    path.join(work, 'tenants', 'globex.tfvars'),
    `${IDS.replace('66666666', '77777777')}client_name = "Globex"\nazure_region = "japaneast"\n`,
  );
  fs.writeFileSync(path.join(work, 'single.tfvars'), `${IDS}client_name = "Solo"\n`);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('JSON, then HCL, then JSON: each stack folder holds one format and keeps its working files', () => {
  const tenants = path.join(work, 'tenants');
  const first = synth(tenants);
  // the app's lines reach the user as they are: cdktf prints the app's stdout plainly, its stderr as [ERROR]
  expect(first.stdout).toContain(`Variables: read 2 tenant files in ${tenants}`);
  expect(first.stdout).toMatch(/^Warning: .*globex\.tfvars: azure_region = "japaneast" is outside the US and EU regions/m);
  expect(`${first.stdout}${first.stderr}`).not.toMatch(/\[ERROR\] default - (Variables|Warning)/);
  for (const stack of ['acme-defender-integration', 'globex-repopulate-application']) seedWorkingFiles(stack);
  expect(listing('acme-defender-integration')).toEqual([...WORKING_FILES, 'cdk.tf.json'].sort());

  synth(tenants, '--hcl');
  expect(listing('acme-defender-integration')).toEqual([...WORKING_FILES, 'cdk.tf', 'metadata.json'].sort());
  expect(listing('acme-repopulate-application')).toEqual(['cdk.tf', 'metadata.json']);
  // cdktf formats the HCL after the app exits, in the folder the app switched to
  expect(fs.readFileSync(path.join(stackFolder('acme-defender-integration'), 'cdk.tf'), 'utf8')).toMatch(/^terraform \{/m);

  synth(tenants);
  expect(listing('globex-repopulate-application')).toEqual([...WORKING_FILES, 'cdk.tf.json'].sort());
  expect(fs.readFileSync(path.join(stackFolder('globex-repopulate-application'), '.terraform.lock.hcl'), 'utf8')).toBe('lock');
});

test('stacks no longer synthesized leave cdktf.out; state files are never touched', () => {
  const state = path.join(ROOT, 'terraform.acme-defender-integration.tfstate');
  const hadState = fs.existsSync(state);
  const run = synth(path.join(work, 'single.tfvars'), '--hcl');
  expect(fs.readdirSync(path.join(out(), 'stacks')).sort()).toEqual(['defender-integration', 'repopulate-application']);
  expect(fs.existsSync(state)).toBe(hadState);
  const beside = fs.readdirSync(work).filter((n) => n.startsWith('.xdr-'));
  // the output and the spare (the previous output, without working files), nothing else
  const live = fs.readlinkSync(out());
  expect(beside.filter((n) => !n.endsWith('.synth.lock')).sort()).toEqual([live, `${live.split('.g')[0]}.s`].sort());
  // the lock is held for the cdktf CLI process, not the app: free once the CLI has exited
  const lock = beside.find((n) => n.endsWith('.synth.lock'))!;
  expect(JSON.parse(fs.readFileSync(path.join(work, lock), 'utf8'))).toMatchObject({
    pid: run.pid,
    command: expect.stringMatching(/^cdktf synth --hcl --output /),
  });
});

test('a stack folder holding local state is never removed: the synth refuses and changes nothing', () => {
  synth(path.join(work, 'tenants'));
  fs.writeFileSync(path.join(stackFolder('acme-defender-integration'), 'terraform.tfstate'), '{"version":4}');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  const run = spawnSync(process.execPath, [CDKTF_CLI, 'synth', '--output', out()], {
    cwd: ROOT,
    env: { ...env, XDR_TFVARS: path.join(work, 'single.tfvars'), CHECKPOINT_DISABLE: '1', CI: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.stdout).toMatch(/^Error: .*stacks\/acme-defender-integration: stack/m);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\[ERROR\] default - Error:/);
  expect(run.stdout + run.stderr).toMatch(
    /stacks\/acme-defender-integration: stack "acme-defender-integration" is no longer synthesized, but its folder holds terraform\.tfstate/,
  );
  expect(fs.readFileSync(path.join(stackFolder('acme-defender-integration'), 'terraform.tfstate'), 'utf8')).toBe('{"version":4}');
  expect(fs.existsSync(path.join(stackFolder('acme-defender-integration'), 'cdk.tf.json'))).toBe(true);
});
