/**
 * Azure Monitor metrics of an event hub, read with the Monitor SDK: totals per interval (a missing
 * point is `null`, not 0: Azure Monitor leaves out intervals it has no data for), the peak per
 * minute the sizing calculator takes, and a one-line picture of a series for a terminal.
 */
import { AzureClients } from './clients';

/** Totals per interval, oldest first, for each metric asked for. */
export type MetricTotals = Record<string, Array<number | null>>;

/** Azure Monitor's timespan: two ISO 8601 instants. */
const timespan = (from: Date, to: Date) => `${from.toISOString()}/${to.toISOString()}`;

/**
 * `Total` per `interval` of each metric in `names`, over `[from, to)`, for the event hub `eventHub`
 * (its EntityName dimension) of the namespace `resourceId`: one point per interval, `null` where Azure
 * Monitor has none.
 */
export async function readMetricTotals(
  clients: AzureClients,
  resourceId: string,
  eventHub: string,
  names: readonly string[],
  window: { readonly from: Date; readonly to: Date; readonly minutes: number },
): Promise<MetricTotals> {
  const response = await clients.monitor.metrics.list(resourceId, {
    timespan: timespan(window.from, window.to),
    interval: `PT${window.minutes >= 60 ? `${window.minutes / 60}H` : `${window.minutes}M`}`,
    metricnames: names.join(','),
    aggregation: 'Total',
    filter: `EntityName eq '${eventHub.replace(/'/g, "''")}'`,
  });
  const step = window.minutes * 60_000;
  const count = Math.round((window.to.getTime() - window.from.getTime()) / step);
  const totals: MetricTotals = {};
  for (const name of names) totals[name] = new Array<number | null>(count).fill(null);
  for (const metric of response.value ?? []) {
    const series = totals[metric.name?.value ?? ''];
    if (series === undefined) continue;
    for (const element of metric.timeseries ?? []) {
      for (const point of element.data ?? []) {
        const index = Math.floor((new Date(point.timeStamp).getTime() - window.from.getTime()) / step);
        if (point.total === undefined || point.total === null || index < 0 || index >= count) continue;
        series[index] = (series[index] ?? 0) + point.total;
      }
    }
  }
  return totals;
}

/** The sum of the points that have data, or `null` when none has. */
export function sumOf(points: ReadonlyArray<number | null>): number | null {
  const present = points.filter((p): p is number => p !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

/** Consecutive groups of `size` points summed: 60 minutes into 12 five-minute totals. */
export function regroup(points: ReadonlyArray<number | null>, size: number): Array<number | null> {
  const groups: Array<number | null> = [];
  for (let i = 0; i < points.length; i += size) groups.push(sumOf(points.slice(i, i + size)));
  return groups;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A series as Unicode block characters, one per point, scaled to its own peak; a gap is a space. */
export function sparkline(points: ReadonlyArray<number | null>): string {
  const peak = Math.max(0, ...points.filter((p): p is number => p !== null));
  return points
    .map((p) => (p === null ? ' ' : BARS[peak === 0 ? 0 : Math.min(BARS.length - 1, Math.floor((p / peak) * (BARS.length - 1) + 0.5))]))
    .join('');
}

/** Minutes are truncated so a window always starts and ends on a whole minute, as Monitor's points do. */
export const wholeMinute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/**
 * The guide's formula reads 3 KB per event (`events / 60 * 3 / 1024` throughput units, help/sizing.md).
 * Defender sends its records in batches, several to a message, so messages alone undercount what
 * the hub carries: the bytes that came in, counted as events of 3 KB, are the other measure.
 */
export const GUIDE_BYTES_PER_EVENT = 3 * 1024;

/** Events in one interval as the sizing formula counts them: messages, or bytes at 3 KB each, whichever is more. */
export function guideEvents(messages: number | null, bytes: number | null): number | null {
  if (messages === null && bytes === null) return null;
  return Math.max(messages ?? 0, Math.ceil((bytes ?? 0) / GUIDE_BYTES_PER_EVENT));
}

/** The highest of `guideEvents` over paired per-minute series, or `null` when no minute has data. */
export function peakEvents(totals: MetricTotals): number | null {
  const messages = totals.IncomingMessages ?? [];
  const bytes = totals.IncomingBytes ?? [];
  const events = messages.map((m, i) => guideEvents(m, bytes[i] ?? null)).filter((e): e is number => e !== null);
  return events.length === 0 ? null : Math.max(...events);
}

/**
 * The busiest minute over the last `days` days, in events as the sizing formula counts them
 * (`guideEvents`), or `null` with no data. One query per day: Azure Monitor answers a one-minute
 * grain for about a day at a time.
 */
export async function peakIncomingPerMinute(
  clients: AzureClients,
  resourceId: string,
  eventHub: string,
  now: Date,
  days = 7,
): Promise<number | null> {
  const end = wholeMinute(now);
  const queries = Array.from({ length: days }, (_, day) => {
    const to = new Date(end.getTime() - day * 86_400_000);
    return readMetricTotals(clients, resourceId, eventHub, ['IncomingMessages', 'IncomingBytes'], {
      from: new Date(to.getTime() - 86_400_000),
      to,
      minutes: 1,
    });
  });
  const peaks = (await Promise.all(queries)).map(peakEvents).filter((p): p is number => p !== null);
  return peaks.length === 0 ? null : Math.max(...peaks);
}
