/**
 * `npm run test:engines` (CI runs it after the integration suites): the project must work the same on
 * both engines. In a temporary copy of the project it switches to the engine this checkout does not
 * use (with the package.json rewrite of `npm run engine`, installed from the npm registry), runs the
 * type check and the unit suite there, then synthesizes every tier, the replacement, the XDR_*
 * settings and a tenants folder with the real app under both engines and compares the output: the
 * same files and the same JSON, except where each engine writes its own version. Prints every
 * difference when they are not the same. Leaves the checkout and its node_modules as they were.
 */
import { SpawnOptions, execFileSync, spawn } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { problem } from '../lib/rules/checks';
import { ENGINES, Engine, SynthOutput, compareSynthOutputs, engineOf, installedEngine, switchEngine } from './engines';

const ROOT = path.resolve(__dirname, '..');
/** The whole run, install included, must end within this (10 minutes unless set); each step gets what is left. */
const BUDGET_SECONDS = Number(process.env.TEST_ENGINES_BUDGET_SECONDS ?? 600);
/** Generated or machine-local entries at the project root that the copy leaves out. */
const NOT_COPIED = new Set(['node_modules', '.git', 'cdktf.out', 'dist', 'coverage', '.jest-cache']);

const IDS = `azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n`;
const PREMIUM = 'eventhub_tier = "Premium"\neventhub_processing_units = 4\neventhub_partition_count = 100\n';

interface Scenario {
  readonly name: string;
  /** The tfvars files; more than one makes a tenants folder. */
  readonly tfvars: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'standard (the repository terraform.tfvars.example)',
    tfvars: { 'terraform.tfvars': readFileSync(path.join(ROOT, 'terraform.tfvars.example'), 'utf8') },
  },
  { name: 'premium', tfvars: { 'terraform.tfvars': IDS + PREMIUM } },
  {
    name: 'dedicated',
    tfvars: { 'terraform.tfvars': `${IDS}require_dedicated_cluster = true\neventhub_partition_count = 1024\ndata_retention_length = 30\n` },
  },
  { name: 'replacement', tfvars: { 'terraform.tfvars': `${IDS}client_name = "CustomerName2"\nreplacement_eventhub = true\n` } },
  {
    name: 'premium with alerts, IP ranges and remote state',
    tfvars: { 'terraform.tfvars': IDS + PREMIUM },
    env: {
      XDR_ALERT_EMAIL: 'soc@example.com',
      XDR_ALLOWED_IP_RANGES: '203.0.113.0/24',
      XDR_EGRESS_RANGES: '192.0.2.64/26',
      XDR_STATE_RESOURCE_GROUP: 'tfstate-rg',
      XDR_STATE_STORAGE_ACCOUNT: 'tfstate0001',
      XDR_STATE_CONTAINER: 'tfstate',
    },
  },
  {
    name: 'tenants folder',
    tfvars: {
      'acme.tfvars': `${IDS}client_name = "Acme"\nresource_group_name = "acme-xdr-rg"\n`,
      'globex.tfvars': `${IDS}client_name = "Globex"\nresource_group_name = "globex-xdr-rg"\n${PREMIUM}`,
    },
  },
];

class StepFailed extends Error {}

const started = Date.now();
const secondsSince = (start: number) => `${Math.round((Date.now() - start) / 1000)} s`;

/** Runs a command; on failure or when the budget runs out, rejects with the end of its output. */
async function step(title: string, command: string, args: readonly string[], options: SpawnOptions & { cwd: string }): Promise<void> {
  const left = BUDGET_SECONDS * 1000 - (Date.now() - started);
  if (left <= 0) throw new StepFailed(`${title}: not started, the ${BUDGET_SECONDS} s budget is spent`);
  const stepStart = Date.now();
  const child = spawn(command, args, { timeout: left, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-100_000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-100_000)));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  }).catch((error: Error) => {
    throw new StepFailed(`${title}: could not start (${error.message})`);
  });
  if (code !== 0) {
    const why = signal ? `killed by ${signal}, the ${BUDGET_SECONDS} s budget is spent` : `exit ${code}`;
    throw new StepFailed(
      `${title}: failed (${why}) after ${secondsSince(stepStart)}\n${output.trimEnd().split('\n').slice(-60).join('\n')}`,
    );
  }
  console.log(`ok ${title} (${secondsSince(stepStart)})`);
}

/** Every file under a folder, by path relative to it with "/" separators. */
function readOutput(dir: string): SynthOutput {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
  return Object.fromEntries(files.map((f) => [f.split(path.sep).join('/'), readFileSync(path.join(dir, f), 'utf8')]));
}

/** The environment of a synth: this process's, without any XDR_* or CDKTF_* setting of the caller. */
function synthEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('XDR_') && !name.startsWith('CDKTF_'));
  return { ...Object.fromEntries(inherited), CHECKPOINT_DISABLE: '1', ...extra };
}

async function main(): Promise<void> {
  if (!(BUDGET_SECONDS > 0)) {
    throw new StepFailed(
      problem('TEST_ENGINES_BUDGET_SECONDS', process.env.TEST_ENGINES_BUDGET_SECONDS, 'must be a number of seconds above 0'),
    );
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const here = ENGINES[engineOf(pkg)];
  if (installedEngine(ROOT) !== here.name) {
    throw new StepFailed(
      `package.json asks for ${here.name} but node_modules holds ${installedEngine(ROOT) ?? 'no cdktf'}: run npm ci first`,
    );
  }
  const other = ENGINES[here.name === 'cdktf' ? 'cdktn' : 'cdktf'];
  const work = mkdtempSync(path.join(tmpdir(), 'xdr-engines-'));
  try {
    const copy = path.join(work, 'project');
    cpSync(ROOT, copy, { recursive: true, filter: (source) => path.dirname(source) !== ROOT || !NOT_COPIED.has(path.basename(source)) });
    // the unit suite asks git which files the project tracks (npm run diagram never writes one): the
    // copy gets its own repository with every copied file in its index, as a checkout has them
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
    ])
      execFileSync('git', args, { cwd: copy, stdio: 'ignore' });
    writeFileSync(path.join(copy, 'package.json'), `${JSON.stringify(switchEngine(pkg, other.name), null, 2)}\n`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await step(
      `npm install of ${other.name} ${other.version} in a copy`,
      npm,
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--engine-strict=false'],
      {
        cwd: copy,
        shell: process.platform === 'win32',
      },
    );
    if (installedEngine(copy) !== other.name) throw new StepFailed(`the copy's node_modules/cdktf is not ${other.name} after npm install`);
    await step(
      `type check on ${other.name}`,
      process.execPath,
      [path.join(copy, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'],
      { cwd: copy },
    );
    await step(`unit suite on ${other.name}`, process.execPath, [path.join(copy, 'node_modules/jest/bin/jest.js'), '--ci', '--silent'], {
      cwd: copy,
      env: synthEnv({ CI: '1' }),
    });

    const failures: string[] = [];
    for (const [index, scenario] of SCENARIOS.entries()) {
      const inputs = path.join(work, `inputs-${index}`);
      mkdirSync(inputs);
      for (const [file, text] of Object.entries(scenario.tfvars)) writeFileSync(path.join(inputs, file), text);
      const tfvars = Object.keys(scenario.tfvars).length === 1 ? path.join(inputs, Object.keys(scenario.tfvars)[0]) : inputs;
      const synth = async (engine: Engine, project: string): Promise<SynthOutput> => {
        const outdir = path.join(work, `out-${index}-${engine.name}`);
        await step(`synth ${scenario.name} on ${engine.name}`, process.execPath, ['-r', 'sucrase/register', 'main.ts'], {
          cwd: project,
          env: synthEnv({ ...scenario.env, XDR_TFVARS: tfvars, CDKTF_OUTDIR: outdir }),
        });
        return readOutput(outdir);
      };
      // Both engines at once: a synth is mostly one core's work.
      const [left, right] = await Promise.allSettled([synth(here, ROOT), synth(other, copy)]).then((settled) =>
        settled.map((result) => {
          if (result.status === 'rejected') throw result.reason;
          return result.value;
        }),
      );
      const differences = compareSynthOutputs({ engine: here, output: left }, { engine: other, output: right });
      if (differences.length > 0) failures.push(`${scenario.name}:`, ...differences.map((d) => `  ${d}`));
    }
    if (failures.length > 0) throw new StepFailed(`the synth outputs of ${here.name} and ${other.name} differ:\n${failures.join('\n')}`);
    console.log(
      `test:engines passed in ${secondsSince(started)}: ${SCENARIOS.length} inputs synthesize the same on ${here.name} ${here.version} ` +
        `and ${other.name} ${other.version}, except the engine version`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof StepFailed)) throw error;
  console.error(`test:engines failed after ${secondsSince(started)}: ${error.message}`);
  process.exitCode = 1;
});
