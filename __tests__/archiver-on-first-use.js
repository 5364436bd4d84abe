/**
 * `archiver` in the unit tests (jest.config.js maps the package here), loaded on first use instead of
 * when cdktf loads. cdktf requires it at load for zip assets (TerraformAsset), which no test makes,
 * and with it lodash, glob and readable-stream: about 180 of the 380 modules `require('cdktf')`
 * loads, and jest loads them again for every test file that uses cdktf.
 */
'use strict';
const { existsSync } = require('fs');
const path = require('path');

// The copy cdktf would load, looked up as node does from cdktf's folder: by path, because under jest
// the name `archiver` (require.resolve too) leads back to this file.
const CDKTF = path.dirname(require.resolve('cdktf/package.json'));
const CDKTF_ARCHIVER = [path.join(CDKTF, 'node_modules', 'archiver'), path.join(CDKTF, '..', 'archiver')].find((dir) =>
  existsSync(path.join(dir, 'package.json')),
);

let archiver;
const loaded = () => (archiver ??= require(CDKTF_ARCHIVER));

module.exports = new Proxy(function archiverOnFirstUse() {}, {
  apply: (_, thisArg, args) => Reflect.apply(loaded(), thisArg, args),
  get: (_, name) => loaded()[name],
});
