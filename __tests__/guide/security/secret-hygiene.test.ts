/**
 * Secret hygiene: synthesize every tier through the app's own path (tfvars file, environment
 * settings, atomic synth into an output folder) with credentials planted in the environment, then
 * scan every written file and everything printed. Credentials may only leave Terraform through the
 * two sensitive outputs XDR needs, and the namespace's RootManageSharedAccessKey is never touched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { addTenantStacks, synthesizeAtomically } from '../../../lib/guide/app';
import { readDeploymentSettings } from '../../../lib/guide/config/settings';
import { loadTenants } from '../../../lib/guide/config/tenants';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import { fileTree } from '../../helpers';

const dir = mkdtempSync(join(tmpdir(), 'secret-hygiene-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Credentials a Cloud Shell or CI environment typically holds; none may reach a file or the console. */
const CANARIES: Record<string, string> = {
  ARM_CLIENT_SECRET: 'Qx18Q~canaryArmClientSecret0123456789abcd',
  AZURE_CLIENT_SECRET: 'Qx28Q~canaryAzureClientSecret0123456789ab',
  ARM_ACCESS_KEY: 'canaryStorageAccessKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01==',
  ARM_SAS_TOKEN: 'sv=2022-11-02&sig=canarySasSignature0123456789',
  ARM_CLIENT_CERTIFICATE_PASSWORD: 'canary-certificate-password',
  ARM_OIDC_TOKEN: 'canary.oidc.token',
  TF_VAR_client_secret: 'canary-tf-var-client-secret',
};

/** Shapes of real credentials: Entra client secrets, SAS keys, connection strings, private keys. */
const SECRET_SHAPES: RegExp[] = [
  /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{30,}/,
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/,
  /SharedAccessKey=|AccountKey=|SharedAccessSignature|sig=/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** Attributes that hold a credential, on any resource or data source of these providers. */
function isCredential(type: string, attribute: string): boolean {
  if (/^azuread_\w*password$/.test(type) && attribute === 'value') return true;
  return /(primary|secondary)_(key|connection_string)|password|secret|access_key|sas|private_key/.test(attribute);
}

const REFERENCE = /\b(?:data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_]+)\b/g;

/** Every credential reference in a synthesized stack, with the JSON path it sits at. */
function credentialReferences(json: unknown, path = ''): Array<{ path: string; type: string; id: string; attribute: string }> {
  if (typeof json === 'string') {
    if (!json.includes('${')) return [];
    return [...json.matchAll(REFERENCE)]
      .filter((m) => isCredential(m[1], m[3]))
      .map((m) => ({ path, type: m[1], id: m[2], attribute: m[3] }));
  }
  if (json === null || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([key, value]) => credentialReferences(value, path ? `${path}.${key}` : key));
}

interface Synthesized {
  readonly files: Record<string, string>;
  readonly printed: string;
}

/** main.ts's path, in process: environment settings, tfvars file, atomic synth; output captured. */
async function synthesize(name: string, tfvars: string, env: Record<string, string> = {}): Promise<Synthesized> {
  const file = join(dir, `${name}.tfvars`);
  const outdir = join(dir, `${name}.out`);
  writeFileSync(file, tfvars);
  const printed: string[] = [];
  const capture = (...args: unknown[]) => {
    printed.push(args.map(String).join(' '));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m).mockImplementation(capture)),
  ];
  const planted = { ...CANARIES, ...env };
  const saved = Object.fromEntries(Object.keys(planted).map((key) => [key, process.env[key]]));
  Object.assign(process.env, planted);
  try {
    const settings = readDeploymentSettings(process.env);
    if (!settings.settings) throw new InvalidSettingsError(settings.errors, 'environment');
    const tenants = await loadTenants(file);
    printed.push(...tenants.flatMap((t) => t.warnings));
    synthesizeAtomically(outdir, (app) => addTenantStacks(app, tenants, settings.settings!));
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    spies.forEach((spy) => spy.mockRestore());
  }
  const files = fileTree(outdir);
  return { files, printed: printed.join('\n') };
}

const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';
const CASES: Record<string, string> = {
  standard: IDS,
  premium: `${IDS}eventhub_tier = "Premium"\neventhub_processing_units = 2\n`,
  dedicated: `${IDS}require_dedicated_cluster = true\neventhub_partition_count = 64\n`,
  replacement: `${IDS}client_name = "CustomerName2"\nreplacement_eventhub = true\n`,
};
const REMOTE_STATE = {
  XDR_STATE_RESOURCE_GROUP: 'tfstate-rg',
  XDR_STATE_STORAGE_ACCOUNT: 'tfstate0001',
  XDR_STATE_CONTAINER: 'tfstate',
  XDR_ALLOWED_IP_RANGES: '203.0.113.0/24',
  XDR_EGRESS_RANGES: '192.0.2.64/26',
};

const results: Record<string, Synthesized> = {};
beforeAll(async () => {
  for (const [name, tfvars] of Object.entries(CASES)) results[name] = await synthesize(name, tfvars);
  results['standard with remote state'] = await synthesize('remote', IDS, REMOTE_STATE);
});

function stacks(name: string): Record<string, any> {
  const entries = Object.entries(results[name].files).filter(([file]) => file.endsWith('cdk.tf.json'));
  return Object.fromEntries(entries.map(([file, text]) => [file.split(/[\\/]/)[1], JSON.parse(text)]));
}

const ALL = [...Object.keys(CASES), 'standard with remote state'];

describe.each(ALL)('%s', (name) => {
  test('wrote the two stacks and nothing stateful', () => {
    const files = Object.keys(results[name].files).sort();
    expect(files).toEqual(expect.arrayContaining(['manifest.json', join('stacks', 'defender-integration', 'cdk.tf.json')]));
    expect(files.filter((f) => /tfstate|\.terraform|\.env|\.pem|\.pfx/.test(f))).toEqual([]);
  });

  test('no planted credential and nothing shaped like a credential is written or printed', () => {
    const texts = { ...results[name].files, '(printed)': results[name].printed };
    for (const [file, text] of Object.entries(texts)) {
      for (const canary of Object.values(CANARIES)) expect({ file, leaked: text.includes(canary) }).toEqual({ file, leaked: false });
      for (const shape of SECRET_SHAPES) expect({ file, match: text.match(shape)?.[0] }).toEqual({ file, match: undefined });
      expect({ file, root: /RootManageSharedAccessKey/i.test(text) }).toEqual({ file, root: false });
    }
  });

  test('credentials leave Terraform only through the sensitive outputs XDR needs', () => {
    for (const [stack, json] of Object.entries(stacks(name))) {
      const found = credentialReferences(json);
      const byOutput = Object.fromEntries(found.map((ref) => [ref.path, `${ref.type}.${ref.attribute}`]));
      const expected: Record<string, string> = {};
      if (stack.startsWith('defender-integration'))
        expected['output.shared_access_policy_key.value'] = 'azurerm_eventhub_authorization_rule.primary_key';
      if (json.resource?.azuread_application) expected['output.client_secret.value'] = 'azuread_application_password.value';
      expect({ stack, credentials: byOutput }).toEqual({ stack, credentials: expected });
      for (const output of Object.keys(expected)) expect(json.output[output.split('.')[1]].sensitive).toBe(true);
    }
  });

  test('the exported event hub key is the listen-only policy on the event hub, never a namespace-level rule', () => {
    const json = stacks(name)['defender-integration'];
    const [, id] =
      /^\$\{azurerm_eventhub_authorization_rule\.([^.]+)\.primary_key\}$/.exec(json.output.shared_access_policy_key.value) ?? [];
    const rule = json.resource.azurerm_eventhub_authorization_rule[id];
    expect([rule.listen, rule.send, rule.manage]).toEqual([true, false, false]);
    expect(rule.eventhub_name).toMatch(/^\$\{azurerm_eventhub\./);
    const types = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})];
    expect(types.filter((t) => /namespace_authorization_rule|eventhub_namespace$/.test(t) && t !== 'azurerm_eventhub_namespace')).toEqual(
      [],
    );
    expect(Object.keys(json.data ?? {})).not.toContain('azurerm_eventhub_namespace');
  });

  test('provider and backend blocks carry no credential: sign-in comes from the Azure CLI or the environment at deploy time', () => {
    for (const json of Object.values(stacks(name))) {
      const config = JSON.stringify({ provider: json.provider, backend: json.terraform?.backend });
      expect(config).not.toMatch(/secret|password|access_key|sas_token|certificate|oidc_token|"token"/i);
    }
  });
});

test('remote state is really in play in the remote case, so its scan means something', () => {
  expect(stacks('standard with remote state')['defender-integration'].terraform.backend.azurerm).toMatchObject({ use_azuread_auth: true });
});

test('a credential-looking line in a tfvars file is refused without echoing its value', async () => {
  const secret = CANARIES.ARM_CLIENT_SECRET;
  const error = await synthesize('stray-secret', `${IDS}client_secret = "${secret}"\nsas_key = "${secret}"\n`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidSettingsError);
  const message = (error as InvalidSettingsError).problems.join('\n');
  expect(message).toMatch(/client_secret = "\*\*\*": is not a variable/);
  expect(message).toMatch(/sas_key = "\*\*\*": is not a variable/);
  expect(message).not.toContain(secret);
});
