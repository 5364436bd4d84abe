/**
 * cdktf records where each token was created, for its own error messages (a token it cannot resolve):
 * a stack trace of unlimited depth per token, `Error.stackTraceLimit` set to Number.MAX_SAFE_INTEGER
 * around `Error.captureStackTrace`. With many tenants that was the largest part of building the
 * stacks (help/performance.md, many tenants). These traces keep their first frames: the token's own,
 * the provider class, and the construct and line that made it. Every other stack is captured as before.
 *
 * For a process of our own (the guide app, the tests): it replaces `Error.captureStackTrace`, which a
 * library must never do to the program that imports it.
 */

/** Frames kept of a token's creation trace: enough to reach the construct that made the token. */
export const TOKEN_TRACE_FRAMES = 10;

export interface TokenTraceOptions {
  /** Formats the kept frames, set as `Error.prepareStackTrace` while the trace is captured and read. @default V8's own */
  readonly format?: (error: Error, frames: NodeJS.CallSite[]) => string;
}

let installed = false;

/** Keeps the first TOKEN_TRACE_FRAMES frames of cdktf's token creation traces, in this process; once. */
export function limitTokenTraces(options: TokenTraceOptions = {}): void {
  if (installed) return;
  installed = true;
  const captureStackTrace = Error.captureStackTrace.bind(Error);
  Error.captureStackTrace = (target: object, below?: Parameters<typeof Error.captureStackTrace>[1]) => {
    const ownFormat = Error.prepareStackTrace;
    // only cdktf's (and constructs') unlimited traces, and not while a program formats traces its own way
    if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER || (options.format !== undefined && ownFormat !== undefined)) {
      captureStackTrace(target, below);
      return;
    }
    Error.stackTraceLimit = TOKEN_TRACE_FRAMES;
    if (options.format !== undefined) Error.prepareStackTrace = options.format;
    try {
      captureStackTrace(target, below);
      // formatted on first read: read it while this formatter is set
      if (options.format !== undefined) void (target as { stack?: string }).stack;
    } finally {
      Error.prepareStackTrace = ownFormat;
      Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    }
  };
}
