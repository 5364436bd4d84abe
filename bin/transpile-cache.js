// `node -r ./bin/transpile-cache.js main.ts`: sucrase through pirates, with the transpiled output kept
// on disk. Every cdktf command runs the app again, and transpiling its TypeScript (and loading sucrase to
// do it) took 0.3 s of a 0.7 s synth. An output is found by a key made of the file's path, its text and
// the sucrase version, so an edited file is never served stale: it misses and is transpiled again.
//
// Two stores share that key:
// - node_modules/.xdr-compiled: every TypeScript file of the app, bin/, scripts/ and bench/, transpiled
//   by `node bin/transpile-cache.js --precompile`, the `prepare` script that npm runs after `npm ci` and
//   `npm install`; so the first synth after an install loads neither sucrase nor the sources' maps.
// - node_modules/.cache/xdr-ts: what this hook transpiled itself (a file edited since the install).
// Plain JavaScript because it is what makes TypeScript loadable. Types are checked by `tsc` in npm test.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Buffer } = require('buffer');

const ROOT = path.join(__dirname, '..');
const PRECOMPILED = path.join(ROOT, 'node_modules', '.xdr-compiled');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'xdr-ts');
/** What `--precompile` transpiles: every TypeScript file a `node -r ./bin/transpile-cache.js` command loads. */
const PRECOMPILE_ROOTS = ['main.ts', 'lib', 'bin', 'scripts', 'bench'];
let sucrase;
let sucraseVersion;

function transpile(code, filePath) {
  sucrase ??= require('sucrase');
  // the same options and inline source map as sucrase/register
  const { code: js, sourceMap } = sucrase.transform(code, {
    transforms: ['imports', 'typescript'],
    sourceMapOptions: { compiledFilename: filePath },
    filePath,
  });
  return `${js}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(sourceMap)).toString('base64')}`;
}

function entryName(code, filePath) {
  sucraseVersion ??= require('sucrase/package.json').version;
  return `${crypto.createHash('sha256').update(`${sucraseVersion}\0${filePath}\0`).update(code).digest('hex')}.js`;
}

/** Written beside and renamed into place, so a concurrent reader never sees half a file. */
function writeAtomically(file, text) {
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

function readIfPresent(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function load(code, filePath) {
  const name = entryName(code, filePath);
  const stored = readIfPresent(path.join(PRECOMPILED, name)) ?? readIfPresent(path.join(CACHE, name));
  if (stored !== undefined) return stored;
  const js = transpile(code, filePath);
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    writeAtomically(path.join(CACHE, name), js);
  } catch {
    // a read-only or full disk only costs the speed-up
  }
  return js;
}

function typeScriptFiles(entry) {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [entry] : [];
  return fs.readdirSync(entry).flatMap((name) => typeScriptFiles(path.join(entry, name)));
}

/** Fills node_modules/.xdr-compiled anew (built aside, then swapped in); returns how many files. */
function precompile() {
  const building = `${PRECOMPILED}.${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  const files = PRECOMPILE_ROOTS.flatMap((entry) => typeScriptFiles(path.join(ROOT, entry)));
  for (const file of files) {
    const code = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(path.join(building, entryName(code, file)), transpile(code, file));
  }
  fs.rmSync(PRECOMPILED, { recursive: true, force: true });
  fs.renameSync(building, PRECOMPILED);
  return files.length;
}

if (require.main === module && process.argv[2] === '--precompile') {
  try {
    process.stdout.write(`transpiled ${precompile()} TypeScript files into ${path.relative(ROOT, PRECOMPILED)}\n`);
  } catch (error) {
    // never fails an install: without the store, the first run of each file transpiles it
    process.stdout.write(`TypeScript files not transpiled ahead (${error.message}); the app transpiles them at first use\n`);
  }
} else {
  require('pirates').addHook(load, { exts: ['.ts'] });
}
