/**
 * The app's TypeScript loader (cdktf.json: `node -r ./bin/transpile-cache.js main.ts`): a file is
 * transpiled once, then read back from the cache; an edited file is transpiled again, never served stale.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'xdr-ts');
const cached = () => new Set(readdirSync(CACHE));

function run(file: string): string {
  const result = spawnSync(process.execPath, ['-r', path.join(ROOT, 'bin', 'transpile-cache.js'), file], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout;
}

test('transpiles once, serves the cached output, and transpiles an edited file again', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xdr-transpile-'));
  try {
    const file = path.join(dir, 'probe.ts');
    const stamp = `${process.pid}-${Date.now()}`;
    writeFileSync(file, `const answer: number = 1;\nconsole.log('${stamp}', answer);\n`);
    expect(run(file)).toBe(`${stamp} 1\n`);
    const afterFirst = cached();
    expect(run(file)).toBe(`${stamp} 1\n`);
    expect(cached()).toEqual(afterFirst); // a hit writes nothing
    writeFileSync(file, `const answer: number = 2;\nconsole.log('${stamp}', answer);\n`);
    expect(run(file)).toBe(`${stamp} 2\n`);
    expect(cached().size).toBe(afterFirst.size + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm ci transpiles the app ahead (the prepare script), so its first run loads no transpiler', () => {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const precompile = spawnSync('sh', ['-c', scripts.prepare], { cwd: ROOT, encoding: 'utf8' });
  expect(precompile.stdout).toMatch(/^transpiled \d+ TypeScript files into node_modules\/.xdr-compiled\n$/);
  // loads the guide app's modules without running it, then counts the sucrase modules loaded
  const probe = `require('./lib/guide/run.ts'); console.log(Object.keys(require.cache).filter((f) => f.includes('/node_modules/sucrase/dist/')).length)`;
  const result = spawnSync(process.execPath, ['-r', './bin/transpile-cache.js', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('0\n');
});
