#!/usr/bin/env node
import { run } from '../lib/guide/values/cli';

run(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  outIsTerminal: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
