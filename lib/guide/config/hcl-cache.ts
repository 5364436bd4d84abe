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

let cacheDir: string | undefined;
let parserVersion: string | undefined;

/** Turns the cache on (in `dir`) or off (`undefined`, the default: a library call writes no files). */
export function cacheParsedHcl(dir: string | undefined): void {
  cacheDir = dir;
}

/**
 * Required here, not imported: the module starts loading the WebAssembly as soon as it is required.
 * V8 compiles WebAssembly with its baseline compiler (Liftoff), then recompiles the functions that run
 * often with its optimizing one (TurboFan): for the parser's Go runtime that second compile cost more
 * than it saves (0.3-0.6 s of CPU against 0.2 s with Liftoff alone, for a terraform.tfvars). The flag
 * only concerns WebAssembly, and only modules compiled after it is set: this parser's, in this process.
 */
function loadParser(): Promise<typeof import('@cdktf/hcl2json')> {
  setFlagsFromString('--liftoff-only');
  return import('@cdktf/hcl2json');
}

/** What `@cdktf/hcl2json`'s parse returns for `text`; rejects as it does on invalid HCL. */
export async function parseHcl(file: string, text: string): Promise<unknown> {
  const parse = async () => (await loadParser()).parse(file, text);
  if (cacheDir === undefined) return parse();
  parserVersion ??= (JSON.parse(readFileSync(require.resolve('@cdktf/hcl2json/package.json'), 'utf8')) as { version: string }).version;
  const entry = path.join(cacheDir, `${createHash('sha256').update(`${parserVersion}\0${text}`).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(entry, 'utf8'));
  } catch {
    // not cached yet
  }
  const parsed = await parse();
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
