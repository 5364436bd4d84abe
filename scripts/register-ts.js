'use strict';
/**
 * Lets `node -r ./scripts/register-ts.js main.ts` run the app's TypeScript. Like ts-node's
 * transpile-only mode it does not type-check (`npm test` runs `tsc --noEmit` over everything), but it
 * keeps each transpiled file in node_modules/.cache, keyed by a hash of its source, the compiler
 * version and tsconfig.json: after the first synth the TypeScript compiler (about 0.4 s to load on
 * the 2-core reference machine) is not loaded at all. docs/performance.md has the measurements.
 */
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'xdr-transpiled');
const FORMAT = 1; // bump when the output of compile() changes for the same inputs

let salt;
let ts;
let compilerOptions;

function cacheSalt() {
  salt ??= [
    FORMAT,
    JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version,
    fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
  ].join('\0');
  return salt;
}

function compile(filename, source) {
  ts ??= require('typescript');
  if (compilerOptions === undefined) {
    const { config, error } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
    if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
    compilerOptions = { ...ts.convertCompilerOptionsFromJson(config.compilerOptions, root).options, module: ts.ModuleKind.CommonJS };
  }
  return ts.transpileModule(source, { compilerOptions, fileName: filename, reportDiagnostics: false }).outputText;
}

function transpiled(filename, source) {
  const key = crypto.createHash('sha256')
    .update(cacheSalt()).update('\0').update(path.relative(root, filename)).update('\0').update(source)
    .digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const output = compile(filename, source);
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, output);
    fs.renameSync(partial, cached); // concurrent synths never read a half-written entry
  } catch {
    // a read-only checkout still runs, only without the cache
  }
  return output;
}

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(transpiled(filename, fs.readFileSync(filename, 'utf8')), filename);
};
