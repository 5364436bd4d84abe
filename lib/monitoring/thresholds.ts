/**
 * Thresholds of the scaling alerts (the guide's "Scaling Event Hub" advice, help/guide-facts.md#facts-about-the-stream): Incoming Bytes at
 * TUs × 1 MB/s and Outgoing Bytes at TUs × 2 MB/s. Pure, so the arithmetic is tested without a stack.
 */
import type { NamespaceCapacity } from '../eventhub/eventhub-namespace';
import { PER_THROUGHPUT_UNIT } from '../sizing/capacity';

/** Binary megabytes: the guide's own sizing formula turns kilobytes into megabytes by dividing by 1024. */
export const BYTES_PER_MB = 1024 * 1024;

/**
 * Azure sums IncomingBytes and OutgoingBytes over the alert window ("Total" aggregation), so a rate
 * limit becomes a byte count per window. Five minutes: a one-minute spike does not page anyone, and a
 * sustained stream at the limit is reported within minutes, long before Defender's retries give up.
 */
export const ALERT_WINDOW_MINUTES = 5;
/** How often Azure evaluates the rules. */
export const ALERT_FREQUENCY_MINUTES = 1;

/** The byte thresholds of the scaling alerts for one capacity; empty off the Standard tier. */
export interface ScalingThresholds {
  /** Throughput units the byte thresholds are computed from; absent off the Standard tier. */
  readonly throughputUnits?: number;
  /** True when those units are the auto-inflate cap rather than the allocated units. */
  readonly fromInflateCap?: boolean;
  /** Incoming Bytes per window at which the namespace is at its ingress limit. */
  readonly incomingBytesPerWindow?: number;
  /** Outgoing Bytes per window at which the namespace is at its egress limit. */
  readonly outgoingBytesPerWindow?: number;
}

/**
 * The throughput units the namespace can reach. With auto-inflate on, Azure raises the units itself
 * up to the cap (and never lowers them), so reaching the allocated units needs no one: only reaching
 * the cap does, because then nothing scales further. Premium and dedicated namespaces have no
 * throughput units; only the throttled-requests alert applies to them.
 */
export function alertThroughputUnits(capacity: NamespaceCapacity): number | undefined {
  if (capacity.tier !== 'Standard') return undefined;
  return capacity.autoInflateMaximumThroughputUnits ?? capacity.throughputUnits;
}

/** Bytes a rate of `mbPerSecond` per throughput unit moves in one alert window. */
export function bytesPerWindow(throughputUnits: number, mbPerSecond: number, windowMinutes = ALERT_WINDOW_MINUTES): number {
  return throughputUnits * mbPerSecond * BYTES_PER_MB * windowMinutes * 60;
}

/** The window and the share of the limit the byte thresholds are computed for. */
export interface ThresholdOptions {
  /** Minutes the alert sums its metric over. @default 5 (`ALERT_WINDOW_MINUTES`) */
  readonly windowMinutes?: number;
  /** Percent of the limit at which the byte alerts fire, such as 80 to be told before the limit. @default 100 */
  readonly percentOfLimit?: number;
}

/** The byte thresholds of a capacity: its limit over one window, or the given percent of it (whole bytes). */
export function scalingThresholds(capacity: NamespaceCapacity, options: ThresholdOptions = {}): ScalingThresholds {
  const throughputUnits = alertThroughputUnits(capacity);
  if (throughputUnits === undefined) return {};
  const { windowMinutes = ALERT_WINDOW_MINUTES, percentOfLimit = 100 } = options;
  const share = (bytes: number) => (percentOfLimit === 100 ? bytes : Math.round((bytes * percentOfLimit) / 100));
  return {
    throughputUnits,
    fromInflateCap: capacity.tier === 'Standard' && throughputUnits > capacity.throughputUnits,
    incomingBytesPerWindow: share(bytesPerWindow(throughputUnits, PER_THROUGHPUT_UNIT.ingressMegabytesPerSecond, windowMinutes)),
    outgoingBytesPerWindow: share(bytesPerWindow(throughputUnits, PER_THROUGHPUT_UNIT.egressMegabytesPerSecond, windowMinutes)),
  };
}

/** ISO 8601 duration Azure Monitor expects for a whole number of minutes (`PT5M`, `PT1H`, `P1D`), as azurerm lists them. */
export function isoMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}
