/**
 * The app as `cdktf synth` runs it: cdktf.json's `app` command in a child process, with the
 * environment the CLI hands it. The runs are started together in beforeAll (each is a node process
 * of about a second) and the tests read their results.
 */
import { exec } from 'child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileTree } from '../helpers';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const APP: string = JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';

interface Run {
  readonly code: number;
  readonly stderr: string;
}

let work: string;
const at = (...parts: string[]) => path.join(work, ...parts);

function run(env: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  return new Promise((resolve) => {
    exec(APP, { cwd: ROOT, env: { ...clean, ...env } }, (error, _stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
}

function file(name: string, text: string): string {
  const full = at(name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const results: Record<string, Run> = {};
let previousOutput: Record<string, string>;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'main-'));
  const premium = file('premium.tfvars', `${IDS}client_name = "Contoso"\neventhub_tier = "Premium"\neventhub_processing_units = 2\n`);
  const invalid = file('invalid.tfvars', `${IDS}client_name = "bad name"\neventhub_tier = "Basic"\neventhub_partition_count = 99\n`);
  file('tenants/acme.tfvars', `${IDS}client_name = "Acme"\n`);
  file('tenants/globex.tfvars', `${IDS.replace('66666666', '77777777')}client_name = "Globex"\n`);
  file('clash/acme.tfvars', `${IDS}client_name = "Acme"\n`);
  file('clash/copy.tfvars', `${IDS.replace('66666666', '77777777')}client_name = "Acme"\n`);
  file('clash/broken.tfvars', `${IDS}client_name = "Broken"\ndata_retention_length = 8\n`);

  const [first, second, missing, tenants, clash] = await Promise.all([
    run({ XDR_TFVARS: premium, CDKTF_OUTDIR: at('out-1') }),
    run({ XDR_TFVARS: premium, CDKTF_OUTDIR: at('nested', 'out-2') }),
    run({ XDR_TFVARS: at('nowhere.tfvars'), CDKTF_OUTDIR: at('out-missing') }),
    run({ XDR_TFVARS: at('tenants'), CDKTF_OUTDIR: at('out-tenants'), XDR_REPOPULATE_APPLICATION: 'true' }),
    run({ XDR_TFVARS: at('clash'), CDKTF_OUTDIR: at('out-clash') }),
  ]);
  Object.assign(results, { first, second, missing, tenants, clash });
  previousOutput = fileTree(at('out-1'));
  // a refused run over an existing output: it must leave that output as it was
  results.invalid = await run({ XDR_TFVARS: invalid, CDKTF_OUTDIR: at('out-1'), XDR_ALLOW_DESTROY: 'maybe' });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const errorLines = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('Error: '));

test('XDR_TFVARS names the input and CDKTF_OUTDIR the output folder', () => {
  // on stderr: the sources line, then one summary line per stack
  expect(results.first.code).toBe(0);
  const lines = results.first.stderr.split('\n');
  expect(lines[0]).toBe(`Variables: read ${at('premium.tfvars')}`);
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^defender-integration will deploy /),
    expect.stringMatching(/^defender-integration: not deployed yet: this deploy issues both client secrets; /),
    '',
  ]);
  const stack = JSON.parse(readFileSync(at('out-1', 'stacks', 'defender-integration', 'cdk.tf.json'), 'utf8'));
  const namespace: any = Object.values(stack.resource.azurerm_eventhub_namespace)[0];
  expect([namespace.name, namespace.sku, namespace.capacity]).toEqual(['SCWX-TDR-Namespace-Contoso-eastus', 'Premium', 2]);
  // the recovery stack, a second application, only with repopulate_application = true
  expect(readdirSync(at('out-1', 'stacks'))).toEqual(['defender-integration']);
  // beside the output folders only the folders they link to (lib/guide/fs/output.ts)
  const linked = readdirSync(work)
    .filter((n) => lstatSync(at(n)).isSymbolicLink())
    .map((n) => readlinkSync(at(n)));
  expect(readdirSync(work).filter((n) => n.startsWith('.') && !linked.includes(n))).toEqual([]);
});

test('two synths of the same input are byte-identical and hold no path of this machine', () => {
  expect(results.second.code).toBe(0);
  const output = fileTree(at('nested', 'out-2'));
  expect(output).toEqual(previousOutput);
  const text = Object.values(output).join('\n');
  for (const local of [ROOT, os.homedir(), os.tmpdir(), work]) expect(text).not.toContain(local);
});

test('a refused input prints one line per problem, no stack trace, and leaves the previous output as it was', () => {
  const { code, stderr } = results.invalid;
  expect(code).toBe(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  const invalid = at('invalid.tfvars');
  expect(errorLines(results.invalid)).toEqual([
    'Error: environment: XDR_ALLOW_DESTROY = "maybe": must be true or false (or 1 or 0)',
    expect.stringMatching(new RegExp(`^Error: ${invalid}: eventhub_tier = "Basic": must be one of "Standard", "Premium"`)),
    expect.stringMatching(new RegExp(`^Error: ${invalid}: client_name = "bad name": must be letters, digits and hyphens`)),
  ]);
  expect(fileTree(at('out-1'))).toEqual(previousOutput);
});

test('a missing file is named, and nothing is written', () => {
  expect(results.missing.code).toBe(1);
  expect(errorLines(results.missing)).toEqual([
    expect.stringMatching(
      new RegExp(`^Error: environment: XDR_TFVARS = "${at('nowhere.tfvars')}": no such file or folder; set XDR_TFVARS to `),
    ),
  ]);
  expect(existsSync(at('out-missing'))).toBe(false);
});

test('a directory of tenants synthesizes its stacks per tenant (with repopulate_application, two each)', () => {
  expect(results.tenants.code).toBe(0);
  expect(readdirSync(at('out-tenants', 'stacks')).sort()).toEqual([
    'acme-defender-integration',
    'acme-repopulate-application',
    'globex-defender-integration',
    'globex-repopulate-application',
  ]);
  const backend = JSON.parse(readFileSync(at('out-tenants', 'stacks', 'globex-defender-integration', 'cdk.tf.json'), 'utf8')).terraform
    .backend;
  expect(backend.local.path).toBe('../../../terraform.globex-defender-integration.tfstate');
});

test('tenants with a bad file and a namespace collision are refused together, naming files and variables', () => {
  expect(results.clash.code).toBe(1);
  expect(results.clash.stderr).not.toMatch(/^\s+at /m);
  expect(errorLines(results.clash)).toEqual([
    expect.stringMatching(new RegExp(`^Error: ${at('clash', 'broken.tfvars')}: data_retention_length = 8: .*1 to 7`)),
    expect.stringMatching(new RegExp(`^Error: ${at('clash', 'copy.tfvars')}: client_name = "Acme": .*${at('clash', 'acme.tfvars')}`)),
  ]);
  expect(existsSync(at('out-clash'))).toBe(false);
});
