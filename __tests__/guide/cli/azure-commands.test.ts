/**
 * `npm run preflight`, `npm run health` and `npm run size -- --from-metrics` in-process, as a person
 * runs them: the guide's terraform.tfvars and a deployed stack's state file written here, the real
 * SDK clients against the local server of __tests__/azure (no test reaches Azure).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { AzureServer, SUBSCRIPTION, TENANT, clientsFor, startAzureServer } from '../../azure/azure-server';
import * as r from '../../azure/responses';
import { KEY_ID, days, flowing, healthRoutes, preflightRoutes } from '../../azure/routes';
import { measuredEventsPerMinute } from '../../../lib/guide/cli/from-metrics';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import * as health from '../../../lib/guide/cli/health';
import * as preflight from '../../../lib/guide/cli/preflight';

// the first test pays for loading the HCL parser and the Azure SDK
jest.setTimeout(30_000);

let server: AzureServer;
let root: string;
beforeAll(async () => {
  server = await startAzureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'azure-commands-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const connect = () => clientsFor(server);

async function capture(
  command: typeof preflight.run,
  env: NodeJS.ProcessEnv,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(argv, { out: (t) => (out += t), err: (t) => (err += t) }, env, connect);
  return { code, out, err };
}

function tfvars(): NodeJS.ProcessEnv {
  const file = path.join(root, 'terraform.tfvars');
  writeFileSync(
    file,
    `client_name = "Contoso"\nazure_region = "eastus"\nazure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n`,
  );
  return { XDR_TFVARS: file, XDR_SETTINGS: '' };
}

/** A synthesized defender-integration stack with a local state holding `outputs`, as after a deploy. */
function deployed(outputs: Record<string, string>): NodeJS.ProcessEnv {
  const outdir = path.join(root, 'cdktf.out');
  const stackDir = path.join(outdir, 'stacks', 'defender-integration');
  mkdirSync(stackDir, { recursive: true });
  const stacks = {
    'defender-integration': {
      synthesizedStackPath: 'stacks/defender-integration/cdk.tf.json',
      workingDirectory: 'stacks/defender-integration',
    },
  };
  writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks }));
  writeFileSync(
    path.join(stackDir, 'cdk.tf.json'),
    // the outputs the state holds are declared, as a synth writes them (npm run values refuses a state of another project)
    JSON.stringify({
      terraform: { backend: { local: { path: '../../../terraform.defender-integration.tfstate' } } },
      output: Object.fromEntries(Object.keys(outputs).map((name) => [name, { value: '' }])),
    }),
  );
  const state = { version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'l', resources: [], outputs: {} as Record<string, object> };
  for (const [name, value] of Object.entries(outputs)) state.outputs[name] = { value, type: 'string' };
  writeFileSync(path.join(root, 'terraform.defender-integration.tfstate'), JSON.stringify(state));
  return { ...tfvars(), CDKTF_OUTDIR: outdir };
}

const OUTPUTS = {
  event_hub_namespace_resource_id: r.NAMESPACE_ID,
  event_hub_namespace_name: r.NS,
  event_hub_name: r.HUB,
  consumer_group_name: 'SCWX-TDR-ConsumerGroup',
  shared_access_policy_name: 'SCWX-TDR-ListenPolicy',
  client_id: '0a1b2c3d-0000-4000-8000-00000000c11d',
  client_secret_key_id: KEY_ID,
  client_secret_expires_at: days(200),
};

describe('npm run preflight', () => {
  test('one line per check under the stack, a result line, exit 0', async () => {
    server.routes = preflightRoutes();
    const { code, out, err } = await capture(preflight.run, tfvars());
    expect(err).toBe('');
    expect(code).toBe(preflight.EXIT_OK);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^defender-integration \\(.*terraform\\.tfvars: tenant ${TENANT}, subscription ${SUBSCRIPTION}\\)$`),
    );
    expect(lines[1]).toBe(`  passed   signed in: as user operator@contoso.example in tenant ${TENANT}`);
    expect(lines).toContain('  passed   namespace name available: SCWX-TDR-Namespace-Contoso-eastus is free');
    expect(lines[lines.length - 1]).toBe('Result: 0 failed, 0 not checkable, 10 passed.');
  });

  test('--json: the results per stack; a failed check exits 1 and says what to do on its line', async () => {
    server.routes = [
      ['POST', /checkNameAvailability$/i, { body: { nameAvailable: false, reason: 'NameInUse', message: 'in use' } }],
      ...preflightRoutes(),
    ];
    const json = await capture(preflight.run, tfvars(), '--json');
    expect(json.code).toBe(preflight.EXIT_FAILED);
    const document = JSON.parse(json.out);
    expect(document.stacks[0].stack).toBe('defender-integration');
    expect(document.stacks[0].results.find((c: any) => c.check === 'namespace name available')).toMatchObject({
      status: 'failed',
      fix: expect.stringMatching(/client_name/),
    });
    const text = await capture(preflight.run, tfvars());
    // the file the variables came from (in a tenants folder, the tenant's own)
    expect(text.out).toContain(
      ` -> choose another client_name in ${path.join(root, 'terraform.tfvars')} (the namespace is named after it and azure_region)\n`,
    );
  });

  test('a stack that is not there is bad input: one line, exit 2', async () => {
    const { code, out, err } = await capture(preflight.run, tfvars(), 'acme-defender-integration');
    expect(code).toBe(preflight.EXIT_BAD_INPUT);
    expect(out).toBe('');
    expect(err).toMatch(/^Error: no stack acme-defender-integration in .*; there are: defender-integration\n$/);
  });
});

/** The command runs on the real clock: a secret ending `n` days from now, as Graph lists it. */
const application = (n: number) =>
  [
    'GET',
    /^\/v1\.0\/applications$/,
    { body: r.graphList([r.application([r.secret(KEY_ID, new Date(Date.now() + n * 86_400_000).toISOString())])]) },
  ] as const;

describe('npm run health', () => {
  test('the checks and a picture of the last hour and day; exit 0', async () => {
    server.routes = [application(200), ...healthRoutes()];
    const { code, out, err } = await capture(health.run, deployed(OUTPUTS));
    expect(err).toBe('');
    expect(code).toBe(health.EXIT_OK);
    expect(out).toMatch(/^defender-integration \(.*terraform\.defender-integration\.tfstate\)\n/);
    expect(out).toMatch(
      / {2}passed {3}Defender is writing: [\d,]+ IncomingMessages in the last hour\n {11}last hour per 5 min \|[▁-█ ]{12}\| {2}last 24 h per hour \|[▁-█ ]{24}\|\n/,
    );
    expect(out).toMatch(/\nResult: 0 failed, 0 not checkable, 7 passed\.\n$/);
  });

  test('a secret ending in 10 days fails the run (exit 1); --json carries the secrets and series plainly', async () => {
    server.routes = [application(10.5), ...healthRoutes()];
    const { code, out } = await capture(health.run, deployed(OUTPUTS), '--json');
    expect(code).toBe(health.EXIT_FAILED);
    const results = JSON.parse(out).stacks[0].results;
    expect(results.find((c: any) => c.check === 'client secret XDR holds')).toMatchObject({
      status: 'failed',
      data: { secrets: [{ keyId: KEY_ID, held: true, daysLeft: 10 }] },
      // the values of the stacks in this output folder, which is not ./cdktf.out of the working folder
      fix: `npm run rotate -- --output ${path.join(root, 'cdktf.out')}, then the deploy it prints, then npm run values -- --output ${path.join(root, 'cdktf.out')} and enter the new client_secret in XDR (help/rotation.md)`,
    });
    expect(results.find((c: any) => c.check === 'XDR is reading').data.last24HoursPerHour).toHaveLength(24);
    expect(out).not.toMatch(/[▁-█]/);
  });

  test('a peak beyond the auto-inflate ceiling: the advice is the size command that writes, then the deploy of that stack', async () => {
    server.routes = [
      application(200),
      [
        'GET',
        /\/providers\/Microsoft\.Insights\/metrics$/i,
        flowing(
          () => 100_000,
          () => 100_000,
        ),
      ],
      ...healthRoutes(),
    ];
    const { code, out } = await capture(health.run, deployed(OUTPUTS), '--json');
    expect(code).toBe(health.EXIT_FAILED);
    const capacity = JSON.parse(out).stacks[0].results.find((c: any) => c.check === 'capacity and throttling');
    // --write records apply_capacity (pasted lines leave an auto-inflating namespace as it is) and -s keeps npm's banner out;
    // the stacks are not in ./cdktf.out of the working folder, so both commands are told where they are (size has no --output)
    const outdir = path.join(root, 'cdktf.out');
    expect(capacity.fix).toBe(
      `raise to 6 throughput units: CDKTF_OUTDIR=${outdir} npm run -s size -- --from-metrics defender-integration --write, then npx cdktf deploy defender-integration --output ${outdir}`,
    );
  });

  test('nothing deployed: one line, exit 2', async () => {
    const { code, err } = await capture(health.run, { ...tfvars(), CDKTF_OUTDIR: path.join(root, 'none') });
    expect(code).toBe(health.EXIT_BAD_INPUT);
    // CDKTF_OUTDIR is the app's; the cdktf CLI writes where its --output says
    expect(err).toMatch(
      /^Error: no synthesized stack in (.*none): run npx cdktf synth --output \1 \(or npx cdktf deploy --output \1\) first\n$/,
    );
  });
});

describe('npm run size -- --from-metrics', () => {
  test("the busiest minute of the deployed hub's week, said on stderr", async () => {
    server.routes = [
      ['GET', /metrics$/i, { body: r.metrics('PT1M', { IncomingMessages: [[new Date().toISOString().slice(0, 14) + '00:00Z', 61_440]] }) }],
    ];
    let err = '';
    const env = deployed(OUTPUTS);
    const rate = await measuredEventsPerMinute(true, { out: () => undefined, err: (t) => (err += t) }, env, connect);
    expect(rate).toBe(61_440);
    expect(err).toBe(
      "Measured: at most 61,440 events in a minute over the last 7 days on defender-integration's event hub SCWX-TDR-EventHub " +
        "(IncomingMessages, or IncomingBytes at the guide's 3 KB per event, whichever is more).\n",
    );
  });

  test('no data, or no deployed hub: one line saying to size with --events-per-minute', async () => {
    server.routes = [['GET', /metrics$/i, { body: r.metrics('PT1M', { IncomingMessages: [] }) }]];
    const io = { out: () => undefined, err: () => undefined };
    await expect(measuredEventsPerMinute(true, io, deployed(OUTPUTS), connect)).rejects.toThrow(
      /no IncomingMessages .* size with --events-per-minute/,
    );
    await expect(measuredEventsPerMinute('acme-defender-integration', io, deployed(OUTPUTS), connect)).rejects.toThrow(
      /no deployed stack acme-defender-integration with an event hub/,
    );
  });

  test('not signed in: one line saying how to sign in, as health and preflight say it, not a stack trace', async () => {
    const signedOut = {
      getToken: async () => {
        throw Object.assign(new Error('ChainedTokenCredential authentication failed.'), { name: 'AggregateAuthenticationError' });
      },
    };
    const io = { out: () => undefined, err: () => undefined };
    await expect(measuredEventsPerMinute(true, io, deployed(OUTPUTS), () => clientsFor(server, signedOut))).rejects.toThrow(
      new InvalidSettingsError([
        '--from-metrics: not signed in to Azure -> run az login (Cloud Shell is signed in already), or set the AZURE_* variables of a service principal or workload identity',
      ]),
    );
  });
});
