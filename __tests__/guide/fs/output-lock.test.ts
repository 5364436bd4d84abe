/**
 * The output folder's lock on its own: who holds it, when it is free (holder gone, pid reused, a
 * lock file left half-written), the bounded wait and its one-line refusal, and the take-over race
 * (a stale lock taken over by another synth between reading it and renaming it away).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lockOutput } from '../../../lib/guide/fs/output-lock';
import { currentProcess } from '../../../lib/guide/fs/processes';
import { InvalidSettingsError } from '../../../lib/rules/errors';

jest.mock('fs', () => {
  const real = jest.requireActual<typeof fs>('fs');
  return { ...real, renameSync: jest.fn(real.renameSync) };
});

const linux = process.platform === 'linux';
let work: string;
let lock: string;
let said: string[];
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  lock = path.join(work, '.xdr-0.synth.lock');
  said = [];
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const options = (waitMs = 0) => ({
  outdir: path.join(work, 'cdktf.out'),
  waitMs,
  say: (line: string) => said.push(line),
  env: {},
  action: { verb: 'be written', elsewhere: 'choose another output folder' },
});

/** A lock as another synth writes it. */
function lockedBy(pid: number, start: string, command = 'cdktf deploy'): string {
  const text = JSON.stringify({ pid, start, command, since: '2026-12-06T23:41:02.000Z', nonce: 'other' });
  fs.writeFileSync(lock, text);
  return text;
}

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingsError);
    expect((error as InvalidSettingsError).problems).toHaveLength(1);
    return (error as InvalidSettingsError).problems[0];
  }
  throw new Error('expected a refusal');
}

test('a free lock is taken (naming this process) and removed on release', () => {
  const held = lockOutput(lock, options());
  const record = JSON.parse(fs.readFileSync(lock, 'utf8'));
  expect(record).toMatchObject({ pid: process.pid, start: currentProcess(process.pid)!.start });
  held.check();
  held.release();
  expect(fs.existsSync(lock)).toBe(false);
});

(linux ? test : test.skip)(
  'a running holder: the synth waits, says so once, and refuses with one line naming it when the wait is over',
  () => {
    const parent = currentProcess(process.ppid)!;
    const text = lockedBy(parent.pid, parent.start);
    const began = Date.now();
    const line = refusal(() => lockOutput(lock, options(200)));
    expect(Date.now() - began).toBeGreaterThanOrEqual(200);
    expect(line).toMatch(
      new RegExp(
        `cdktf\\.out: another synth is running into this output folder \\(pid ${parent.pid}: cdktf deploy, since 23:41:02 UTC\\) and has not finished within 0 s; run again when it has finished, or choose another output folder$`,
      ),
    );
    expect(said).toEqual([
      expect.stringMatching(new RegExp(`^Waiting for another synth into .*cdktf\\.out to finish \\(pid ${parent.pid}: cdktf deploy`)),
    ]);
    expect(fs.readFileSync(lock, 'utf8')).toBe(text);
  },
);

(linux ? test : test.skip)('a lock whose holder has gone, or whose pid now runs another process, is free', () => {
  const parent = currentProcess(process.ppid)!;
  for (const [pid, start] of [
    [2 ** 22 + 1, '1'], // above Linux's pid limit: never running
    [parent.pid, String(Number(parent.start) + 1)], // the pid was reused
  ] as const) {
    lockedBy(pid, start);
    lockOutput(lock, options()).release();
    expect(said).toEqual([]);
    expect(fs.existsSync(lock)).toBe(false);
  }
});

test('a lock file that cannot be read yet is being written: waited for while young, free once old', () => {
  fs.writeFileSync(lock, '{"pid":');
  expect(refusal(() => lockOutput(lock, options(150)))).toMatch(
    /another synth is running into this output folder \(a process that is starting\)/,
  );
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lock, old, old);
  lockOutput(lock, options()).release();
});

(linux ? test : test.skip)('taking over a stale lock never removes a lock another synth took in between: it is put back', () => {
  const parent = currentProcess(process.ppid)!;
  lockedBy(2 ** 22 + 1, '1');
  const fresh = JSON.stringify({ ...parent, command: 'cdktf synth', since: '2026-12-06T23:41:05.000Z', nonce: 'fresh' });
  const real = jest.requireActual<typeof fs>('fs');
  jest.mocked(fs.renameSync).mockImplementationOnce((from, to) => {
    // between this synth reading the stale lock and renaming it away, another one replaced it
    real.rmSync(lock);
    real.writeFileSync(lock, fresh);
    real.renameSync(from, to);
  });
  expect(refusal(() => lockOutput(lock, options(200)))).toMatch(new RegExp(`\\(pid ${parent.pid}: cdktf synth, since 23:41:05 UTC\\)`));
  expect(fs.readFileSync(lock, 'utf8')).toBe(fresh);
  expect(fs.readdirSync(work)).toEqual([path.basename(lock)]);
});

test('a holder whose lock was taken over finds out before it switches anything', () => {
  const held = lockOutput(lock, options());
  lockedBy(2 ** 22 + 1, '1');
  expect(refusal(() => held.check())).toMatch(
    /another synth took the output folder's lock over while this one ran; nothing was changed, run again$/,
  );
  held.release();
  expect(fs.existsSync(lock)).toBe(true); // not this process's lock any more: left alone
});

test('no permission to create the lock: one line naming the output folder and the lock file', () => {
  const denied = path.join(work, 'file');
  fs.writeFileSync(denied, '');
  expect(refusal(() => lockOutput(path.join(denied, 'lock'), options()))).toMatch(
    /cdktf\.out: cannot be written \(at .*\/file\/lock\): a part of the path is a file where a folder is needed \(ENOTDIR\)/,
  );
});
