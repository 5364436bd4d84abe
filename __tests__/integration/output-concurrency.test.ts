/**
 * Two terminals, one output folder, through the real app entry (main.ts via the transpile cache, as
 * `cdktf synth` runs it): synths started 0.1 s apart, a shell and Terraform working in the output
 * during a re-synth, a read-only output folder and a user without write permission (run under
 * another uid: the tests run as root, whom permissions never stop).
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileTree } from '../helpers';

const ROOT = path.resolve(__dirname, '../..');
const ROUNDS = 20;
const NOBODY = 65534;
const STACKS = ['defender-integration', 'repopulate-application'];
const TFVARS =
  'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\nclient_name = "Concurrency"\n';

jest.setTimeout(600_000);

let work: string;
const out = () => path.join(work, 'cdktf.out');
const besides = (folder = work) =>
  fs
    .readdirSync(folder)
    .filter((n) => n.startsWith('.xdr-'))
    .sort();
/** What a re-synth leaves beside the output when no program works in an earlier one: the output and the spare. */
const settled = (folder = work) => {
  const live = fs.readlinkSync(path.join(folder, 'cdktf.out'));
  return [live, `${live.split('.g')[0]}.s`].sort();
};

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly ms: number;
}

const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));

/** The app as `cdktf synth` runs it (cdktf.json's command), with the output in `outdir`. */
function startApp(outdir = out(), options: { cwd?: string; uid?: number } = {}): { child: ChildProcess; done: Promise<Run> } {
  const began = Date.now();
  const child = spawn(process.execPath, ['-r', './bin/transpile-cache.js', 'main.ts'], {
    cwd: options.cwd ?? ROOT,
    // both stacks, the recovery stack asked for: more folders to carry working files into
    env: { ...cleanEnv(), XDR_TFVARS: path.join(work, 'terraform.tfvars'), XDR_REPOPULATE_APPLICATION: 'true', CDKTF_OUTDIR: outdir },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const done = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, output, ms: Date.now() - began })));
  return { child, done };
}

const synth = (outdir?: string, options?: { cwd?: string; uid?: number }) => startApp(outdir, options).done;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const errorLines = (run: Run) => run.output.split('\n').filter((line) => /^Error:|^\s+at |Error: [A-Z]+:/.test(line));

/** Terraform's working files, as `terraform init` leaves them. */
function seedWorkingFiles(): void {
  for (const stack of STACKS) {
    const folder = path.join(out(), 'stacks', stack);
    fs.mkdirSync(path.join(folder, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.terraform', 'providers', 'azurerm'), `provider of ${stack}`);
    fs.writeFileSync(path.join(folder, '.terraform.lock.hcl'), `lock of ${stack}`);
  }
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrency-'));
  fs.writeFileSync(path.join(work, 'terraform.tfvars'), TFVARS);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test(`two synths 0.1 s apart or together, ${ROUNDS} rounds: both succeed with every working file, the later one says it waited`, async () => {
  expect((await synth()).code).toBe(0);
  seedWorkingFiles();
  const expected = fileTree(out(), 'base64');
  const outcomes = { bothSucceeded: 0, laterWaited: 0, refused: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const first = startApp();
    // even rounds: 0.1 s apart, as two terminals; odd rounds: together, so that on a fast machine too
    // both reach the output folder at about the same time
    if (round % 2 === 0) await sleep(100);
    const second = startApp();
    const runs = await Promise.all([first.done, second.done]);
    const refused = runs.filter((run) => run.code !== 0);
    for (const run of refused) {
      // the only refusal allowed: one line saying that another synth is running, nothing else
      expect(errorLines(run)).toEqual([
        expect.stringMatching(/^Error: .*cdktf\.out: another synth is running into this output folder \(pid \d+: /),
      ]);
    }
    for (const run of runs.filter((r) => r.code === 0)) expect(errorLines(run)).toEqual([]);
    expect({ round, refused: refused.length }).toEqual({ round, refused: 0 });
    const waited = runs.filter((run) => /^Waiting for another synth into .*cdktf\.out to finish \(pid \d+: node -r/m.test(run.output));
    outcomes.bothSucceeded++;
    outcomes.laterWaited += waited.length;
    // every stack folder whole: this synth's files and every working file, byte for byte
    expect({ round, tree: fileTree(out(), 'base64') }).toEqual({ round, tree: expected });
    expect(besides()).toEqual(settled());
  }
  expect(outcomes.bothSucceeded).toBe(ROUNDS);
  // a round whose second synth reached the folder after the first had let go proves nothing: enough must
  // overlap (measured on the quiet 2-core machine: 3 of the 10 rounds 0.1 s apart, 10 of the 10 together)
  expect(outcomes.laterWaited).toBeGreaterThanOrEqual(ROUNDS / 4);
});

test('a shell working in a stack folder during a re-synth keeps working there; a later synth removes that folder once it has left', async () => {
  expect((await synth()).code).toBe(0);
  // a "shell" that answers each line with its working folder and what it sees there
  const shell = spawn(
    process.execPath,
    [
      '-e',
      `require('readline').createInterface({ input: process.stdin }).on('line', () => {
        try { console.log(JSON.stringify({ cwd: process.cwd(), files: require('fs').readdirSync('.') })); }
        catch (error) { console.log(JSON.stringify({ error: error.code })); }
      });`,
    ],
    { cwd: path.join(out(), 'stacks', 'defender-integration'), stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const closed = new Promise((resolve) => shell.once('close', resolve));
  const answers: string[] = [];
  shell.stdout!.on('data', (chunk) => answers.push(...String(chunk).trim().split('\n')));
  const ask = async () => {
    const count = answers.length;
    shell.stdin!.write('\n');
    while (answers.length === count) await sleep(10);
    return JSON.parse(answers[answers.length - 1]);
  };
  try {
    const before = await ask();
    const generation = path.basename(path.dirname(path.dirname(before.cwd)));
    expect(before.files).toContain('cdk.tf.json');

    const resynth = await synth();
    expect(resynth.code).toBe(0);
    expect(resynth.output).toMatch(
      new RegExp(
        `^Note: kept an earlier output while pid ${shell.pid} \\("?node -e .*\\) works in .*${generation}/stacks/defender-integration; .*cd back into`,
        'm',
      ),
    );
    expect(fs.readlinkSync(out())).not.toBe(generation);
    expect(await ask()).toEqual(before); // process.cwd() still valid, the files still there
    expect(besides()).toEqual([generation, fs.readlinkSync(out())].sort());
  } finally {
    shell.stdin!.end();
  }
  await closed;
  const later = await synth();
  expect(later.code).toBe(0);
  expect(later.output).not.toMatch(/^Note: kept/m);
  expect(besides()).toEqual(settled());
});

test('a bash that cd\'d into cdktf.out/stacks/<stack> reaches the latest synth with cd "$PWD", as deploying.md says', async () => {
  expect((await synth()).code).toBe(0);
  const bash = spawn(
    'bash',
    ['-c', 'cd "$1" && pwd -P && read _ && cd "$PWD" && pwd -P', 'bash', path.join(out(), 'stacks', 'defender-integration')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let printed = '';
  bash.stdout!.on('data', (chunk) => (printed += chunk));
  const closed = new Promise((resolve) => bash.once('close', resolve));
  while (!printed.includes('\n')) await sleep(10);
  expect((await synth()).code).toBe(0);
  bash.stdin!.end('\n');
  await closed;
  const [entered, after] = printed.trim().split('\n');
  expect(entered).toMatch(/\/\.xdr-[0-9a-f]{8}\.g[^/]+\/stacks\/defender-integration$/);
  expect(after).toBe(path.join(fs.realpathSync(out()), 'stacks', 'defender-integration'));
  expect(after).not.toBe(entered);
});

test('at most 3 earlier outputs are kept for programs working in them; past that the oldest goes, with a warning naming the program', async () => {
  const sleepers: ChildProcess[] = [];
  const generations: string[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      expect((await synth()).code).toBe(0);
      generations.push(fs.readlinkSync(out()));
      sleepers.push(spawn('sleep', ['600'], { cwd: path.join(out(), 'stacks', 'repopulate-application'), stdio: 'ignore' }));
    }
    const run = await synth();
    expect(run.code).toBe(0);
    expect(run.output).toMatch(
      new RegExp(
        `^Warning: removed an earlier output although pid ${sleepers[0].pid} \\(sleep 600\\) works in .*${generations[0]}/stacks/repopulate-application: more than 3 were kept`,
        'm',
      ),
    );
    expect(run.output.match(/^Note: kept an earlier output/gm)).toHaveLength(3);
    expect(besides()).toEqual([...generations.slice(1), fs.readlinkSync(out())].sort());
  } finally {
    for (const sleeper of sleepers) sleeper.kill();
  }
  await sleep(200);
  expect((await synth()).code).toBe(0);
  expect(besides()).toEqual(settled());
});

test('Terraform running in the output: the synth waits for it, and keeps what it wrote meanwhile', async () => {
  expect((await synth()).code).toBe(0);
  seedWorkingFiles();
  const stack = path.join(out(), 'stacks', 'defender-integration');
  // stands in for `terraform -chdir=cdktf.out/stacks/defender-integration init`: the kernel names it terraform
  const bin = fs.mkdtempSync(path.join(work, 'bin-'));
  fs.writeFileSync(path.join(bin, 'terraform'), '#!/bin/sh\nsleep 3\necho "lock written by terraform init" > .terraform.lock.hcl\n', {
    mode: 0o755,
  });
  const terraform = spawn(path.join(bin, 'terraform'), [], { cwd: stack, stdio: 'ignore' });
  const terraformDone = new Promise((resolve) => terraform.once('close', resolve));
  await sleep(300);
  const run = await synth();
  await terraformDone;
  expect(run.code).toBe(0);
  expect(run.output).toMatch(
    new RegExp(
      `^Waiting for terraform \\(pid ${terraform.pid}: sh .*/terraform\\) working in .*/stacks/defender-integration to finish`,
      'm',
    ),
  );
  expect(fs.readFileSync(path.join(stack, '.terraform.lock.hcl'), 'utf8')).toBe('lock written by terraform init\n');
  expect(besides()).toEqual(settled());
});

const asRoot = process.platform === 'linux' && process.getuid?.() === 0 ? describe : describe.skip;

asRoot('another user (uid 65534)', () => {
  let project: string;
  /** A copy of the project the other user runs, node_modules shared (read-only to that user). */
  beforeAll(() => {
    project = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'other-user-')), 'project');
    fs.chmodSync(path.dirname(project), 0o755);
    fs.mkdirSync(project);
    for (const entry of ['main.ts', 'lib', 'bin', 'package.json', 'tsconfig.json']) {
      fs.cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    fs.chmodSync(work, 0o755);
    fs.chmodSync(path.join(work, 'terraform.tfvars'), 0o644);
  });
  afterAll(() => fs.rmSync(path.dirname(project), { recursive: true, force: true }));
  const projectOut = () => path.join(project, 'cdktf.out');

  test('without write permission on the project: one line naming the path, no stack trace, nothing written', async () => {
    const before = fs.readdirSync(project).sort();
    const run = await synth(projectOut(), { cwd: project, uid: NOBODY });
    expect(run.code).toBe(1);
    expect(errorLines(run)).toEqual([
      expect.stringMatching(
        /^Error: .*cdktf\.out: cannot be written \(at .*\.synth\.lock\): permission denied \(EACCES\); give your user access/,
      ),
    ]);
    expect(fs.readdirSync(project).sort()).toEqual(before);
  });

  test('a read-only output folder: refused with one line and nothing changed; the fix it names, followed literally, works', async () => {
    spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, project]);
    expect((await synth(projectOut(), { cwd: project, uid: NOBODY })).code).toBe(0);
    expect(spawnSync('chmod', ['-R', 'a-w', 'cdktf.out/'], { cwd: project }).status).toBe(0);
    const tree = fileTree(projectOut(), 'base64');
    const entries = fs.readdirSync(project).sort();
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await synth(projectOut(), { cwd: project, uid: NOBODY });
      expect(run.code).toBe(1);
      expect(errorLines(run)).toEqual([
        expect.stringMatching(
          /^Error: .*cdktf\.out: cannot be replaced: .* is read-only for your user \(mode 0555, EACCES\), and a synth removes the previous output; nothing was changed; make it writable \(chmod -R u\+w .*cdktf\.out\/\)/,
        ),
      ]);
      expect(fileTree(projectOut(), 'base64')).toEqual(tree);
      expect(fs.readdirSync(project).sort()).toEqual(entries);
    }
    const fix = /make it writable \((chmod -R u\+w \S+)\)/.exec((await synth(projectOut(), { cwd: project, uid: NOBODY })).output)![1];
    expect(spawnSync('sh', ['-c', fix], { cwd: project, uid: NOBODY, gid: NOBODY }).status).toBe(0);
    const fixed = await synth(projectOut(), { cwd: project, uid: NOBODY });
    expect({ code: fixed.code, errors: errorLines(fixed) }).toEqual({ code: 0, errors: [] });
    expect(besides(project)).toEqual(settled(project));
  });
});
