/**
 * `npm run values` against Terraform state files in format 4 written here, beside the stacks the real
 * app synthesizes (so the backend paths are the ones a user gets), and with the azurerm backend through
 * a fake `terraform` on PATH that prints a canned `terraform output -json`: no real terraform is needed.
 */
import { execFileSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { addTenantStacks } from '../../../lib/guide/app';
import { DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { EXIT_BAD_INPUT, EXIT_NOT_DEPLOYED, EXIT_OK, ValuesIo, run } from '../../../lib/guide/values/cli';
import { stackBackend, terraformOutputCommand } from '../../../lib/guide/values/read';
import { DESTINATIONS } from '../../../lib/guide/values/values';
import { guideVariables } from '../../helpers';

const SECRET = 'Q~s3cr3t.value_with-~chars';
const KEY = 'bGlzdGVuLW9ubHkta2V5Cg==';

/** The outputs a deployed defender-integration stack has, as Terraform records them. */
const DEPLOYED_OUTPUTS = {
  azure_consent_url: { value: 'https://login.microsoftonline.com/t/adminconsent?client_id=c', type: 'string' },
  client_id: { value: 'c0c0c0c0-0000-4000-8000-000000000001', type: 'string' },
  client_secret: { value: SECRET, type: 'string', sensitive: true },
  client_secret_expires_at: { value: '2027-06-01T00:00:00Z', type: 'string' },
  consumer_group_name: { value: 'SCWX-TDR-ConsumerGroup', type: 'string' },
  event_hub_name: { value: 'SCWX-TDR-EventHub', type: 'string' },
  event_hub_namespace_name: { value: 'SCWX-TDR-Namespace-CustomerName-eastus', type: 'string' },
  event_hub_namespace_resource_id: {
    value: '/subscriptions/s/resourceGroups/SCWX-TDR-RG/providers/Microsoft.EventHub/namespaces/SCWX-TDR-Namespace-CustomerName-eastus',
    type: 'string',
  },
  shared_access_policy_key: { value: KEY, type: 'string', sensitive: true },
  shared_access_policy_name: { value: 'SCWX-TDR-ListenPolicy', type: 'string' },
  tenant_id: { value: '11111111-2222-3333-4444-555555555555', type: 'string' },
};

/** Resources as a deployed defender-integration state holds them (one instance each is enough here). */
const OUR_RESOURCES = ['azuread_application', 'azuread_service_principal', 'azurerm_eventhub_namespace', 'time_rotating'].map((type) => ({
  mode: 'managed',
  type,
  name: 'x',
  provider: `provider["registry.terraform.io/hashicorp/${type.split('_')[0]}"]`,
  instances: [],
}));

function stateFile(outputs: object, version = 4, resources: object[] = OUR_RESOURCES): string {
  return JSON.stringify({ version, terraform_version: '1.11.4', serial: 7, lineage: 'l', outputs, resources, check_results: null });
}

/** The settings that add the repopulate-application stack (repopulate_application = true). */
const WITH_RECOVERY = readDeploymentSettings({ XDR_REPOPULATE_APPLICATION: 'true' }).settings!;

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'values-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Synthesizes the app's stacks into `<root>/cdktf.out` as `cdktf synth` does; returns the output folder. */
function synth(
  settings: DeploymentSettings = readDeploymentSettings({}).settings!,
  tenants: Array<string | undefined> = [undefined],
): string {
  const outdir = path.join(root, 'cdktf.out');
  const app = new App({ outdir, stackTraces: false });
  addTenantStacks(
    app,
    tenants.map((name) => ({ name, file: `${name ?? 'terraform'}.tfvars`, variables: guideVariables(), warnings: [] })),
    settings,
  );
  app.synth();
  return outdir;
}

async function values(outdir: string, env: NodeJS.ProcessEnv = {}, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return valuesOn({}, outdir, env, ...argv);
}

/** `values` with more of the io: `outIsTerminal` as bin/values.ts sets it from process.stdout.isTTY. */
async function valuesOn(
  io: Partial<ValuesIo>,
  outdir: string,
  env: NodeJS.ProcessEnv = {},
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['--output', outdir, ...argv], { ...io, out: (t) => (out += t), err: (t) => (err += t) }, env);
  return { code, out, err };
}

describe('local backend', () => {
  test('every value with the page and field it goes to, secrets shown in full', async () => {
    const outdir = synth();
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
    const { code, out, err } = await values(outdir);
    expect([code, err]).toEqual([EXIT_OK, '']);
    expect(out).toContain('Streaming API');
    expect(out).toMatch(/\n {4}Event Hub Namespace resource ID +\/subscriptions\/s\/resourceGroups\/SCWX-TDR-RG\/.*\n/);
    expect(out).toMatch(/\n {4}Client Secret +Q~s3cr3t\.value_with-~chars\n/);
    expect(out).toMatch(/\n {4}Shared Access Policy Key +bGlzdGVuLW9ubHkta2V5Cg==\n/);
    expect(out).toMatch(/\n {4}Client secret expires at +2027-06-01T00:00:00Z\n/);
    expect(out).toMatch(/\n {4}Admin consent URL +https:\/\/login\.microsoftonline\.com\/t\/adminconsent\?client_id=c\n/);
    expect(out).not.toContain('sensitive');
    // the XDR form lists its eight fields in the form's order
    const xdr = out.slice(out.indexOf('Taegis XDR'));
    const fields = ['Tenant ID', 'Client ID', 'Client Secret', 'Event Hub Namespace', 'Event Hub Name', 'Consumer Group'];
    const at = fields.map((f) => xdr.indexOf(`    ${f} `));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(at.every((i) => i > 0)).toBe(true);
  });

  test('--json: one document, every output by name with its value, secrets marked sensitive as Terraform does', async () => {
    const outdir = synth(WITH_RECOVERY);
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
    const { code, out, err } = await values(outdir, {}, '--json');
    expect(code).toBe(EXIT_OK);
    const doc = JSON.parse(out);
    expect(doc.stacks.map((s: { stack: string; deployed: boolean }) => [s.stack, s.deployed])).toEqual([
      ['defender-integration', true],
      ['repopulate-application', false],
    ]);
    expect(doc.stacks[0].outputs).toEqual(
      Object.fromEntries(Object.entries(DEPLOYED_OUTPUTS).map(([k, v]) => [k, { sensitive: 'sensitive' in v, value: v.value }])),
    );
    expect(doc.stacks[0].outputs.client_secret).toEqual({ sensitive: true, value: SECRET });
    expect(doc.stacks[0].outputs.shared_access_policy_key).toEqual({ sensitive: true, value: KEY });
    expect(doc.stacks[0].missing).toEqual([]);
    expect(doc.stacks[0].destinations[1].fields).toContainEqual({ field: 'Shared Access Policy Key', output: 'shared_access_policy_key' });
    expect(doc.stacks[1].reason).toMatch(/^Stack repopulate-application is not deployed: /);
    // written to a file (stdout not a terminal): no warning
    expect(err).not.toContain('Warning');
  });

  test('--json on a terminal warns on stderr that secrets are shown; the document itself is unchanged', async () => {
    const outdir = synth();
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
    const toFile = await values(outdir, {}, '--json');
    const onTerminal = await valuesOn({ outIsTerminal: true }, outdir, {}, '--json');
    expect(onTerminal.out).toBe(toFile.out);
    expect(onTerminal.err).toBe(
      'Warning: the document below shows the secrets client_secret, shared_access_policy_key in clear text; ' +
        'write it to a file instead (npm run -s values -- --json > values.json, which git ignores) and delete the file once the forms are filled in.\n',
    );
    // the file the warning suggests is one git ignores
    expect(readFileSync(path.join(__dirname, '../../../.gitignore'), 'utf8').split('\n')).toContain('values*.json');
  });

  test('not deployed yet: one line per stack, exit 1, nothing on stdout', async () => {
    const outdir = synth();
    const { code, out, err } = await values(outdir);
    expect([code, out]).toEqual([EXIT_NOT_DEPLOYED, '']);
    // the output folder is not ./cdktf.out of the working folder: the deploy is told where it is
    expect(err.split('\n').filter(Boolean)).toEqual([
      `Stack defender-integration is not deployed yet: there is no state file ${path.relative(process.cwd(), path.join(root, 'terraform.defender-integration.tfstate'))} (deploy it with npx cdktf deploy defender-integration --output ${outdir}).`,
    ]);
  });

  test('a stack named on the command line must be deployed; an empty state counts as not deployed', async () => {
    const outdir = synth(WITH_RECOVERY);
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
    writeFileSync(path.join(root, 'terraform.repopulate-application.tfstate'), stateFile({}));
    expect((await values(outdir, {}, 'defender-integration')).code).toBe(EXIT_OK);
    const named = await values(outdir, {}, 'repopulate-application');
    expect(named.code).toBe(EXIT_NOT_DEPLOYED);
    expect(named.err).toMatch(
      /^Stack repopulate-application is not deployed: .*terraform\.repopulate-application\.tfstate holds no outputs\. /,
    );
  });

  test('the repopulate-application stack shows only the application values', async () => {
    const outdir = synth(WITH_RECOVERY);
    const application = ['azure_consent_url', 'tenant_id', 'client_id', 'client_secret', 'client_secret_expires_at'];
    const outputs = Object.fromEntries(Object.entries(DEPLOYED_OUTPUTS).filter(([k]) => application.includes(k)));
    writeFileSync(path.join(root, 'terraform.repopulate-application.tfstate'), stateFile(outputs));
    const { code, out } = await values(outdir, {}, 'repopulate-application');
    expect(code).toBe(EXIT_OK);
    expect(out).not.toContain('Streaming API');
    expect(out).toMatch(/Client Secret +Q~s3cr3t/);
    expect(out).not.toContain('Consumer Group');
  });

  test('tenant-prefixed stacks each read their own state', async () => {
    const outdir = synth(undefined, ['acme', 'globex']);
    writeFileSync(path.join(root, 'terraform.acme-defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
    const { code, out, err } = await values(outdir);
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/^Stack acme-defender-integration \(state: .*terraform\.acme-defender-integration\.tfstate\)\n/);
    expect(err).toContain('Stack globex-defender-integration is not deployed yet');
  });

  test('an output the table does not place yet is still shown, by name', async () => {
    const outdir = synth();
    const outputs = { ...DEPLOYED_OUTPUTS, client_secret_previous: { value: 'old~secret', type: 'string', sensitive: true } };
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(outputs));
    const { out } = await values(outdir, {}, 'defender-integration');
    expect(out).toMatch(/Other outputs:\n {4}client_secret_previous +old~secret\n/);
  });

  test("the secrets' deadlines are labelled, and what XDR must hold comes first", async () => {
    const outdir = synth();
    const outputs = {
      ...DEPLOYED_OUTPUTS,
      client_secret_key_id: { value: 'key-2', type: 'string' },
      client_secret_rotate_by: { value: '2020-02-01T00:00:00Z', type: 'string' },
      client_secret_expires_at: { value: '2099-06-01T00:00:00Z', type: 'string' },
      previous_client_secret_key_id: { value: 'key-1', type: 'string' },
      previous_client_secret_expires_at: { value: '2099-03-01T00:00:00Z', type: 'string' },
      secret_generation: { value: 3, type: 'number' },
    };
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(outputs));
    const { out } = await values(outdir, {}, 'defender-integration');
    expect(out.split('\n').slice(1, 4)).toEqual([
      "  XDR's Client Secret field must hold client_secret, Secret ID key-2.",
      '  If XDR still holds the older secret key-1, type client_secret into it before 2099-03-01: the older secret stops working then.',
      // the stacks are not in ./cdktf.out of the working folder: both commands are told where they are
      `  Rotation due since 2020-02-01: run npm run rotate -- --output ${outdir}, then deploy, then npm run values -- --output ${outdir} and type the new client_secret into XDR.`,
    ]);
    expect(out).toMatch(/ {4}Rotate by +2020-02-01T00:00:00Z\n/);
    expect(out).toMatch(/ {4}Older secret ID \(next rotation deletes it\) +key-1\n/);
    expect(out).toMatch(/ {4}Secret generation \(deployed\) +3\n/);
    expect(out).not.toContain('Other outputs');
  });

  test('a state in another format, not JSON (with no .backup beside it), or unreadable is refused in one line', async () => {
    const outdir = synth();
    const file = path.join(root, 'terraform.defender-integration.tfstate');
    writeFileSync(file, stateFile(DEPLOYED_OUTPUTS, 3));
    expect(await values(outdir, {}, 'defender-integration')).toEqual({
      code: EXIT_BAD_INPUT,
      out: '',
      err: `Error: ${file}: is a Terraform state in format 3; npm run values reads format 4\n`,
    });
    writeFileSync(file, '{"version":4,');
    expect((await values(outdir, {}, 'defender-integration')).err).toMatch(
      /is not a Terraform state file \(not JSON\); there is no .*terraform\.defender-integration\.tfstate\.backup beside it \(Terraform writes one when it changes a state\)\n$/,
    );
    if (process.getuid?.() !== 0) {
      chmodSync(file, 0o000); // root reads any file, so this part only runs for other users
      expect((await values(outdir, {}, 'defender-integration')).err).toBe(`Error: ${file}: cannot be read (EACCES)\n`);
    }
  });

  test('nothing synthesized, or an unknown stack: one line each', async () => {
    expect(await values(path.join(root, 'nowhere'))).toEqual({
      code: EXIT_NOT_DEPLOYED,
      out: '',
      // cdktf writes into --output (it sets the app's CDKTF_OUTDIR from it): a plain synth would fill cdktf.out, not this folder
      err: `No synthesized stack in ${path.join(root, 'nowhere')}: run npx cdktf synth --output ${path.join(root, 'nowhere')} (or npx cdktf deploy --output ${path.join(root, 'nowhere')}) first.\n`,
    });
    const outdir = synth();
    const unknown = await values(outdir, {}, 'defender-integratoin');
    expect(unknown.code).toBe(EXIT_BAD_INPUT);
    expect(unknown.err).toMatch(/^Error: no synthesized stack defender-integratoin in .*; there are: defender-integration\n$/);
  });
});

describe('azurerm backend', () => {
  const remote = readDeploymentSettings({
    XDR_STATE_RESOURCE_GROUP: 'rg-tfstate',
    XDR_STATE_STORAGE_ACCOUNT: 'xdrtfstate01',
    XDR_STATE_CONTAINER: 'tfstate',
  }).settings!;

  /** A `terraform` that records how it was called and prints `printed` (exit `code`). */
  function fakeTerraform(printed: string, code = 0): { env: NodeJS.ProcessEnv; calls: () => string[] } {
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    const log = path.join(root, 'calls.log');
    writeFileSync(path.join(root, 'printed.json'), printed);
    writeFileSync(
      path.join(bin, 'terraform'),
      `#!/bin/sh\necho "$PWD $*" >> "${log}"\ncat "${path.join(root, 'printed.json')}"\n${code ? `echo "Error: Backend initialization required" >&2\nexit ${code}\n` : ''}`,
    );
    chmodSync(path.join(bin, 'terraform'), 0o755);
    return { env: { PATH: `${bin}:/usr/bin:/bin` }, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  test('the command: terraform output -json in the stack folder', async () => {
    const outdir = synth(remote);
    const stackDir = path.join(outdir, 'stacks', 'defender-integration');
    expect(await stackBackend(path.join(stackDir, 'cdk.tf.json'))).toEqual({ type: 'azurerm' });
    expect(terraformOutputCommand(stackDir)).toEqual({ file: 'terraform', args: ['output', '-json', '-no-color'], cwd: stackDir });
  });

  test('reads the outputs terraform prints, secrets included', async () => {
    const outdir = synth(remote);
    mkdirSync(path.join(outdir, 'stacks', 'defender-integration', '.terraform'));
    const terraform = fakeTerraform(JSON.stringify(DEPLOYED_OUTPUTS));
    const { code, out, err } = await values(outdir, terraform.env, 'defender-integration');
    expect([code, err]).toEqual([EXIT_OK, '']);
    expect(out).toMatch(/^Stack defender-integration \(state: azurerm backend \(Azure storage\)\)\n/);
    expect(out).toMatch(/Shared Access Policy Key +bGlzdGVuLW9ubHkta2V5Cg==\n/);
    expect(terraform.calls()).toEqual([`${path.join(outdir, 'stacks', 'defender-integration')} output -json -no-color`]);
  });

  test('a stack folder terraform has not initialized: one line saying to run terraform init, and terraform is not run', async () => {
    const outdir = synth(remote);
    const terraform = fakeTerraform('{}');
    const { code, err } = await values(outdir, terraform.env, 'defender-integration');
    expect(code).toBe(EXIT_NOT_DEPLOYED);
    expect(err).toMatch(
      /^Stack defender-integration keeps its state in Azure storage and .* is not initialized: run terraform init there once/,
    );
    // cdktf diff initializes the folder and changes nothing; a deploy could replace a secret (help/rotation.md)
    expect(err).toContain(
      `(npx cdktf diff defender-integration --output ${outdir} does, and changes nothing), then npm run values -- --output ${outdir} again.\n`,
    );
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(() => terraform.calls()).toThrow();
  });

  test('no outputs yet is not deployed; a failing terraform is one error line', async () => {
    const outdir = synth(remote);
    mkdirSync(path.join(outdir, 'stacks', 'defender-integration', '.terraform'));
    const empty = fakeTerraform('{}');
    const notDeployed = await values(outdir, empty.env, 'defender-integration');
    expect(notDeployed.code).toBe(EXIT_NOT_DEPLOYED);
    expect(notDeployed.err).toMatch(/^Stack defender-integration is not deployed yet: its state in Azure storage holds no outputs/);
    rmSync(path.join(root, 'bin'), { recursive: true });
    const failing = fakeTerraform('', 1);
    expect(await values(outdir, failing.env, 'defender-integration')).toEqual({
      code: EXIT_BAD_INPUT,
      out: '',
      err: expect.stringMatching(/^Error: terraform output -json failed in .*: Error: Backend initialization required\n$/),
    });
  });

  test('without terraform on PATH: one line naming it', async () => {
    const outdir = synth(remote);
    mkdirSync(path.join(outdir, 'stacks', 'defender-integration', '.terraform'));
    const { code, err } = await values(outdir, { PATH: path.join(root, 'empty') }, 'defender-integration');
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(err).toBe('Error: terraform is not installed or not on PATH; it is needed to read state kept in Azure storage\n');
  });
});

test('the backend of a stack synthesized as HCL (npx cdktf synth --hcl)', async () => {
  const file = path.join(root, 'cdk.tf');
  writeFileSync(file, 'terraform {\n  backend "local" {\n    path = "../../../terraform.x.tfstate"\n  }\n}\n');
  expect(await stackBackend(file)).toEqual({ type: 'local', path: '../../../terraform.x.tfstate' });
  writeFileSync(file, 'terraform {\n  backend "azurerm" {\n    key = "k"\n  }\n}\n');
  expect(await stackBackend(file)).toEqual({ type: 'azurerm' });
});

test('the file the manifest names is read, not a stale one of the other format beside it', async () => {
  // what an azurerm synth followed by a local `synth --hcl` can leave in a stack folder
  const outdir = synth(
    readDeploymentSettings({ XDR_STATE_RESOURCE_GROUP: 'rg', XDR_STATE_STORAGE_ACCOUNT: 'xdrtfstate01', XDR_STATE_CONTAINER: 'tfstate' })
      .settings!,
  );
  const manifestFile = path.join(outdir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.stacks['defender-integration'].synthesizedStackPath = 'stacks/defender-integration/cdk.tf';
  writeFileSync(manifestFile, JSON.stringify(manifest));
  writeFileSync(
    path.join(outdir, 'stacks', 'defender-integration', 'cdk.tf'),
    'terraform {\n  backend "local" {\n    path = "../../../terraform.defender-integration.tfstate"\n  }\n}\n' +
      'provider "azurerm" {\n}\nprovider "azuread" {\n}\nprovider "time" {\n}\noutput "client_id" {\n  value = "x"\n}\n',
  );
  writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
  const { code, out, err } = await values(outdir, {}, 'defender-integration');
  expect([code, err]).toEqual([EXIT_OK, '']);
  expect(out).toMatch(/Client Secret +Q~s3cr3t/);
});

test('every placed output is one the stacks declare', () => {
  const declared = readFileSync(path.join(__dirname, '../../../lib/guide/stacks/outputs.ts'), 'utf8');
  for (const { output } of DESTINATIONS.flatMap((d) => d.fields)) expect(declared).toContain(`'${output}'`);
});

describe('what npm run values suggests is what should happen', () => {
  test('the recovery stack is never suggested unless the operator asked for it; asked for, its line says what it does', async () => {
    const outdir = synth();
    const { err } = await values(outdir);
    expect(err).not.toContain('repopulate-application');
    rmSync(outdir, { recursive: true });
    const withRecovery = synth(WITH_RECOVERY);
    writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), stateFile(DEPLOYED_OUTPUTS));
    const asked = await values(withRecovery);
    expect(asked.code).toBe(EXIT_OK);
    expect(asked.err).toBe(
      'Stack repopulate-application is not deployed: there is no state file ' +
        `${path.relative(process.cwd(), path.join(root, 'terraform.repopulate-application.tfstate'))}. ` +
        'It creates the XDR application, its service principal and secret again after the application was deleted ' +
        `(a new Client ID and secret to enter in XDR, a new admin consent); deploy it (npx cdktf deploy repopulate-application --output ${withRecovery}) ` +
        'only if the application is gone, else remove repopulate_application from xdr.tfvars.\n',
    );
  });

  test('a state that lacks XDR or Streaming API values names every missing field and exits 1', async () => {
    const outdir = synth();
    const file = path.join(root, 'terraform.defender-integration.tfstate');
    const shown = path.relative(process.cwd(), file);
    // the other stack's state in this stack's place: 3 of the 8 XDR fields
    const application = ['azure_consent_url', 'tenant_id', 'client_id', 'client_secret', 'client_secret_expires_at'];
    writeFileSync(file, stateFile(Object.fromEntries(Object.entries(DEPLOYED_OUTPUTS).filter(([k]) => application.includes(k)))));
    const other = await values(outdir);
    expect(other.code).toBe(EXIT_NOT_DEPLOYED);
    expect(other.err).toBe(
      `Stack defender-integration: ${shown} lacks Event Hub Namespace resource ID (event_hub_namespace_resource_id), ` +
        'Event Hub Name (event_hub_name), Event Hub Namespace (event_hub_namespace_name), Consumer Group (consumer_group_name), ' +
        'Shared Access Policy Name (shared_access_policy_name), Shared Access Policy Key (shared_access_policy_key): ' +
        `a deploy of this stack did not finish, or the file is another stack's state; npx cdktf diff defender-integration --output ${outdir} shows what a deploy would change.\n`,
    );
    // a state without the two secret outputs: 6 of 8, named, and --json says so too
    const withoutSecrets = Object.fromEntries(
      Object.entries(DEPLOYED_OUTPUTS).filter(([k]) => k !== 'client_secret' && k !== 'shared_access_policy_key'),
    );
    writeFileSync(file, stateFile(withoutSecrets));
    const secrets = await values(outdir, {}, '--json');
    expect(secrets.code).toBe(EXIT_NOT_DEPLOYED);
    expect(secrets.err).toMatch(/ lacks Client Secret \(client_secret\), Shared Access Policy Key \(shared_access_policy_key\): /);
    expect(JSON.parse(secrets.out).stacks[0].missing).toEqual([
      'Client Secret (client_secret)',
      'Shared Access Policy Key (shared_access_policy_key)',
    ]);
  });

  test('a replacement, which has no application, is complete without the application fields', async () => {
    const outdir = path.join(root, 'cdktf.out');
    const app = new App({ outdir, stackTraces: false });
    addTenantStacks(app, [{ name: undefined, file: 't.tfvars', variables: guideVariables({ replacement_eventhub: true }), warnings: [] }]);
    app.synth();
    const application = ['azure_consent_url', 'tenant_id', 'client_id', 'client_secret', 'client_secret_expires_at'];
    const hubOnly = Object.fromEntries(Object.entries(DEPLOYED_OUTPUTS).filter(([k]) => !application.includes(k)));
    writeFileSync(path.join(root, 'terraform.defender-integration.replacement-CustomerName.tfstate'), stateFile(hubOnly));
    expect(await values(outdir)).toEqual({ code: EXIT_OK, out: expect.stringContaining('Shared Access Policy Key'), err: '' });
  });

  const PASSWORD = 'hunter2-of-another-project';
  test.each([
    [
      'resources of another provider',
      stateFile({ db_password: { value: PASSWORD, type: 'string', sensitive: true }, client_id: { value: PASSWORD, type: 'string' } }, 4, [
        { mode: 'managed', type: 'aws_db_instance', name: 'db', instances: [] },
      ]),
      /it holds resources of types this project never declares \(aws_db_instance\)/,
    ],
    [
      'Azure resources but none of the stack outputs',
      stateFile({ admin_password: { value: PASSWORD, type: 'string', sensitive: true } }, 4, [
        { mode: 'managed', type: 'azurerm_linux_virtual_machine', name: 'vm', instances: [] },
      ]),
      /none of its 1 outputs is one the stack declares/,
    ],
  ])('a state of another project is refused without printing its values (%s)', async (_case, state, why) => {
    const outdir = synth();
    const file = path.join(root, 'terraform.defender-integration.tfstate');
    writeFileSync(file, state);
    for (const argv of [[], ['--json'], ['defender-integration']]) {
      const { code, out, err } = await values(outdir, {}, ...argv);
      expect(code).toBe(EXIT_BAD_INPUT);
      expect(out).toBe('');
      expect(err).not.toContain(PASSWORD);
      expect(err).toMatch(
        new RegExp(`^Error: .*terraform\\.defender-integration\\.tfstate: is not the state of this project's defender-integration stack: `),
      );
      expect(err).toMatch(why);
      expect(err).toMatch(/; none of its values is shown\. If it is another project's, move it out of this folder\n$/);
    }
  });

  test('a state of another project is refused without printing its values (Azure storage, judged by its outputs)', async () => {
    const outdir = synth(
      readDeploymentSettings({ XDR_STATE_RESOURCE_GROUP: 'rg', XDR_STATE_STORAGE_ACCOUNT: 'xdrtfstate01', XDR_STATE_CONTAINER: 'tfstate' })
        .settings!,
    );
    mkdirSync(path.join(outdir, 'stacks', 'defender-integration', '.terraform'));
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'terraform'), `#!/bin/sh\necho '{"vpn_psk":{"sensitive":true,"type":"string","value":"${PASSWORD}"}}'\n`);
    chmodSync(path.join(bin, 'terraform'), 0o755);
    const { code, out, err } = await values(outdir, { PATH: `${bin}:/usr/bin:/bin` });
    expect([code, out]).toEqual([EXIT_BAD_INPUT, '']);
    expect(err).not.toContain(PASSWORD);
    expect(err).toMatch(
      /^Error: azurerm backend \(Azure storage\): is not the state of this project's defender-integration stack: none of its 1 outputs/,
    );
  });

  test('an unreadable (cut short) state points at the .backup Terraform kept, with a command that restores it', async () => {
    const outdir = synth();
    const file = path.join(root, 'terraform.defender-integration.tfstate');
    const full = stateFile(DEPLOYED_OUTPUTS);
    writeFileSync(`${file}.backup`, full);
    writeFileSync(file, full.slice(0, 200));
    const shown = path.relative(process.cwd(), file);
    const { code, out, err } = await values(outdir);
    expect([code, out]).toEqual([EXIT_BAD_INPUT, '']);
    expect(err).toBe(
      `Error: ${file}: is not a Terraform state file (not JSON); if it was cut short, Terraform kept the state before its last change in ${shown}.backup: check it, then cp ${shown}.backup ${shown}\n`,
    );
    // the command, followed literally, restores a state npm run values reads
    execFileSync('cp', [`${shown}.backup`, shown]);
    expect((await values(outdir)).code).toBe(EXIT_OK);
  });
});
