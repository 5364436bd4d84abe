/**
 * `npm run engine -- cdktn` and `-- cdktf` as a user runs them, in a fresh clone of this repository's
 * HEAD with its own `npm ci` (packages from the npm registry): the switch to the other engine (CDK
 * Terrain, unless the repository is on it) rewrites package.json and the lock file, the app
 * synthesizes on it, a second run changes nothing, bad input changes nothing, and switching back gives
 * the committed package.json and lock file byte for byte.
 */
import { SpawnSyncReturns, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ENGINES, EngineName, cliNodeWarning, engineOf, switchEngine } from '../../scripts/engines';

const ROOT = path.resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Files {
  readonly pkg: string;
  readonly lock: string;
}

describe('npm run engine, from a fresh clone, both ways', () => {
  let work: string;
  let clone: string;
  let committed: Files;
  let start: EngineName;
  let other: EngineName;
  let badInput: { run: SpawnSyncReturns<string>; files: Files };
  let toOther: { run: SpawnSyncReturns<string>; files: Files; manifest: any; stacks: string[] };
  let again: { run: SpawnSyncReturns<string>; files: Files };
  let back: { run: SpawnSyncReturns<string>; files: Files; manifest: any };

  const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = clone) =>
    spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
      shell: process.platform === 'win32',
    });
  const mustRun = (command: string, args: string[], env?: NodeJS.ProcessEnv, cwd?: string) => {
    const result = run(command, args, env, cwd);
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.error}):\n${result.stderr}\n${result.stdout}`);
    return result;
  };
  const files = (): Files => ({
    pkg: readFileSync(path.join(clone, 'package.json'), 'utf8'),
    lock: readFileSync(path.join(clone, 'package-lock.json'), 'utf8'),
  });
  /** The app synthesizes without any CDK CLI; returns the manifest it wrote. */
  const synth = (name: string) => {
    const outdir = path.join(work, name);
    mustRun(process.execPath, ['-r', 'sucrase/register', 'main.ts'], { CDKTF_OUTDIR: outdir });
    return JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  };

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'xdr-engine-switch-'));
    clone = path.join(work, 'clone');
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    mustRun('git', ['clone', '--quiet', '--no-checkout', ROOT, clone], {}, work);
    mustRun('git', ['checkout', '--quiet', '--detach', head]);
    committed = files();
    start = engineOf(JSON.parse(committed.pkg));
    other = start === 'cdktf' ? 'cdktn' : 'cdktf';
    mustRun(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline']);

    badInput = { run: run(npm, ['run', '--silent', 'engine', '--', 'terrain']), files: files() };
    const switched = mustRun(npm, ['run', '--silent', 'engine', '--', other]);
    const manifest = synth(`on-${other}`);
    toOther = { run: switched, files: files(), manifest, stacks: Object.keys(manifest.stacks).sort() };
    again = { run: mustRun(npm, ['run', '--silent', 'engine', '--', other]), files: files() };
    const returned = mustRun(npm, ['run', '--silent', 'engine', '--', start]);
    back = { run: returned, files: files(), manifest: synth(`on-${start}`) };
  }, 900_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('bad input: one line naming it, exit 1, nothing changed', () => {
    expect(badInput.run.status).toBe(1);
    expect(badInput.run.stderr.trim().split('\n')).toEqual([
      'Error: engine = "terrain": give one engine: cdktn (CDK Terrain) or cdktf (HashiCorp CDKTF), as in `npm run engine -- cdktn`',
    ]);
    expect(badInput.files).toEqual(committed);
  });

  test('to the other engine: package.json is the rewrite, the lock installs it under the name cdktf for every binding', () => {
    const target = ENGINES[other];
    expect(toOther.run.stdout).toContain(
      `Switched to ${target.title} (${other} ${target.version}, CLI ${target.cli.package} ${target.cli.version}`,
    );
    expect(toOther.files.pkg).toBe(`${JSON.stringify(switchEngine(JSON.parse(committed.pkg), other), null, 2)}\n`);
    const lock = JSON.parse(toOther.files.lock);
    expect(lock.packages['node_modules/cdktf']).toMatchObject({ version: target.version });
    expect(lock.packages['node_modules/cdktf'].name).toBe(other === 'cdktn' ? 'cdktn' : undefined);
    expect(lock.packages[`node_modules/${target.cli.package}`]).toMatchObject({
      version: target.cli.version,
      bin: { [target.cli.bin]: expect.any(String) },
    });
    expect(lock.packages[`node_modules/${ENGINES[start].cli.package}`]).toBeUndefined();
    expect(lock.packages['node_modules/constructs'].version).toBe('10.7.2');
    // No provider binding gets a cdktf of its own: all of them use the root one.
    const ownCdktf = Object.keys(lock.packages).filter(
      (p) => p.startsWith('node_modules/@cdktf/provider-') && p.endsWith('/node_modules/cdktf'),
    );
    expect(ownCdktf).toEqual([]);
    expect(lock.packages[''].devDependencies).toEqual(JSON.parse(toOther.files.pkg).devDependencies);
  });

  test('on the other engine the app synthesizes its stack without any CDK CLI', () => {
    expect(toOther.manifest.version).toBe(ENGINES[other].version);
    expect(toOther.stacks).toEqual(['defender-integration']);
  });

  test('a second switch to the same engine changes nothing', () => {
    expect(again.run.stdout).toContain(`Already on ${ENGINES[other].title}`);
    expect(again.files).toEqual(toOther.files);
  });

  test('back: package.json and the lock file are the committed ones, byte for byte', () => {
    expect(back.run.stdout).toContain(`Switched to ${ENGINES[start].title} (${start} ${ENGINES[start].version}`);
    expect(back.files.pkg).toBe(committed.pkg);
    expect(back.files.lock).toBe(committed.lock);
    expect(back.manifest.version).toBe(ENGINES[start].version);
  });

  test('on Node older than 22.19 the switch to cdktn says the cdktn command will not run, and how to do without it', () => {
    const toCdktn = start === 'cdktf' ? toOther.run : back.run;
    const toCdktf = start === 'cdktf' ? back.run : toOther.run;
    const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('Warning: cdktn-cli'));
    expect(warnings(toCdktn.stderr)).toHaveLength(cliNodeWarning('cdktn', process.version) === undefined ? 0 : 1);
    expect(warnings(toCdktf.stderr)).toEqual([]);
  });
});
