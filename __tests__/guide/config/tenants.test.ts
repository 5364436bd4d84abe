import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { addTenantStacks } from '../../../lib/guide/app';
import { DEFAULT_SETTINGS } from '../../../lib/guide/config/settings';
import { findCollisions, loadTenants } from '../../../lib/guide/config/tenants';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import { guideVariables } from '../../helpers';

const SUBSCRIPTION_B = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tenantFile(name: string, lines: Record<string, string | number | boolean>): string {
  const file = path.join(dir, name);
  const body = Object.entries(lines).map(([k, v]) => `${k} = ${typeof v === 'string' ? JSON.stringify(v) : v}`);
  writeFileSync(file, `${body.join('\n')}\n`);
  return file;
}

const IDS = { azure_tenant_id: '11111111-2222-3333-4444-555555555555', azure_subscription_id: '66666666-7777-8888-9999-000000000000' };

async function problemsOf(location: string): Promise<readonly string[]> {
  const error = await loadTenants(location).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidSettingsError);
  return (error as InvalidSettingsError).problems;
}

describe('loadTenants', () => {
  test('a single file is one unnamed tenant', async () => {
    const file = tenantFile('custom.tfvars', { ...IDS, client_name: 'Solo' });
    const tenants = await loadTenants(file);
    expect(tenants).toHaveLength(1);
    expect(tenants[0].name).toBeUndefined();
    expect(tenants[0].variables.client_name).toBe('Solo');
  });

  test('a directory makes one tenant per *.tfvars file, named after the file, in name order', async () => {
    tenantFile('zeta.tfvars', { ...IDS, client_name: 'Zeta' });
    tenantFile('acme.tfvars', { ...IDS, client_name: 'Acme', azure_subscription_id: SUBSCRIPTION_B, eventhub_tier: 'Premium' });
    writeFileSync(path.join(dir, 'README.md'), 'not a tenant');
    const tenants = await loadTenants(dir);
    expect(tenants.map((t) => [t.name, t.variables.client_name, t.variables.eventhub_tier])).toEqual([
      ['acme', 'Acme', 'Premium'],
      ['zeta', 'Zeta', 'Standard'],
    ]);
    expect(tenants[0].file).toBe(path.join(dir, 'acme.tfvars'));
  });

  test('two tenants synthesize four stacks, each with its own state and its own namespace', async () => {
    tenantFile('acme.tfvars', { ...IDS, client_name: 'Acme' });
    tenantFile('globex.tfvars', { ...IDS, client_name: 'Globex', azure_subscription_id: SUBSCRIPTION_B });
    const app = Testing.app();
    addTenantStacks(app, await loadTenants(dir), { ...DEFAULT_SETTINGS, repopulateApplication: true });
    const stacks = app.node.children.map((c) => c.node.id);
    expect(stacks).toEqual([
      'acme-defender-integration',
      'acme-repopulate-application',
      'globex-defender-integration',
      'globex-repopulate-application',
    ]);
    const synthesized = stacks.map((id) => JSON.parse(Testing.synth(app.node.findChild(id) as never)));
    const statePaths = synthesized.map((s) => s.terraform.backend.local.path);
    expect(new Set(statePaths).size).toBe(4);
    statePaths.forEach((p, i) => expect(p).toContain(stacks[i]));
    const namespaces = [synthesized[0], synthesized[2]].map((s) =>
      Object.values(s.resource.azurerm_eventhub_namespace).map((n: any) => n.name),
    );
    expect(namespaces).toEqual([['SCWX-TDR-Namespace-Acme-eastus'], ['SCWX-TDR-Namespace-Globex-eastus']]);
  });

  test('colliding namespace names are refused naming both files', async () => {
    const first = tenantFile('a.tfvars', { ...IDS, client_name: 'Same' });
    const second = tenantFile('b.tfvars', { ...IDS, client_name: 'same', azure_subscription_id: SUBSCRIPTION_B });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${second}: client_name = "same": .*"SCWX-TDR-Namespace-same-eastus".*${first}`));
  });

  test('a replacement whose namespace name equals another tenant’s is refused', async () => {
    tenantFile('a.tfvars', { ...IDS, client_name: 'Acme' });
    const replacement = tenantFile('b.tfvars', { ...IDS, client_name: 'Acme', replacement_eventhub: true });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${replacement}: client_name = "Acme": .*a replacement needs a client_name different`));
  });

  test('a replacement with its own client_name may share the resource group it reads', async () => {
    tenantFile('a.tfvars', { ...IDS, client_name: 'Acme' });
    tenantFile('b.tfvars', { ...IDS, client_name: 'Acme2', replacement_eventhub: true });
    await expect(loadTenants(dir)).resolves.toHaveLength(2);
  });

  test('two tenants creating one resource group in one subscription are refused', async () => {
    const first = tenantFile('a.tfvars', { ...IDS, client_name: 'Acme' });
    const second = tenantFile('b.tfvars', { ...IDS, client_name: 'Globex' });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${second}: resource_group_name = "SCWX-TDR-RG": is also created by ${first}`)),
    ]);
  });

  test('every problem of every file at once, each naming its file and variable', async () => {
    tenantFile('good.tfvars', { ...IDS, client_name: 'Good' });
    const bad = tenantFile('bad.tfvars', { ...IDS, client_name: 'Bad', eventhub_partition_count: 64 });
    const typo = tenantFile('typo.tfvars', { ...IDS, client_name: 'Typo', eventhub_partitions: 4 });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${bad}: eventhub_partition_count = 64: .*32`)),
      expect.stringMatching(new RegExp(`^${typo}: eventhub_partitions = 4: .*eventhub_partition_count`)),
    ]);
  });

  test('a file name that cannot name stacks is refused, naming the file', async () => {
    const spaced = tenantFile('my tenant.tfvars', { ...IDS });
    expect(await problemsOf(dir)).toEqual([expect.stringMatching(new RegExp(`^${spaced}: file name = "my tenant": .*letters, digits`))]);
  });

  test('file names differing only in case are refused', async () => {
    const upper = tenantFile('ACME.tfvars', { ...IDS, client_name: 'Acme' });
    const lower = tenantFile('acme.tfvars', { ...IDS, client_name: 'Acme2', azure_subscription_id: SUBSCRIPTION_B });
    expect(await problemsOf(dir)).toEqual([
      `${lower}: file name = "acme": differs from ${upper} only in letter case or extension; both would make the same stack folders`,
    ]);
  });

  test('a directory without tfvars files and a missing path are refused by name', async () => {
    expect(await problemsOf(dir)).toEqual([
      `${dir}: is a folder, so it is read as a tenants folder, and it holds no .tfvars or .tfvars.json file: a tenants folder holds one file per tenant, named after it (acme.tfvars, globex.tfvars.json); for one deployment, give the path of its terraform.tfvars instead`,
    ]);
    const missing = path.join(dir, 'nope.tfvars');
    expect(await problemsOf(missing)).toEqual([expect.stringMatching(new RegExp(`^${missing}: no such file or folder`))]);
  });
});

describe('findCollisions', () => {
  const tenant = (file: string, overrides: Parameters<typeof guideVariables>[0]) => ({ file, variables: guideVariables(overrides) });

  test('distinct names in distinct subscriptions pass', () => {
    expect(
      findCollisions([tenant('a', { client_name: 'A' }), tenant('b', { client_name: 'B', azure_subscription_id: SUBSCRIPTION_B })]),
    ).toEqual([]);
  });

  test('the same client_name in different regions gives different namespaces', () => {
    expect(findCollisions([tenant('a', {}), tenant('b', { azure_region: 'westeurope', azure_subscription_id: SUBSCRIPTION_B })])).toEqual(
      [],
    );
  });

  test('resource group names compare without case, as Azure does', () => {
    const problems = findCollisions([
      tenant('a', { client_name: 'A' }),
      tenant('b', { client_name: 'B', resource_group_name: 'scwx-tdr-rg' }),
    ]);
    expect(problems).toEqual([expect.stringMatching(/^b: resource_group_name = "scwx-tdr-rg": is also created by a /)]);
  });
});
