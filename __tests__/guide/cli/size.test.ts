import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadGuideVariables } from '../../../lib/guide/config/tfvars';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_UNDER_PROVISIONED, run } from '../../../lib/guide/cli/size';
import { TENANT, SUBSCRIPTION } from '../../helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sizing-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function size(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

function tfvars(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, `azure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n${text}`);
  return file;
}

describe('size CLI, in-process', () => {
  it("prints a tfvars block that the project's loader accepts as it is", async () => {
    const { code, out, err } = await size('--events-per-minute', '120000', '--endpoints', '20000');
    expect([code, err]).toEqual([EXIT_OK, '']);
    expect(out).toMatch(/^# Sized for 120,000 events per minute and 20,000 endpoints: the Standard tier\.\n/);
    expect(out).toMatch(/Scale up when Incoming Bytes reach 7 MB\/s/);
    const { variables } = await loadGuideVariables(tfvars('printed.tfvars', out));
    expect(variables).toMatchObject({
      eventhub_tier: 'Standard',
      eventhub_throughput_allocated: 7,
      eventhub_throughput_inflate_cap: 14,
      eventhub_partition_count: 7,
      data_retention_length: 1,
    });
  });

  it('--json prints the recommendation, capacity and tfvars values', async () => {
    const { code, out } = await size('--events-per-minute=700000', '--endpoints=60000', '--json');
    expect(code).toBe(EXIT_OK);
    const report = JSON.parse(out);
    expect(report.recommendation).toMatchObject({ tier: 'Dedicated', throughputUnits: 36, partitions: 36, endpoints: 60_000 });
    expect(report.tfvars).toEqual({ require_dedicated_cluster: true, eventhub_partition_count: 36, data_retention_length: 1 });
    expect(report.capacity.tier).toBe('Dedicated');
    expect(report).not.toHaveProperty('check');
  });

  it('--check catches an under-provisioned file and exits 1', async () => {
    const file = tfvars(
      'under.tfvars',
      'eventhub_throughput_allocated = 2\neventhub_throughput_inflate_cap = 4\neventhub_partition_count = 4\n',
    );
    const { code, out, err } = await size('--events-per-minute', '120000', '--check', file);
    expect(code).toBe(EXIT_UNDER_PROVISIONED);
    expect(err).toBe('');
    expect(out).toContain(`Checking ${file} (Standard tier):`);
    expect(out).toMatch(/under-provisioned {2}eventhub_throughput_allocated = 2 +recommended 7: /);
    expect(out).toMatch(/under-provisioned {2}eventhub_partition_count = 4 +recommended 7: /);
    expect(out).toMatch(/fine +data_retention_length = 1 +as recommended/);
    expect(out).toContain('Result: 3 variables under-provisioned');
    expect(out).toContain('eventhub_throughput_allocated   = 7');
  });

  it('--check passes a sufficient file, and --json carries the rows', async () => {
    const file = tfvars(
      'enough.tfvars',
      'eventhub_throughput_allocated = 8\neventhub_throughput_inflate_cap = 16\neventhub_partition_count = 8\n',
    );
    const { code, out } = await size('--events-per-minute', '120000', '--check', file, '--json');
    expect(code).toBe(EXIT_OK);
    const { check } = JSON.parse(out);
    expect(check.underProvisioned).toBe(false);
    expect(check.variables.map((r: { status: string }) => r.status)).toEqual([
      'fine',
      'over-provisioned',
      'over-provisioned',
      'over-provisioned',
      'fine',
    ]);
  });

  it('--check reports every problem of an invalid file and exits 2', async () => {
    const file = tfvars('invalid.tfvars', 'eventhub_partition_count = 0\nevent_hub_tier = "Premium"\n');
    const { code, out, err } = await size('--events-per-minute', '1', '--check', file);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(out).toBe('');
    expect(err.split('\n')).toEqual([
      expect.stringMatching(/^Error: .*invalid\.tfvars: event_hub_tier = "Premium": is not a variable .*did you mean "eventhub_tier"\?$/),
      expect.stringMatching(
        /^Error: .*invalid\.tfvars: eventhub_partition_count = 0: must be a whole number from 1 to 32 on the Standard tier$/,
      ),
      '',
    ]);
  });

  it.each([
    [['--events-per-minute', 'abc'], 'Error: --events-per-minute = "abc": must be a finite number, 0 or more'],
    [['--events-per-minute', '-5'], 'Error: --events-per-minute = -5: must be a finite number, 0 or more'],
    [['--events-per-minute', '1e999'], 'Error: --events-per-minute = "1e999": must be a finite number'],
    [['--events-per-minute', '0x10'], 'Error: --events-per-minute = "0x10": must be a finite number'],
    [['--events-per-minute', ''], 'Error: --events-per-minute = "": must be a finite number'],
    [['--events-per-minute', '100', '--endpoints', '2.5'], 'Error: --endpoints = 2.5: must be a whole number of endpoints, 0 or more'],
    [
      ['--endpoints', '10'],
      "Error: one of --events-per-minute, --from-metrics, --throughput-units, --processing-units is required: the rate the guide's query reports, or the units to set on the existing namespace",
    ],
    [['--events-per-minute', '1', '--throughput-units', '3'], 'Error: --events-per-minute and --throughput-units: give only one of them'],
    [['--throughput-units', '3', '--endpoints', '10'], 'Error: --endpoints: not read with --throughput-units'],
    [['--processing-units', '3'], 'Error: --processing-units = 3: must be one of 1, 2, 4, 8, 16 on the Premium tier'],
    [['--throughput-units', '33'], 'Error: --throughput-units = 33: must be a whole number from 1 to 32 on the Standard tier'],
    [['--throughput-units', '4', '--inflate-cap', '3'], 'Error: --inflate-cap = 3: must be a whole number from 4 to 40'],
    [['--events-per-minute', '1', '--write', 'x.tfvars.json'], 'Error: --write = "x.tfvars.json": is a JSON file'],
    [['--events-per-minute', '1', '--from-metrics'], 'Error: --events-per-minute and --from-metrics: give only one of them'],
    [['--events-per-minute', '1', '--endpoint', '10'], "Error: unknown option '--endpoint' (Did you mean --endpoints?)"],
    [['--events-per-minute', '1', '--check', '/no/such/terraform.tfvars'], 'Error: --check = "/no/such/terraform.tfvars": no such file'],
    [['--events-per-minute'], "Error: option '--events-per-minute <n>' argument missing"],
  ])('%p: one line naming the flag, exit 2', async (argv, message) => {
    const { code, out, err } = await size(...argv);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(out).toBe('');
    expect(err.startsWith(message)).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--help documents every flag and the exit codes', async () => {
    const { code, out } = await size('--help');
    expect(code).toBe(EXIT_OK);
    for (const flag of ['--events-per-minute <n>', '--endpoints <n>', '--json', '--check <file>', 'Exit codes:'])
      expect(out).toContain(flag);
  });
});
