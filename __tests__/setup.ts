import { setupJest } from 'cdktf/lib/testing/adapters/jest';

setupJest();

/**
 * cdktf records where each token was created, for its own error messages: a stack trace of unlimited
 * depth (Error.stackTraceLimit set to Number.MAX_SAFE_INTEGER around Error.captureStackTrace) per
 * token. Under jest each frame of each trace went through jest's source-map formatter: a third of the
 * CPU of a test file that synthesizes. In tests those traces keep their first frames (the construct and
 * line that made the token), formatted as V8 formats them; every other stack, a failing test's
 * included, is captured and mapped by jest as before.
 */
const TOKEN_TRACE_FRAMES = 10;
const captureStackTrace = Error.captureStackTrace.bind(Error);
const v8Format = (error: Error, frames: NodeJS.CallSite[]) => [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
Error.captureStackTrace = (target: object, below?: Parameters<typeof Error.captureStackTrace>[1]) => {
  const jestsOwn = Error.prepareStackTrace; // undefined here: jest formats from its own realm
  if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER || jestsOwn !== undefined) {
    captureStackTrace(target, below);
    return;
  }
  Error.stackTraceLimit = TOKEN_TRACE_FRAMES;
  Error.prepareStackTrace = v8Format;
  try {
    captureStackTrace(target, below);
    void (target as { stack?: string }).stack; // formatted on first read: read it while this formatter is set
  } finally {
    Error.prepareStackTrace = jestsOwn;
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
  }
};
