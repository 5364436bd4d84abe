import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import { limitTokenTraces } from '../lib/guide/token-traces';

setupJest();

/**
 * Under jest each frame of each of cdktf's token creation traces went through jest's source-map
 * formatter: a third of the CPU of a test file that synthesizes. The tests keep the first frames of
 * those traces, as the guide app does (lib/guide/token-traces.ts), formatted as V8 formats them; every
 * other stack, a failing test's included, is captured and mapped by jest as before (jest formats from
 * its own realm, so Error.prepareStackTrace is unset here).
 */
limitTokenTraces({ format: (error, frames) => [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n') });
