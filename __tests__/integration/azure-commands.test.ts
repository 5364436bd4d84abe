/**
 * The npm scripts `preflight`, `health` and `size -- --from-metrics` as processes, through their
 * bin/ entry points: help, and the one-line refusals that come before any sign-in (so nothing here
 * reaches Azure, nor the metadata endpoint a managed identity would ask).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(120_000);

function npmRun(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_') && !k.startsWith('AZURE_')),
  );
  return spawnSync('npm', ['run', '-s', ...args], { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
}

test.each([['preflight'], ['health']])('npm run %s -- --help: the commands, --json and the exit codes', (script) => {
  const run = npmRun([script, '--', '--help']);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`npm run ${script} --`);
  expect(run.stdout).toContain('--json');
  expect(run.stdout).toMatch(/Exit codes: 0 nothing failed, 1 a check failed/);
});

test('npm run health with nothing synthesized, and size --from-metrics with nothing deployed: one line each, exit 2', () => {
  const none = { CDKTF_OUTDIR: path.join(ROOT, 'no-such-output-folder') };
  const health = npmRun(['health'], none);
  expect([health.status, health.stdout, health.stderr]).toEqual([
    2,
    '',
    // CDKTF_OUTDIR does not reach a synth the CLI runs (it sets the app's from --output): the command names the folder
    `Error: no synthesized stack in ${none.CDKTF_OUTDIR}: run npx cdktf synth --output ${none.CDKTF_OUTDIR} (or npx cdktf deploy --output ${none.CDKTF_OUTDIR}) first\n`,
  ]);
  const size = npmRun(['size', '--', '--from-metrics'], none);
  expect(size.status).toBe(2);
  expect(size.stderr).toBe(
    `Error: --from-metrics: no deployed stack with an event hub in ${none.CDKTF_OUTDIR} (deploy first, or size with --events-per-minute)\n`,
  );
});
