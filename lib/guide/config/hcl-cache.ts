/**
 * HashiCorp's HCL parser (@cdktf/hcl2json) is a Go program compiled to WebAssembly: loading it costs
 * about 0.4 s of CPU, more than the rest of a synth besides cdktf itself. Its result depends only on
 * the text parsed, so the app keeps it in a cache keyed by a hash of the text and the parser version,
 * and a synth of unchanged tfvars files never loads the parser.
 */
import { createHash } from 'crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { parseSimpleTfvars } from './hcl-simple';
import { LIFTOFF_ONLY, parseOnWorker } from './hcl-worker';

let cacheDir: string | undefined;
let parserVersion: string | undefined;

/** Turns the cache on (in `dir`) or off (`undefined`, the default: a library call writes no files). */
export function cacheParsedHcl(dir: string | undefined): void {
  cacheDir = dir;
}

/**
 * Required here, not imported: the module starts loading the WebAssembly as soon as it is required.
 * Liftoff alone, as on the app's worker thread (hcl-worker.ts says why).
 */
function loadParser(): Promise<typeof import('@cdktf/hcl2json')> {
  setFlagsFromString(LIFTOFF_ONLY);
  return import('@cdktf/hcl2json');
}

/**
 * What `@cdktf/hcl2json`'s parse returns for `text`; rejects as it does on invalid HCL. A library call
 * parses on the calling thread; the app (the cache on), which loads cdktf next, on a worker thread.
 */
export async function parseHcl(file: string, text: string): Promise<unknown> {
  // a file of plain `name = value` lines needs no parser start (hcl-simple.ts); its result is the parser's
  const simple = parseSimpleTfvars(text);
  if (simple !== undefined) return simple;
  if (cacheDir === undefined) return (await loadParser()).parse(file, text);
  parserVersion ??= (JSON.parse(readFileSync(require.resolve('@cdktf/hcl2json/package.json'), 'utf8')) as { version: string }).version;
  const entry = path.join(cacheDir, `${createHash('sha256').update(`${parserVersion}\0${text}`).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(entry, 'utf8'));
  } catch {
    // not cached yet
  }
  const parsed = await parseOnWorker(file, text);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${entry}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(parsed));
    renameSync(partial, entry); // concurrent synths never read a half-written entry
  } catch {
    // a read-only checkout still synthesizes, only without the cache
  }
  return parsed;
}
