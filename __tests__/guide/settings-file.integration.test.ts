/**
 * The settings file through the real app (cdktf.json's command), as cdktf runs it: every cdktf command
 * synthesizes again in a new shell, so two runs with no XDR_* variable at all must write what the run
 * that named the file wrote, tenant stacks included.
 */
import { exec } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileTree } from '../helpers';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
/** cdktf.json's app, with the module paths made absolute so it runs from any working folder. */
const APP = `node -r ${path.join(ROOT, 'node_modules', 'sucrase', 'register')} ${path.join(ROOT, 'main.ts')}`;
const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';
const SETTINGS = `# written as a customer would
tfvars            = "tenants"
alert_email       = "soc@example.com"
allowed_ip_ranges = ["203.0.113.0/24"]
repopulate_application = true
xdr_egress_ranges = ["192.0.2.64/26"]
tags = {
  cost-center = "4711"
  owner       = "SOC team"
}
`;

interface Run {
  readonly code: number;
  readonly stderr: string;
}

let work: string;
const at = (...parts: string[]) => path.join(work, ...parts);

function run(cwd: string, env: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  return new Promise((resolve) => {
    exec(APP, { cwd, env: { ...clean, CHECKPOINT_DISABLE: '1', ...env } }, (error, _stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
}

function file(name: string, text: string): void {
  mkdirSync(path.dirname(at(name)), { recursive: true });
  writeFileSync(at(name), text);
}

const results: Record<string, Run> = {};

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'settings-'));
  file('project/xdr.tfvars', SETTINGS);
  file('project/tenants/acme.tfvars', `${IDS}client_name = "Acme"\n`);
  file('project/tenants/globex.tfvars', `${IDS.replace('66666666', '77777777')}client_name = "Globex"\n`);
  file('project/typo.tfvars', 'tfvars = "tenants"\nalert_emial = "soc@example.com"\n');
  const project = at('project');
  const [first, second, named, overridden, unknownEnv, unknownKey] = await Promise.all([
    run(project, { CDKTF_OUTDIR: at('out-first') }),
    run(project, { CDKTF_OUTDIR: at('out-second') }),
    run(ROOT, { CDKTF_OUTDIR: at('out-named'), XDR_SETTINGS: at('project', 'xdr.tfvars') }),
    run(project, { CDKTF_OUTDIR: at('out-overridden'), XDR_ALERT_EMAIL: 'noc@example.com' }),
    run(project, { CDKTF_OUTDIR: at('out-unknown-env'), XDR_ALERT_EMAL: 'noc@example.com' }),
    run(project, { CDKTF_OUTDIR: at('out-unknown-key'), XDR_SETTINGS: 'typo.tfvars' }),
  ]);
  Object.assign(results, { first, second, named, overridden, unknownEnv, unknownKey });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const stack = (out: string, name: string) => JSON.parse(readFileSync(at(out, 'stacks', name, 'cdk.tf.json'), 'utf8'));

test('two runs with no XDR_* variable write exactly what the run naming the file wrote, every tenant stack included', () => {
  for (const r of [results.first, results.second, results.named]) expect(r.code).toBe(0);
  const first = fileTree(at('out-first'));
  expect(
    Object.keys(first)
      .filter((f) => f.endsWith('cdk.tf.json'))
      .sort(),
  ).toEqual([
    'stacks/acme-defender-integration/cdk.tf.json',
    'stacks/acme-repopulate-application/cdk.tf.json',
    'stacks/globex-defender-integration/cdk.tf.json',
    'stacks/globex-repopulate-application/cdk.tf.json',
  ]);
  expect(fileTree(at('out-second'))).toEqual(first);
  expect(fileTree(at('out-named'))).toEqual(first);
  // the same lines, but for the output folder the commands in them name (each run its own)
  expect(results.second.stderr.split(at('out-second')).join(at('out-first'))).toBe(results.first.stderr);
});

test('the file settings reach the stacks', () => {
  const acme = stack('out-first', 'acme-defender-integration');
  expect(Object.values<any>(acme.resource.azurerm_monitor_action_group)[0].email_receiver[0].email_address).toBe('soc@example.com');
  expect(Object.values<any>(acme.resource.azurerm_eventhub_namespace)[0].network_rulesets[0].ip_rule[0].ip_mask).toBe('203.0.113.0/24');
  expect(acme.resource.azurerm_resource_group['resource-group'].tags).toEqual({ 'cost-center': '4711', owner: 'SOC team' });
});

test('every synth prints one summary line per stack on stderr, then one line per stack about its client secrets', () => {
  const lines = results.first.stderr.trim().split('\n');
  expect(lines).toEqual([
    'Variables: read 2 tenant files in tenants',
    expect.stringMatching(
      /^acme-defender-integration will deploy a Standard namespace of 2 throughput units, auto-inflate to 4 .*; alerts on to soc@example.com; network limited to 1 IP range; XDR's addresses: 192.0.2.64\/26 \(xdr_egress_ranges\); state in a local file; destroy guards on; 2 tags$/,
    ),
    'acme-repopulate-application will deploy the XDR application on its own (repopulate_application = true in xdr.tfvars): with no state of its own yet, a new application, service principal and secret (a new Client ID and secret for XDR, a new admin consent); state in a local file; destroy guards on; 2 tags',
    expect.stringMatching(/^globex-defender-integration will deploy /),
    expect.stringMatching(/^globex-repopulate-application will deploy /),
    ...['acme-defender-integration', 'acme-repopulate-application', 'globex-defender-integration', 'globex-repopulate-application'].map(
      (stack) =>
        // the run wrote into out-first, not ./cdktf.out of its working folder: npm run values is told where
        `${stack}: not deployed yet: this deploy issues both client secrets; after it, npm run values -- --output ${at('out-first')} shows client_secret for XDR's Client Secret field.`,
    ),
  ]);
});

test('an XDR_* variable overrides its key for that one command only', () => {
  expect(results.overridden.code).toBe(0);
  const acme = stack('out-overridden', 'acme-defender-integration');
  expect(Object.values<any>(acme.resource.azurerm_monitor_action_group)[0].email_receiver[0].email_address).toBe('noc@example.com');
  expect(results.overridden.stderr).toContain('alerts on to noc@example.com');
  expect(results.second.stderr).toContain('alerts on to soc@example.com');
});

test('a misspelt XDR_* variable and a misspelt key are refused with a did-you-mean, and nothing is written', () => {
  expect(results.unknownEnv).toEqual({
    code: 1,
    stderr: 'Error: environment: XDR_ALERT_EMAL: is not an XDR setting; did you mean "XDR_ALERT_EMAIL"?\n',
  });
  expect(results.unknownKey).toEqual({
    code: 1,
    stderr: 'Error: typo.tfvars: alert_emial = "soc@example.com": is not a setting; did you mean "alert_email"?\n',
  });
  expect(existsSync(at('out-unknown-env'))).toBe(false);
  expect(existsSync(at('out-unknown-key'))).toBe(false);
});
