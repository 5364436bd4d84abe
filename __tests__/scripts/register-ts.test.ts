import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const HOOK = path.resolve(__dirname, '../../scripts/register-ts.js');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'register-ts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runTs(source: string): string {
  const file = path.join(dir, 'program.ts');
  writeFileSync(file, source);
  return execFileSync(process.execPath, ['-r', HOOK, file], { encoding: 'utf8' }).trim();
}

test('runs TypeScript, and an edited file runs as edited, never from a stale cache entry', () => {
  expect(runTs('const n: number = 1;\nconsole.log(`value ${n}`);\n')).toBe('value 1');
  expect(runTs('const n: number = 2;\nconsole.log(`value ${n}`);\n')).toBe('value 2');
  expect(runTs('const n: number = 1;\nconsole.log(`value ${n}`);\n')).toBe('value 1');
});
