/**
 * `cdktf synth --hcl`, run once through the real CLI, offline and without a terraform binary: each
 * stack folder must hold plain HCL a Cloud Shell user can `terraform init && terraform apply` in.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { homedir, tmpdir } from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { Testing } from 'cdktf';
import { loadGuideVariables } from '../../lib/guide/config/tfvars';
import { DefenderIntegrationStack } from '../../lib/guide/stacks/defender-integration-stack';

const ROOT = path.resolve(__dirname, '../..');
const CDKTF_CLI = path.join(ROOT, 'node_modules/cdktf-cli/bundle/bin/cdktf');

/** `type.name` of every resource and data source in Terraform JSON (hcl2json or cdktf's own). */
function addresses(config: any): string[] {
  const of = (blocks: any, prefix: string) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${prefix}${type}.${name}`));
  return [...of(config.resource, ''), ...of(config.data, 'data.')].sort();
}

/** Every string anywhere in a parsed document. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('cdktf synth --hcl', () => {
  let outdir: string;
  let run: ReturnType<typeof spawnSync>;
  const stackFiles = (stack: string) => readdirSync(path.join(outdir, 'stacks', stack));
  const hcl = (stack: string) => readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf'), 'utf8');

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'xdr-hcl-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('XDR_')));
    // Hide any terraform binary: the synth must not need one.
    const searchPath = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => !existsSync(path.join(dir, 'terraform')) && !existsSync(path.join(dir, 'terraform.exe')))
      .join(path.delimiter);
    run = spawnSync(process.execPath, [CDKTF_CLI, 'synth', '--hcl', '--output', outdir], {
      cwd: ROOT,
      env: {
        ...env,
        XDR_REPOPULATE_APPLICATION: '1',
        PATH: searchPath,
        CHECKPOINT_DISABLE: '1',
        CI: '1',
        CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
  }, 130_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('succeeds and writes one HCL file per stack, and no JSON twin Terraform would also load', () => {
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    for (const stack of ['defender-integration', 'repopulate-application']) {
      expect(stackFiles(stack).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))).toEqual(['cdk.tf']);
    }
  });

  test('the HCL parses, and holds every resource, provider, backend and output of the JSON synth', async () => {
    const parsed: any = await parse('cdk.tf', hcl('defender-integration'));
    const { variables } = await loadGuideVariables(path.join(ROOT, 'terraform.tfvars.example'));
    const json = JSON.parse(Testing.synth(new DefenderIntegrationStack(Testing.app(), 'defender-integration', { variables })));

    expect(addresses(parsed)).toEqual(addresses(json));
    expect(addresses(parsed)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^azurerm_eventhub_namespace\./), expect.stringMatching(/^azuread_application\./)]),
    );
    expect(Object.keys(parsed.provider).sort()).toEqual(['azuread', 'azurerm', 'time']);
    expect(parsed.terraform[0].backend.local[0].path).toBe('../../../terraform.defender-integration.tfstate');
    expect(Object.keys(parsed.terraform[0].required_providers[0]).sort()).toEqual(['azuread', 'azurerm', 'time']);
    expect(Object.keys(parsed.output).sort()).toEqual(Object.keys(json.output).sort());
    expect(parsed.output.client_secret[0].sensitive).toBe(true);
    expect(parsed.output.shared_access_policy_key[0].sensitive).toBe(true);
  });

  test('the repopulate-application stack touches no Event Hubs resource', async () => {
    const parsed: any = await parse('cdk.tf', hcl('repopulate-application'));
    expect(addresses(parsed).some((a) => a.includes('eventhub'))).toBe(false);
    expect(addresses(parsed)).toEqual(expect.arrayContaining([expect.stringMatching(/^azuread_application_password\./)]));
  });

  test('no absolute path of this machine anywhere, so the folder runs in Cloud Shell', async () => {
    for (const stack of ['defender-integration', 'repopulate-application']) {
      const text = hcl(stack);
      for (const local of [ROOT, outdir, homedir(), tmpdir()]) expect(text).not.toContain(local);
      const absolute = strings(await parse('cdk.tf', text)).filter((s) => /^(\/|[A-Za-z]:[\\/]|~)/.test(s));
      expect(absolute).toEqual([]);
    }
  });
});
