/**
 * `npm run size -- ... --write` on the shipped terraform.tfvars.example and on files a customer
 * edited, for every tier: only the sizing lines change, comments and order stay, lines of another
 * tier go, and the result reads back with the project's tfvars reader and synthesizes.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXIT_BAD_INPUT, EXIT_NEEDS_REPLACEMENT, EXIT_OK, run } from '../../../lib/guide/cli/size';
import { DEFAULT_SETTINGS } from '../../../lib/guide/config/settings';
import { loadDeploymentSettings } from '../../../lib/guide/config/settings-file';
import { loadGuideVariables } from '../../../lib/guide/config/tfvars';
import { SIZING_VARIABLE_NAMES, sizingVariables } from '../../../lib/guide/sizing/tfvars-block';
import { editTfvars } from '../../../lib/guide/sizing/tfvars-edit';
import { writeArgumentFor } from '../../../lib/guide/sizing/write';
import { stackSummaries } from '../../../lib/guide/summary';
import { recommendSizing } from '../../../lib/sizing/recommend';
import { SUBSCRIPTION, TENANT, onlyResource, synthDefender } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../..');
const SHIPPED = readFileSync(path.join(ROOT, 'terraform.tfvars.example'), 'utf8');
const TIERS: ReadonlyArray<[string, number, number | undefined]> = [
  ['Standard', 120_000, 20_000],
  ['Premium', 700_000, 20_000],
  ['Dedicated', 2_000_000, 60_000],
];

let dir: string;
let cwd: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'size-write-'));
  cwd = process.cwd();
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

async function size(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, {});
  return { code, out, err };
}

const comments = (text: string) => text.split('\n').filter((line) => /^\s*(#|\/\/)/.test(line) && !/^# \w+ +: not read/.test(line));
const otherLines = (text: string) =>
  text.split('\n').filter((line) => !SIZING_VARIABLE_NAMES.some((name) => new RegExp(`^\\s*(#\\s*)?${name}\\s*=`).test(line)));

/** What the written file must hold for a rate: the recommendation's lines, no other sizing line. */
async function expectSized(file: string, before: string, eventsPerMinute: number, endpoints?: number): Promise<void> {
  const after = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const wanted = sizingVariables(recommendSizing({ eventsPerMinute, endpoints }));
  // every comment and every other line, in its order
  expect(comments(after).filter((c) => !SIZING_VARIABLE_NAMES.some((n) => c.includes(`${n} `)))).toEqual(
    comments(before).filter((c) => !SIZING_VARIABLE_NAMES.some((n) => c.includes(`${n} `))),
  );
  expect(otherLines(after)).toEqual(otherLines(before));
  // no line of a variable the tier does not read
  for (const name of SIZING_VARIABLE_NAMES.filter((n) => !(n in wanted))) expect(after).not.toMatch(new RegExp(`^\\s*${name}\\s*=`, 'm'));
  const { variables, warnings } = await loadGuideVariables(file);
  expect(variables).toMatchObject(wanted);
  expect(warnings.filter((w) => /not read|ignored/.test(w))).toEqual([]);
  const synth = synthDefender({ ...variables, azure_tenant_id: TENANT, azure_subscription_id: SUBSCRIPTION });
  expect(onlyResource(synth, 'azurerm_eventhub').partition_count).toBe(wanted.eventhub_partition_count);
}

describe('--write on the shipped terraform.tfvars', () => {
  test.each(TIERS)('%s: a fresh clone (no terraform.tfvars) gets one made from the example', async (_tier, rate, endpoints) => {
    copyFileSync(path.join(ROOT, 'terraform.tfvars.example'), 'terraform.tfvars.example');
    const { code, out, err } = await size(
      '--events-per-minute',
      String(rate),
      ...(endpoints ? ['--endpoints', String(endpoints)] : []),
      '--write',
    );
    expect([code, err]).toEqual([EXIT_OK, '']);
    expect(out).toContain('terraform.tfvars: created from terraform.tfvars.example');
    expect(readFileSync('terraform.tfvars.example', 'utf8')).toBe(SHIPPED);
    await expectSized('terraform.tfvars', SHIPPED, rate, endpoints);
  });

  test.each(TIERS)('%s, then each other tier over it: stale lines go, comments stay', async (_tier, rate, endpoints) => {
    writeFileSync('terraform.tfvars', SHIPPED);
    const sequence: Array<[number, number | undefined]> = [
      [rate, endpoints],
      ...TIERS.map(([, r, e]): [number, number | undefined] => [r, e]),
    ];
    for (const [next, nextEndpoints] of sequence) {
      const before = readFileSync('terraform.tfvars', 'utf8');
      const argv = ['--events-per-minute', String(next), ...(nextEndpoints ? ['--endpoints', String(nextEndpoints)] : []), '--write'];
      expect((await size(...argv)).code).toBe(EXIT_OK);
      await expectSized('terraform.tfvars', before, next, nextEndpoints);
    }
  });

  test('writing the same sizing twice changes nothing the second time', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    await size('--events-per-minute', '120000', '--write');
    const once = readFileSync('terraform.tfvars', 'utf8');
    const { out } = await size('--events-per-minute', '120000', '--write');
    expect(out).toContain('terraform.tfvars: already holds these values; nothing changed');
    expect(readFileSync('terraform.tfvars', 'utf8')).toBe(once);
  });
});

describe('--write on files a customer edited', () => {
  const IDS = `azure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n`;

  test.each(TIERS)('%s: comments between and after the lines, a trailing comment, CRLF, no final newline', async (_t, rate, endpoints) => {
    const edited = [
      '// our tenant',
      IDS.trim().replace('\n', '\r\n'),
      'client_name = "Contoso"   # the customer',
      '/* sizing from last year:',
      'eventhub_partition_count = 2',
      '*/',
      'eventhub_tier = "Premium" # we tried Premium',
      '# eventhub_processing_units = 4',
      'eventhub_processing_units = 2',
      '',
      '  eventhub_partition_count = 32   # keep',
      'data_retention_length = 3',
    ].join('\r\n');
    writeFileSync('terraform.tfvars', edited);
    const argv = ['--events-per-minute', String(rate), ...(endpoints ? ['--endpoints', String(endpoints)] : []), '--write'];
    const { code, err } = await size(...argv);
    expect([code, err]).toEqual([EXIT_OK, '']);
    const after = readFileSync('terraform.tfvars', 'utf8');
    expect(after).toContain('/* sizing from last year:\r\neventhub_partition_count = 2\r\n*/'); // a comment stays a comment
    expect(after).toContain('client_name = "Contoso"   # the customer');
    expect(after).toMatch(/^ {2}eventhub_partition_count = \d+ {3}# keep\r$/m); // indentation and trailing comment kept
    expect(after.split('\r\n').length).toBeGreaterThan(10); // CRLF kept
    await expectSized('terraform.tfvars', edited.replace(/\r\n/g, '\n'), rate, endpoints);
  });

  test('a file with only the IDs gets the sizing lines at its end, in the guide order', () => {
    const edited = editTfvars('t', IDS, SIZING_VARIABLE_NAMES, { eventhub_partition_count: 7, eventhub_tier: 'Standard' });
    expect(edited.text).toBe(`${IDS}eventhub_tier = "Standard"\neventhub_partition_count = 7\n`);
  });

  test('a commented-out line is uncommented where it is, aligned with the other sizing lines', () => {
    const text =
      'eventhub_tier                   = "Premium"\n# eventhub_processing_units     = 8   # Premium only: 1, 2, 4, 8 or 16\nx = 1\n';
    expect(
      editTfvars('t', text, ['eventhub_tier', 'eventhub_processing_units'], { eventhub_tier: 'Premium', eventhub_processing_units: 16 })
        .text,
    ).toBe('eventhub_tier                   = "Premium"\neventhub_processing_units       = 16   # Premium only: 1, 2, 4, 8 or 16\nx = 1\n');
  });

  test('a one-line map of strings is replaced as a value; a map over several lines is left to the operator', () => {
    const requests = { 'SCWX-TDR-Namespace-Acme-eastus': 'b', 'SCWX-TDR-Namespace-Globex-eastus': 'c' };
    expect(
      editTfvars('x', 'apply_capacity = { "SCWX-TDR-Namespace-Acme-eastus" = "a" } # kept\n', ['apply_capacity'], {
        apply_capacity: requests,
      }).text,
    ).toBe('apply_capacity = { "SCWX-TDR-Namespace-Acme-eastus" = "b", "SCWX-TDR-Namespace-Globex-eastus" = "c" } # kept\n');
    expect(() =>
      editTfvars('x', 'apply_capacity = {\n  "SCWX-TDR-Namespace-Acme-eastus" = "a"\n}\n', ['apply_capacity'], {
        apply_capacity: requests,
      }),
    ).toThrow(/apply_capacity = "\{": is not a one-line value that npm run size -- --write can replace; edit x by hand/);
    // a template sequence in a key or request is never written back as one
    expect(() => editTfvars('x', 'apply_capacity = { "a" = "${b}" }\n', ['apply_capacity'], { apply_capacity: requests })).toThrow(
      /is not a one-line value/,
    );
  });

  test('a value that is not one line is refused, and nothing is written', async () => {
    const text = `${IDS}eventhub_partition_count = <<EOT\n4\nEOT\n`;
    expect(() => editTfvars('t', text, ['eventhub_partition_count'], { eventhub_partition_count: 7 })).toThrow(
      /eventhub_partition_count = "<<EOT": is not a one-line value that npm run size -- --write can replace; edit t by hand/,
    );
  });

  test('an *.auto.tfvars that sets a sizing variable again is named, and nothing is written', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    writeFileSync('sizing.auto.tfvars', 'eventhub_partition_count = 4\n');
    const { code, err } = await size('--events-per-minute', '120000', '--write');
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(err).toBe(
      'Error: eventhub_partition_count = "sizing.auto.tfvars": is also set in sizing.auto.tfvars, which Terraform reads after terraform.tfvars; remove it there, then run this again\n',
    );
    expect(readFileSync('terraform.tfvars', 'utf8')).toBe(SHIPPED);
  });
});

describe('--write on a deployed namespace (the local state beside it)', () => {
  const deployed = (sku: string, capacity: number, partitions: number) =>
    writeFileSync(
      'terraform.defender-integration.tfstate',
      JSON.stringify({
        version: 4,
        resources: [
          {
            mode: 'managed',
            type: 'azurerm_eventhub_namespace',
            name: 'n',
            instances: [{ attributes: { sku, capacity, dedicated_cluster_id: '' } }],
          },
          { mode: 'managed', type: 'azurerm_eventhub', name: 'h', instances: [{ attributes: { partition_count: partitions } }] },
        ],
      }),
    );

  test('the state is read beside the output folder the synth uses (CDKTF_OUTDIR), not in the working folder', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    mkdirSync('elsewhere');
    deployed('Standard', 2, 4);
    renameSync('terraform.defender-integration.tfstate', path.join('elsewhere', 'terraform.defender-integration.tfstate'));
    let err = '';
    const code = await run(
      ['--events-per-minute', '120000', '--write'],
      { out: () => undefined, err: (t) => (err += t) },
      {
        CDKTF_OUTDIR: path.join('elsewhere', 'cdktf.out'),
      },
    );
    expect(code).toBe(EXIT_NEEDS_REPLACEMENT);
    expect(err).toMatch(/the deployed hub has 4 partitions \(.*elsewhere\/terraform\.defender-integration\.tfstate\)/);
    expect(readFileSync('terraform.tfvars', 'utf8')).toBe(SHIPPED);
  });

  test('more partitions on Standard: exit 3, help/replacing.md, the in-place command, nothing written', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    deployed('Standard', 2, 4);
    const { code, out, err } = await size('--events-per-minute', '120000', '--write');
    expect([code, out]).toEqual([EXIT_NEEDS_REPLACEMENT, '']);
    expect(err).toBe(
      'Error: terraform.tfvars: eventhub_partition_count = 7: the deployed hub has 4 partitions (terraform.defender-integration.tfstate), and Azure changes the partition count only on a Premium namespace; keep the deployed value, or deploy a second namespace next to this one: help/replacing.md; to change only the capacity in place: npm run -s size -- --throughput-units 7 --write; nothing was written\n',
    );
    expect(readFileSync('terraform.tfvars', 'utf8')).toBe(SHIPPED);
    expect(existsSync('xdr.tfvars')).toBe(false);
  });

  test('the command it suggests works, records apply_capacity, and the summary says this deploy sets it', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    mkdirSync('sub');
    deployed('Standard', 4, 4);
    const { code, out } = await size('--throughput-units', '7', '--write');
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(
      /^xdr\.tfvars: apply_capacity\["SCWX-TDR-Namespace-CustomerName-eastus"\] = "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ": the next deploy sets SCWX-TDR-Namespace-CustomerName-eastus to 7 throughput units; later deploys leave the capacity to auto-inflate, and other namespaces keep theirs$/m,
    );
    const { variables } = await loadGuideVariables('terraform.tfvars');
    expect(variables).toMatchObject({ eventhub_throughput_allocated: 7, eventhub_throughput_inflate_cap: 14, eventhub_partition_count: 4 });
    // as the app reads xdr.tfvars
    const request = (await loadDeploymentSettings({})).settings?.applyCapacity;
    const [summary] = stackSummaries(
      [{ file: 'terraform.tfvars', variables, warnings: [] }],
      { ...DEFAULT_SETTINGS, applyCapacity: request },
      '.',
    );
    expect(summary).toContain(
      'auto-inflate to 14 (SCWX-TDR-Namespace-CustomerName-eastus, 4 partitions): this deploy sets 7 throughput units (apply_capacity)',
    );
  });

  test('an existing xdr.tfvars keeps its lines; a commented apply_capacity line is set where it is', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    copyFileSync(path.join(ROOT, 'xdr.tfvars.example'), 'xdr.tfvars');
    deployed('Standard', 2, 4);
    expect((await size('--throughput-units', '3', '--no-auto-inflate', '--write')).code).toBe(EXIT_OK);
    expect(readFileSync('xdr.tfvars', 'utf8')).toBe(readFileSync(path.join(ROOT, 'xdr.tfvars.example'), 'utf8')); // auto-inflate off: applied anyway
    expect((await size('--throughput-units', '5', '--write')).code).toBe(EXIT_OK);
    const example = readFileSync(path.join(ROOT, 'xdr.tfvars.example'), 'utf8').split('\n');
    const written = readFileSync('xdr.tfvars', 'utf8').split('\n');
    expect(written.length).toBe(example.length);
    expect(written.filter((line, i) => line !== example[i])).toEqual([
      expect.stringMatching(/^apply_capacity = \{ "SCWX-TDR-Namespace-CustomerName-eastus" = "[^"]+" \}$/),
    ]);
  });

  test('--processing-units on a Standard file is a tier change: exit 3, nothing written', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    const { code, err } = await size('--processing-units', '4', '--write');
    expect(code).toBe(EXIT_NEEDS_REPLACEMENT);
    expect(err).toMatch(
      /^Error: terraform.tfvars: selects the Standard tier; --processing-units sets the Premium tier, .*help\/replacing.md; nothing was written\n$/,
    );
    expect(readFileSync('terraform.tfvars', 'utf8')).toBe(SHIPPED);
  });

  test('a deployed Premium namespace: the in-place command is --processing-units, and it works', async () => {
    const premium = SHIPPED.replace(/^eventhub_tier .*$/m, 'eventhub_tier = "Premium"').replace(
      /^# eventhub_processing_units .*$/m,
      'eventhub_processing_units = 1',
    );
    writeFileSync('terraform.tfvars', premium);
    deployed('Premium', 1, 4);
    // the rate fits Standard, which the deployed Premium namespace cannot become in place
    const refused = await size('--events-per-minute', '200000', '--write');
    expect(refused.code).toBe(EXIT_NEEDS_REPLACEMENT);
    expect(refused.err).toMatch(
      /; to change only the capacity in place: npm run -s size -- --processing-units 4 --write; nothing was written\n$/,
    );
    const { code, out } = await size('--processing-units', '4', '--write');
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('terraform.tfvars: eventhub_processing_units = 4 (was 1)');
  });
});

describe('--write and the file the app reads', () => {
  const namespaceState = (stack: string, capacity: number) =>
    writeFileSync(
      `terraform.${stack}.tfstate`,
      JSON.stringify({
        version: 4,
        resources: [
          { mode: 'managed', type: 'azurerm_eventhub_namespace', name: 'n', instances: [{ attributes: { sku: 'Standard', capacity } }] },
          { mode: 'managed', type: 'azurerm_eventhub', name: 'h', instances: [{ attributes: { partition_count: 4 } }] },
        ],
      }),
    );

  test('without a file it edits the tfvars xdr.tfvars names, so the next deploy sets what apply_capacity says', async () => {
    copyFileSync(path.join(ROOT, 'terraform.tfvars.example'), 'terraform.tfvars.example');
    mkdirSync('clouddrive');
    writeFileSync(path.join('clouddrive', 'terraform.tfvars'), SHIPPED);
    writeFileSync('xdr.tfvars', 'tfvars = "clouddrive/terraform.tfvars"\n');
    namespaceState('defender-integration', 4);
    const { code, out } = await size('--throughput-units', '6', '--write');
    expect(code).toBe(EXIT_OK);
    expect(existsSync('terraform.tfvars')).toBe(false);
    expect(out).toContain('clouddrive/terraform.tfvars: eventhub_throughput_allocated = 6 (was 2)');
    const { variables } = await loadGuideVariables(path.join('clouddrive', 'terraform.tfvars'));
    const request = (await loadDeploymentSettings({})).settings?.applyCapacity;
    const [summary] = stackSummaries([{ file: 'clouddrive/terraform.tfvars', variables, warnings: [] }], {
      ...DEFAULT_SETTINGS,
      applyCapacity: request,
    });
    expect(summary).toContain('this deploy sets 6 throughput units (apply_capacity)');
  });

  test("a tenants folder: the tenant's file is asked for; written, its own stack's state and name are used", async () => {
    mkdirSync('tenants');
    writeFileSync(path.join('tenants', 'acme.tfvars'), SHIPPED);
    writeFileSync('xdr.tfvars', 'tfvars = "tenants"\n');
    namespaceState('acme-defender-integration', 2);
    const bare = await size('--throughput-units', '6', '--write');
    expect(bare.code).toBe(EXIT_BAD_INPUT);
    expect(bare.err).toBe(
      'Error: --write: xdr.tfvars: tfvars = "tenants" is a tenants folder; give the tenant\'s file: --write tenants/<tenant>.tfvars\n',
    );
    const { code, out } = await size('--throughput-units', '6', '--write', 'tenants/acme.tfvars');
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(
      /^xdr\.tfvars: apply_capacity\["SCWX-TDR-Namespace-CustomerName-eastus"\] = ".*": the next deploy sets .* to 6 throughput units/m,
    );
    expect(out).toMatch(/^Next: npx cdktf diff acme-defender-integration .*, then npx cdktf deploy acme-defender-integration\n$/m);
    // what npm run health's advice puts after --write for each kind of stack
    expect(writeArgumentFor('acme-defender-integration', 'tenants')).toBe(' tenants/acme.tfvars');
    expect(writeArgumentFor('defender-integration', 'terraform.tfvars')).toBe('');
  });

  test("one tenant's request leaves the other tenants' capacity alone; a second tenant's keeps the first's", async () => {
    mkdirSync('tenants');
    const tenantFile = (name: string) => {
      writeFileSync(path.join('tenants', `${name.toLowerCase()}.tfvars`), SHIPPED.replace(/^client_name .*$/m, `client_name = "${name}"`));
      namespaceState(`${name.toLowerCase()}-defender-integration`, 8); // both inflated to 8 under load
    };
    tenantFile('Acme');
    tenantFile('Globex');
    writeFileSync('xdr.tfvars', 'tfvars = "tenants"\napply_capacity = "2026-01-31T09:00:00Z" # an earlier release: every namespace\n');
    const first = await size('--throughput-units', '6', '--write', 'tenants/acme.tfvars');
    expect(first.code).toBe(EXIT_OK);
    expect(first.out).toMatch(
      /^xdr\.tfvars: apply_capacity\["SCWX-TDR-Namespace-Acme-eastus"\] = "[^"]+": the next deploy sets SCWX-TDR-Namespace-Acme-eastus to 6 throughput units; .*other namespaces keep theirs \(it replaces the request for every namespace, "2026-01-31T09:00:00Z": a namespace whose deploy has not applied that one keeps its units\)$/m,
    );
    const summaries = async () => {
      const { settings } = await loadDeploymentSettings({});
      const tenants = await Promise.all(
        ['acme', 'globex'].map(async (name) => {
          const file = path.join('tenants', `${name}.tfvars`);
          return { name, file, variables: (await loadGuideVariables(file)).variables, warnings: [] };
        }),
      );
      return stackSummaries(tenants, settings!);
    };
    expect(await summaries()).toEqual([
      expect.stringMatching(/^acme-defender-integration will deploy .*: this deploy sets 6 throughput units \(apply_capacity\)/),
      expect.stringMatching(
        /^globex-defender-integration will deploy .*: capacity is managed by auto-inflate; this deploy leaves it \(8 at the last deploy\)/,
      ),
    ]);
    const second = await size('--throughput-units', '5', '--write', 'tenants/globex.tfvars');
    expect(second.code).toBe(EXIT_OK);
    expect(readFileSync('xdr.tfvars', 'utf8')).toMatch(
      /^apply_capacity = \{ "SCWX-TDR-Namespace-Acme-eastus" = "[^"]+", "SCWX-TDR-Namespace-Globex-eastus" = "[^"]+" \} # an earlier release: every namespace$/m,
    );
    expect(await summaries()).toEqual([
      expect.stringMatching(/: this deploy sets 6 throughput units \(apply_capacity\)/),
      expect.stringMatching(/: this deploy sets 5 throughput units \(apply_capacity\)/),
    ]);
  });

  test('a replacement file is its own deployment: the next commands name it and its output folder (help/replacing.md)', async () => {
    writeFileSync('terraform.tfvars', SHIPPED);
    writeFileSync(
      'replacement.tfvars',
      SHIPPED.replace(/^client_name .*$/m, 'client_name = "CustomerName2"').replace(
        /^replacement_eventhub .*$/m,
        'replacement_eventhub = true',
      ),
    );
    const { code, out } = await size('--events-per-minute', '120000', '--write', 'replacement.tfvars');
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(
      /^Next: XDR_TFVARS=replacement\.tfvars npx cdktf diff defender-integration --output cdktf\.out\.replacement .*, then XDR_TFVARS=replacement\.tfvars npx cdktf deploy defender-integration --output cdktf\.out\.replacement\n$/m,
    );
  });
});
