/**
 * What the output folder's lock and cleanup learn from /proc, against this process's real entry and
 * a fake /proc tree (a pid that was reused, a zombie, another user's process, a folder in use).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { commandOf, currentProcess, isRunning, parentOf, usersOf } from '../../../lib/guide/fs/processes';

const linux = process.platform === 'linux';
let proc: string;
let folder: string;
beforeEach(() => {
  proc = fs.mkdtempSync(path.join(os.tmpdir(), 'proc-'));
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'generation-'));
});
afterEach(() => {
  fs.rmSync(proc, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

/** A /proc/<pid> entry: stat with a command name holding ") " as cdktf's never do, but anyone's may. */
function fakeProcess(
  pid: number,
  options: { state?: string; start?: string; cwd?: string; fds?: string[]; args?: string[]; name?: string },
) {
  const base = path.join(proc, String(pid));
  fs.mkdirSync(path.join(base, 'fd'), { recursive: true });
  const fields = [options.state ?? 'S', '1', ...Array(17).fill('0'), options.start ?? '4242', '0'];
  fs.writeFileSync(path.join(base, 'stat'), `${pid} (odd) name) ${fields.join(' ')}`);
  fs.writeFileSync(path.join(base, 'cmdline'), `${(options.args ?? ['bash']).join('\0')}\0`);
  fs.writeFileSync(path.join(base, 'comm'), `${options.name ?? 'bash'}\n`);
  if (options.cwd !== undefined) fs.symlinkSync(options.cwd, path.join(base, 'cwd'));
  (options.fds ?? []).forEach((file, fd) => fs.symlinkSync(file, path.join(base, 'fd', String(fd))));
}

(linux ? test : test.skip)('this process is running, with its start time; the same pid with another start time is a reused pid', () => {
  const self = currentProcess(process.pid)!;
  expect(self.start).toMatch(/^\d+$/);
  expect(isRunning(self)).toBe(true);
  expect(isRunning({ pid: process.pid, start: String(Number(self.start) + 1) })).toBe(false);
  expect(parentOf(process.pid)).toBe(process.ppid);
});

test('a zombie, a pid without an entry and a nonsense pid are not running', () => {
  fakeProcess(7, { state: 'Z' });
  expect(currentProcess(7, proc)).toBeUndefined();
  expect(currentProcess(8, proc)).toBeUndefined();
  expect(currentProcess(-1, proc)).toBeUndefined();
  fakeProcess(9, { start: '77' });
  expect(currentProcess(9, proc)).toEqual({ pid: 9, start: '77' });
});

test("the cdktf CLI is shown from its command on; anything else by its program's name and arguments", () => {
  fakeProcess(10, { args: ['/usr/bin/node', '/home/u/p/node_modules/.bin/cdktf', 'diff', 'defender-integration'] });
  fakeProcess(11, { args: ['/usr/local/bin/terraform', 'plan'] });
  expect(commandOf(10, proc)).toBe('cdktf diff defender-integration');
  expect(commandOf(11, proc)).toBe('terraform plan');
  expect(commandOf(12, proc)).toBe('pid 12');
});

test('a process working in, or holding a file open in, a folder uses it; open files are read only when asked for', () => {
  const generation = path.join(folder, 'g1');
  const other = path.join(folder, 'g10');
  fs.mkdirSync(path.join(generation, 'stacks', 'a'), { recursive: true });
  fakeProcess(20, { cwd: path.join(generation, 'stacks', 'a'), name: 'terraform', args: ['terraform', 'init'] });
  fakeProcess(21, { cwd: '/', fds: ['/dev/null', path.join(generation, 'stacks', 'a', 'cdk.tf')] });
  fakeProcess(22, { cwd: other }); // a name that starts like g1 is not inside it
  fs.mkdirSync(path.join(proc, '23')); // another user's process: nothing readable

  const withFiles = usersOf([generation], true, proc).get(generation)!;
  expect(withFiles.map((u) => [u.pid, u.name, u.command])).toEqual([
    [20, 'terraform', 'terraform init'],
    [21, 'bash', 'bash'],
  ]);
  expect(withFiles[0].path).toBe(path.join(generation, 'stacks', 'a'));
  expect(
    usersOf([generation], false, proc)
      .get(generation)!
      .map((u) => u.pid),
  ).toEqual([20]);
  expect(usersOf([generation], true, path.join(proc, 'none')).size).toBe(0);
});
