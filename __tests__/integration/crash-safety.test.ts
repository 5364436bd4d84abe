/**
 * "Never a mix, nothing lost": the real app synthesizes 20 tenants (a tenants folder, XDR_TFVARS)
 * in a child process that is killed with SIGKILL at random instants. After every kill the output
 * folder must hold exactly the previous synth or exactly the new one, each with the Terraform
 * working files seeded into every stack folder; a normal synth afterwards leaves nothing beside it.
 *
 * Most of a run is node loading modules, and the instants that matter (writing the new synth,
 * carrying the working files into it, the switch) are a small part of it, so the kills take turns:
 * at a random instant of the whole run, at a random instant after the new synth's folder appeared,
 * and as soon as the first working file appeared in it (the carrying has begun).
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileTree } from '../helpers';

const ROOT = path.resolve(__dirname, '../..');
const APP: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
const TENANTS = 20;
const KILLS = 24;
const PROVIDER_FILES = 25;

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
  return spawn(APP, {
    cwd: ROOT,
    shell: true,
    env: { ...env, XDR_TFVARS: tenants, XDR_REPOPULATE_APPLICATION: 'true', CDKTF_OUTDIR: out() },
    stdio: 'ignore',
    detached: true,
  });
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
    // many files, so that carrying them into a new synth takes long enough for a kill to land in it
    for (let i = 0; i < PROVIDER_FILES; i++) fs.writeFileSync(path.join(folder, '.terraform', 'providers', `file-${i}`), `${stack} ${i}`);
    fs.writeFileSync(path.join(folder, '.terraform.lock.hcl'), `lock of ${stack}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Generous: writing 40 stacks takes well under this on a loaded machine. */
const WRITE_PHASE_MS = 1500;
const generations = () => fs.readdirSync(work).filter((n) => n.startsWith('.xdr-'));

/** Polls `condition` every millisecond until it holds (true) or the child has exited (false). */
async function until(child: ChildProcess, condition: () => boolean): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    if (condition()) return true;
    await sleep(1);
  }
  return false;
}

/** True once a working file of the first stack is in the new synth's folder. */
function firstCarried(generation: string | undefined): boolean {
  return (
    generation !== undefined && fs.existsSync(path.join(work, generation, 'stacks', 't01-defender-integration', '.terraform.lock.hcl'))
  );
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
  const landed = { anyInstant: 0, whileWriting: 0, whileCarrying: 0 };
  const deadline = Date.now() + 400_000;
  for (let kill = 0; kill < KILLS && Date.now() < deadline; kill++) {
    const next = 1 - current;
    const before = new Set(generations());
    const child = start(inputs[next]);
    const exit = finished(child);
    const newGeneration = () => generations().find((n) => !before.has(n));
    const strategy = (['anyInstant', 'whileWriting', 'whileCarrying'] as const)[kill % 3];
    if (strategy === 'anyInstant') await sleep(duration * (0.3 + 0.8 * Math.random()));
    else if (strategy === 'whileWriting') {
      if (await until(child, () => newGeneration() !== undefined)) await sleep(WRITE_PHASE_MS * Math.random());
    } else await until(child, () => firstCarried(newGeneration()));
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGKILL');
      if (newGeneration() !== undefined) landed[strategy]++;
    }
    await exit;

    const tree = fileTree(out(), 'base64');
    const matches = trees.findIndex((t) => JSON.stringify(t) === JSON.stringify(tree));
    expect({ kill, strategy, matches: matches >= 0 }).toEqual({ kill, strategy, matches: true });
    current = matches;
  }
  // the test means something only if kills hit synths that had begun writing, and carrying
  expect(landed.whileWriting + landed.anyInstant).toBeGreaterThan(0);
  expect(landed.whileCarrying).toBeGreaterThan(0);

  await synth(inputs[1 - current]);
  expect(fileTree(out(), 'base64')).toEqual(trees[1 - current]);
  // what killed synths left is gone: the output and the spare (the previous output, without working files) remain
  const live = fs.readlinkSync(out());
  expect(
    fs
      .readdirSync(work)
      .filter((n) => n.startsWith('.xdr-') && !n.endsWith('.synth.lock'))
      .sort(),
  ).toEqual([live, `${live.split('.g')[0]}.s`].sort());
});
