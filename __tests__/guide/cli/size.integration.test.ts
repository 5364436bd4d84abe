/** bin/size.ts as a process: its exit codes and its one line on bad input (npm run test:integration). */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TENANT, SUBSCRIPTION } from '../../helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sizing-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tfvars(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, `azure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n${text}`);
  return file;
}

describe('bin/size.ts as a process', () => {
  const spawn = (...argv: string[]) =>
    spawnSync(process.execPath, ['-r', 'sucrase/register', 'bin/size.ts', ...argv], { encoding: 'utf8' });

  it('exits 1 on an under-provisioned file', () => {
    const file = tfvars('spawn-under.tfvars', 'eventhub_partition_count = 4\n');
    const result = spawn('--events-per-minute', '120000', '--check', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Result: 3 variables under-provisioned');
  });

  it('exits 2 on bad input with one line and no stack trace', () => {
    const result = spawn('--events-per-minute', 'lots');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Error: --events-per-minute = "lots": must be a finite number, 0 or more (the events per minute the guide\'s Advanced Hunting query reports)\n',
    );
  });
});
