/**
 * scripts/engine.ts as `npm run engine` runs it, in a scratch project with a fake `npm` first on PATH
 * (no registry, no install): what it writes, what it asks npm to do, and that a failed install leaves
 * package.json and the lock file as they were. The real install, both ways from a fresh clone, is
 * __tests__/integration/engine-switch.test.ts.
 */
import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cliNodeWarning, switchEngine } from '../../scripts/engines';

const ROOT = path.resolve(__dirname, '../..');
const PKG = `${JSON.stringify({ name: 'scratch', private: true, devDependencies: { cdktf: '0.21.0', 'cdktf-cli': '0.21.0', constructs: '10.7.2' } }, null, 2)}\n`;
const LOCK = '{ "lockfileVersion": 3 }\n';

let project: string;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'xdr-engine-cli-'));
  writeFileSync(path.join(project, 'package.json'), PKG);
  writeFileSync(path.join(project, 'package-lock.json'), LOCK);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** Runs the switch with a fake npm that records its arguments and exits with `npmExit`. */
function runSwitch(args: string[], npmExit: number) {
  const bin = path.join(project, 'fake-bin');
  const npm = path.join(bin, 'npm');
  mkdirSync(bin);
  writeFileSync(npm, `#!/bin/sh\necho "$@" >> "${path.join(project, 'npm-calls')}"\nexit ${npmExit}\n`);
  chmodSync(npm, 0o755);
  const run = spawnSync(
    process.execPath,
    ['-r', path.join(ROOT, 'node_modules/sucrase/register'), path.join(ROOT, 'scripts/engine.ts'), ...args],
    {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    },
  );
  const read = (file: string) => {
    try {
      return readFileSync(path.join(project, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    pkg: read('package.json'),
    lock: read('package-lock.json'),
    npm: read('npm-calls'),
  };
}

const posixOnly = process.platform === 'win32' ? test.skip : test;

posixOnly('writes the rewritten package.json and lets npm install rewrite the lock file', () => {
  const result = runSwitch(['cdktn'], 0);
  expect(result.status).toBe(0);
  expect(result.pkg).toBe(`${JSON.stringify(switchEngine(JSON.parse(PKG), 'cdktn'), null, 2)}\n`);
  expect(result.npm).toBe('install --no-audit --no-fund --engine-strict=false\n');
  expect(result.stdout).toBe('Switched to CDK Terrain (cdktn 0.24.0, CLI cdktn-cli 0.24.0: `npx cdktn`). Back: npm run engine -- cdktf\n');
  const warning = cliNodeWarning('cdktn', process.version);
  expect(result.stderr).toBe(warning === undefined ? '' : `Warning: ${warning}\n`);
});

posixOnly('a failed install puts package.json and the lock file back, and says so in one line', () => {
  const result = runSwitch(['cdktn'], 1);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    'Error: npm install failed (exit 1); package.json and package-lock.json are as they were, run `npm ci` to restore node_modules.\n',
  );
  expect(result.pkg).toBe(PKG);
  expect(result.lock).toBe(LOCK);
});

posixOnly('bad input: one line, npm never runs, nothing written', () => {
  const result = runSwitch(['cdktn', '--force'], 0);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    'Error: engine arguments = ["cdktn","--force"]: give one engine: cdktn (CDK Terrain) or cdktf (HashiCorp CDKTF), as in `npm run engine -- cdktn`\n',
  );
  expect(result.npm).toBeUndefined();
  expect(result.pkg).toBe(PKG);
});
