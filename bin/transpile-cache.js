// `node -r ./bin/transpile-cache.js main.ts`: sucrase/register with a disk cache. Every cdktf command
// runs the app again, and transpiling its ~50 TypeScript files (and loading sucrase to do it) took
// 0.3 s of a 0.7 s synth; a file transpiled once is read back from node_modules/.cache/xdr-ts, keyed
// by its path, its text and the sucrase version, so an edited file is never served stale. Plain
// JavaScript because it is what makes TypeScript loadable. Types are checked by `tsc` in npm test.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { addHook } = require('pirates');
const { Buffer } = require('buffer');

const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'xdr-ts');
const SUCRASE_VERSION = require('sucrase/package.json').version;
let sucrase;

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

addHook(
  (code, filePath) => {
    const key = crypto.createHash('sha256').update(`${SUCRASE_VERSION}\0${filePath}\0`).update(code).digest('hex');
    const cached = path.join(CACHE, `${key}.js`);
    try {
      return fs.readFileSync(cached, 'utf8');
    } catch {
      // not cached yet: transpile below
    }
    const js = transpile(code, filePath);
    try {
      // written beside and renamed into place, so a concurrent reader never sees half a file
      fs.mkdirSync(CACHE, { recursive: true });
      const partial = `${cached}.${process.pid}`;
      fs.writeFileSync(partial, js);
      fs.renameSync(partial, cached);
    } catch {
      // a read-only or full disk only costs the speed-up
    }
    return js;
  },
  { exts: ['.ts'] },
);
