/**
 * cdktf's token creation traces keep their first frames (lib/guide/token-traces.ts): in the guide app,
 * and here, where __tests__/setup.ts installs the same limit with V8's format.
 */
import { Lazy, Tokenization } from 'cdktf';
import { TOKEN_TRACE_FRAMES } from '../../lib/guide/token-traces';

/** Calls `make` under `depth` more frames, each named so the trace shows it. */
function nested<T>(depth: number, make: () => T): T {
  return depth === 0 ? make() : nested(depth - 1, make);
}

function madeHere(): string {
  return Lazy.stringValue({ produce: () => 'value' });
}

test("a token's creation trace keeps its first frames, which name the code that made it", () => {
  const token = nested(40, madeHere);
  const trace = Tokenization.reverseString(token).firstToken?.creationStack ?? [];
  expect(trace.length).toBeGreaterThan(0);
  expect(trace.length).toBeLessThanOrEqual(TOKEN_TRACE_FRAMES);
  expect(trace.some((frame) => frame.startsWith('madeHere '))).toBe(true);
  expect(Error.stackTraceLimit).not.toBe(Number.MAX_SAFE_INTEGER);
});

test('every other stack is captured as before: an error 41 calls deep keeps them all when the limit allows', () => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  try {
    const error = nested(40, () => new Error('deep'));
    expect(error.stack!.split('\n').filter((line) => line.includes(' at nested ')).length).toBe(41);
  } finally {
    Error.stackTraceLimit = limit;
  }
});

test('the guide app limits the traces before it builds a stack', async () => {
  jest.resetModules();
  const limit = jest.fn();
  jest.doMock('../../lib/guide/token-traces', () => ({ limitTokenTraces: limit }));
  const { runGuideApp } = await import('../../lib/guide/run');
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  // a refused setting ends the run before any stack: the limit is in place from its first step
  await runGuideApp({ XDR_ALLOW_DESTROY: 'maybe', CDKTF_OUTDIR: '/nonexistent/out' }, '/nonexistent');
  stderr.mockRestore();
  expect(limit).toHaveBeenCalledTimes(1);
});
