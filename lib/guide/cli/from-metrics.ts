/**
 * `npm run size -- --from-metrics [stack]`: the events per minute the calculator takes, measured
 * instead of queried: the busiest minute of the last 7 days (IncomingMessages, or IncomingBytes at
 * the guide's 3 KB per event, whichever is more), read from Azure Monitor for a deployed stack's event hub (its outputs read from the state as
 * `npm run values` does).
 */
import { InvalidSettingsError } from '../../rules/errors';
import type { Connect } from '../checks/connect';
import { deployedStream } from '../checks/plan';
import { outputFolder } from '../local-state';
import { readStackValues, synthesizedStacks } from '../values/read';
import type { CliIo } from './size';

export const MEASURED_DAYS = 7;

/** The measured peak per minute, for `stack` (or the one deployed stack with an event hub). */
export async function measuredEventsPerMinute(
  stack: string | true,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  connect?: Connect,
  now = new Date(),
): Promise<number> {
  const outdir = outputFolder(env);
  const candidates = synthesizedStacks(outdir).filter((s) => stack === true || s.name === stack);
  const streams: Array<{ name: string; stream: NonNullable<ReturnType<typeof deployedStream>> }> = [];
  for (const candidate of candidates) {
    const values = await readStackValues(candidate, env);
    const stream = values.deployed ? deployedStream(values.outputs, {}) : undefined;
    if (stream !== undefined) streams.push({ name: candidate.name, stream });
  }
  if (streams.length !== 1) {
    const why =
      streams.length === 0
        ? `no deployed stack${stack === true ? '' : ` ${stack}`} with an event hub in ${outdir} (deploy first, or size with --events-per-minute)`
        : `${streams.length} deployed stacks have an event hub (${streams.map((s) => s.name).join(', ')}): name one, --from-metrics <stack>`;
    throw new InvalidSettingsError([`--from-metrics: ${why}`]);
  }
  const [{ name, stream }] = streams;
  const { parseNamespaceId } = await import('../../azure/checks/health');
  const { peakIncomingPerMinute } = await import('../../azure/checks/metrics');
  const reach = connect ?? (await import('../checks/connect')).connectToAzure();
  const peak = await peakIncomingPerMinute(
    reach(parseNamespaceId(stream.namespaceResourceId).subscriptionId),
    stream.namespaceResourceId,
    stream.eventHubName,
    now,
    MEASURED_DAYS,
  ).catch(async (error: unknown) => {
    // not signed in, refused or throttled: one line, as health says it, instead of the SDK's stack trace
    const { notCheckable } = await import('../../azure/checks/result');
    const { detail, fix } = notCheckable('--from-metrics', error, 'Microsoft.Insights/metrics/read');
    if (fix === undefined) throw error;
    throw new InvalidSettingsError([`--from-metrics: ${detail} -> ${fix}`]);
  });
  if (peak === null) {
    throw new InvalidSettingsError([
      `--from-metrics: Azure Monitor has no IncomingMessages for ${name} over the last ${MEASURED_DAYS} days; size with --events-per-minute from the guide's query`,
    ]);
  }
  io.err(
    `Measured: at most ${peak.toLocaleString('en-US')} events in a minute over the last ${MEASURED_DAYS} days on ${name}'s event hub ${stream.eventHubName} ` +
      "(IncomingMessages, or IncomingBytes at the guide's 3 KB per event, whichever is more).\n",
  );
  return peak;
}
