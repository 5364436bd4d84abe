/** What `npm run -s size` prints, as npm runs it (npm run test:integration). */
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

describe('what a person sees from the README command', () => {
  test('npm run -s size prints a block that is itself a valid tfvars file; plain npm run puts its banner first', () => {
    const argv = ['run', '-s', 'size', '--', '--events-per-minute', '120000', '--endpoints', '20000'];
    const silent = spawnSync('npm', argv, { encoding: 'utf8', cwd: ROOT });
    expect(silent.status).toBe(0);
    // the start of the output, so a failure shows what came first
    expect(silent.stdout.slice(0, 200)).toMatch(/^# Sized for 120,000 events per minute/);
    const banner = spawnSync(
      'npm',
      argv.filter((a) => a !== '-s'),
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(banner.stdout.slice(0, 200)).toMatch(/^\n> xdr-defender-eventhub@/);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/npm run size --/);
  }, 60_000);
});
