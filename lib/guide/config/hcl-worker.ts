/**
 * HashiCorp's HCL parser (@cdktf/hcl2json, a Go program compiled to WebAssembly) on a worker thread.
 * Its first parse in a process costs about 0.1 s of CPU (gunzipping the module, compiling it, starting
 * the Go runtime): on a thread of its own that runs on the other core while the app's main thread
 * loads cdktf and the provider modules, instead of before them.
 */
import { Worker } from 'worker_threads';

/**
 * V8 compiles WebAssembly with its baseline compiler
 * (Liftoff), then recompiles the functions that run often with its optimizing one (TurboFan): for the
 * parser's Go runtime that second compile cost more than it saved (0.35-0.43 s of CPU against 0.22 s
 * with Liftoff alone, for a terraform.tfvars). The flag concerns WebAssembly alone: this parser's.
 */
export const LIFTOFF_ONLY = '--liftoff-only';

/** Plain JavaScript, run by the worker as it is (no TypeScript loader on its thread). */
const WORKER_SOURCE = `
const { parentPort } = require('worker_threads');
require('v8').setFlagsFromString('${LIFTOFF_ONLY}');
const { parse } = require(${JSON.stringify(require.resolve('@cdktf/hcl2json'))});
parentPort.on('message', ({ id, file, text }) => {
  parse(file, text).then(
    (value) => parentPort.postMessage({ id, value }),
    (error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
`;

interface Reply {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: string;
}

/** An idle worker stops after this long; a file read right after another keeps it. */
const IDLE_MS = 500;

let worker: Worker | undefined;
let idle: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function startWorker(): Worker {
  const started = new Worker(WORKER_SOURCE, { eval: true });
  started.on('message', ({ id, value, error }: Reply) => {
    const request = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) {
      // an idle worker never keeps the process alive, and stops soon (a test runner starts one per file)
      started.unref();
      idle = setTimeout(() => {
        if (worker === started) worker = undefined;
        void started.terminate();
      }, IDLE_MS).unref();
    }
    if (error === undefined) request?.resolve(value);
    else request?.reject(new Error(error));
  });
  started.on('error', (error) => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
    worker = undefined;
  });
  return started;
}

/** What `@cdktf/hcl2json`'s parse returns for `text`; rejects with its message on invalid HCL. */
export function parseOnWorker(file: string, text: string): Promise<unknown> {
  clearTimeout(idle);
  worker ??= startWorker();
  const id = nextId++;
  const reply = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ id, file, text });
  return reply;
}

/** Whether a parse is under way on the worker thread. */
export function isParsing(): boolean {
  return pending.size > 0;
}
