/**
 * Adoption's edges as `cdktf synth` meets them: the app in a child process, with a PATH that holds
 * node and, or not, a fake `terraform` (tests never need a real one).
 */
import { exec } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const APP: string = JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';

let work: string;
const results: Record<string, { code: number; stderr: string; wrote: boolean }> = {};

/** A bin folder with node and, when given, a `terraform` script printing `version`. */
function bin(name: string, terraformVersion?: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  symlinkSync(process.execPath, path.join(dir, 'node'));
  if (terraformVersion !== undefined) {
    writeFileSync(path.join(dir, 'terraform'), `#!/bin/sh\necho "Terraform v${terraformVersion}"\n`, { mode: 0o755 });
  }
  return dir;
}

function run(name: string, pathDir: string, tfvars: string): Promise<void> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  const outdir = path.join(work, `out-${name}`);
  return new Promise((resolve) => {
    exec(
      APP,
      { cwd: ROOT, env: { ...clean, PATH: pathDir, XDR_TFVARS: tfvars, CDKTF_OUTDIR: outdir, XDR_ADOPT_EXISTING: 'true' } },
      (error, _stdout, stderr) => {
        results[name] = { code: error ? (error.code as number) : 0, stderr, wrote: existsSync(outdir) };
        resolve();
      },
    );
  });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'adopt-main-'));
  const main = path.join(work, 'main.tfvars');
  writeFileSync(main, IDS);
  const replacement = path.join(work, 'replacement.tfvars');
  writeFileSync(replacement, `${IDS}client_name = "CustomerName2"\nreplacement_eventhub = true\n`);
  await Promise.all([
    run('no-terraform', bin('bin-none'), main),
    run('old-terraform', bin('bin-old', '1.5.7'), main),
    run('current-terraform', bin('bin-current', '1.9.8'), main),
    run('replacement', bin('bin-replacement', '1.9.8'), replacement),
  ]);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('XDR_ADOPT_EXISTING=true from the command line', () => {
  test('no terraform on the PATH: one line naming the setting, exit 1, no stack trace, nothing written', () => {
    const r = results['no-terraform'];
    expect(r).toMatchObject({ code: 1, wrote: false });
    expect(r.stderr.trim().split('\n')).toEqual([
      'Error: environment: XDR_ADOPT_EXISTING = "true": adoption needs Terraform 1.6.0 or later on the PATH (its import blocks look up IDs while planning), but no "terraform" found; install Terraform (Azure Cloud Shell has it)',
    ]);
  });

  test('a Terraform older than 1.6: one line with the version found', () => {
    const r = results['old-terraform'];
    expect(r).toMatchObject({ code: 1, wrote: false });
    expect(r.stderr).toMatch(/^Error: environment: XDR_ADOPT_EXISTING = "true": .* but terraform is 1\.5\.7; upgrade Terraform\n$/);
  });

  test('Terraform 1.6 or later: synthesizes, with the import blocks', () => {
    const r = results['current-terraform'];
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stderr).toContain('adopting the existing deployment');
    const written = JSON.parse(
      readFileSync(path.join(work, 'out-current-terraform', 'stacks', 'defender-integration', 'cdk.tf.json'), 'utf8'),
    );
    expect(written.import).toHaveLength(7);
    expect(written.terraform.required_version).toBe('>= 1.6.0');
  });

  test('a replacement is refused in one line naming the tfvars file, before Terraform plans a non-existent import', () => {
    const r = results.replacement;
    expect(r).toMatchObject({ code: 1, wrote: false });
    expect(r.stderr).toBe(
      `Error: ${path.join(work, 'replacement.tfvars')}: XDR_ADOPT_EXISTING = "true": imports live resources, and with replacement_eventhub = true the namespace of client_name "CustomerName2" is normally new: remove adopt_existing from xdr.tfvars (or unset XDR_ADOPT_EXISTING), or add adopt_replacement = true to it (XDR_ADOPT_REPLACEMENT=true for one command) if the guide's zip already created this replacement\n`,
    );
  });
});
