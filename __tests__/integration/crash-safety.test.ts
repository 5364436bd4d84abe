/**
 * "Never a mix, nothing lost": the real app synthesizes 20 tenants (a tenants folder, XDR_TFVARS)
 * in a child process that is killed with SIGKILL at random instants. After every kill the output
 * folder must hold exactly the previous synth or exactly the new one, each with the Terraform
 * working files seeded into every stack folder; a normal synth afterwards leaves nothing beside it.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileTree } from '../helpers';

const ROOT = path.resolve(__dirname, '../..');
const APP: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
const TENANTS = 20;
const KILLS = 25;

jest.setTimeout(600_000);

let work: string;
const out = () => path.join(work, 'cdktf.out');

/** Two inputs whose synths differ in every tenant's stacks. */
function writeTenants(folder: string, partitions: number): void {
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= TENANTS; i++) {
    const n = String(i).padStart(2, '0');
    fs.writeFileSync(
      path.join(folder, `t${n}.tfvars`),
      `azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-0000000000${n}"\nclient_name = "Tenant${n}"\neventhub_partition_count = ${partitions}\n`,
    );
  }
}

function start(tenants: string): ChildProcess {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  return spawn(APP, { cwd: ROOT, shell: true, env: { ...env, XDR_TFVARS: tenants, CDKTF_OUTDIR: out() }, stdio: 'ignore', detached: true });
}

function finished(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function synth(tenants: string): Promise<number> {
  const began = Date.now();
  expect(await finished(start(tenants))).toBe(0);
  return Date.now() - began;
}

/** Terraform's working files in every stack folder, as `terraform init` leaves them. */
function seedWorkingFiles(): void {
  for (const stack of fs.readdirSync(path.join(out(), 'stacks'))) {
    const folder = path.join(out(), 'stacks', stack);
    fs.mkdirSync(path.join(folder, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.terraform', 'providers', 'azurerm'), `provider of ${stack}`);
    fs.writeFileSync(path.join(folder, '.terraform.lock.hcl'), `lock of ${stack}`);
  }
}

beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test(`SIGKILL at ${KILLS} random instants never leaves a mix and never loses a working file`, async () => {
  const inputs = [path.join(work, 'v1'), path.join(work, 'v2')];
  writeTenants(inputs[0], 4);
  writeTenants(inputs[1], 8);
  const trees: Record<string, string>[] = [];
  let duration = 0;
  for (const input of inputs) {
    duration = Math.max(duration, await synth(input));
    if (trees.length === 0) seedWorkingFiles();
    trees.push(fileTree(out(), 'base64'));
  }
  expect(Object.keys(trees[1]).filter((f) => f.endsWith('.terraform.lock.hcl'))).toHaveLength(2 * TENANTS);
  expect(trees[0]).not.toEqual(trees[1]);

  let current = 1;
  let interrupted = 0;
  const deadline = Date.now() + 400_000;
  for (let kill = 0; kill < KILLS && Date.now() < deadline; kill++) {
    const next = 1 - current;
    const child = start(inputs[next]);
    const exit = finished(child);
    // most of a run is loading node modules: the kills land in the later part, where the output is written
    await new Promise((resolve) => setTimeout(resolve, duration * (0.3 + 0.8 * Math.random())));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    await exit;

    const tree = fileTree(out(), 'base64');
    const matches = trees.findIndex((t) => JSON.stringify(t) === JSON.stringify(tree));
    expect({ kill, matches }).toEqual({ kill, matches: expect.any(Number) });
    expect(matches).toBeGreaterThanOrEqual(0);
    if (fs.readdirSync(work).filter((n) => n.startsWith('.xdr-')).length > 1) interrupted++;
    current = matches;
  }
  // the test means something only if some kills hit a synth that had begun writing
  expect(interrupted).toBeGreaterThan(0);

  await synth(inputs[1 - current]);
  expect(fileTree(out(), 'base64')).toEqual(trees[1 - current]);
  expect(fs.readdirSync(work).filter((n) => n.startsWith('.xdr-'))).toHaveLength(1);
});
