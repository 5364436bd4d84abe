/**
 * What a recommended size carries and when to scale it (help/guide-facts.md#facts-about-the-stream), for the CLI, the docs and alert
 * thresholds. Standard figures are Azure's per-throughput-unit quotas; Premium figures are an estimate
 * at the same 5 TUs per processing unit the recommendation sized with.
 */
import { EventHubTier } from '../rules/limits';
import { EVENTS_PER_MINUTE_PER_THROUGHPUT_UNIT, SizingRecommendation, THROUGHPUT_UNITS_PER_PROCESSING_UNIT } from './recommend';

/** One throughput unit: ingress 1 MB/s or 1,000 events/s, egress 2 MB/s or 4,096 events/s. */
export const PER_THROUGHPUT_UNIT = {
  ingressMegabytesPerSecond: 1,
  ingressEventsPerSecond: 1000,
  egressMegabytesPerSecond: 2,
  egressEventsPerSecond: 4096,
} as const;

/** What a number of throughput units carries, in and out. */
export interface Throughput {
  /** Throughput units. */
  readonly throughputUnits: number;
  /** Megabytes per second in. */
  readonly ingressMegabytesPerSecond: number;
  /** Events per second in. */
  readonly ingressEventsPerSecond: number;
  /** Megabytes per second out. */
  readonly egressMegabytesPerSecond: number;
  /** Events per second out. */
  readonly egressEventsPerSecond: number;
}

/** The guide's scale-up signal: the namespace metrics reaching TUs × 1 MB/s in or TUs × 2 MB/s out. */
export interface ScaleLevels {
  /** Incoming megabytes per second at which to scale. */
  readonly incomingMegabytesPerSecond: number;
  /** Outgoing megabytes per second at which to scale. */
  readonly outgoingMegabytesPerSecond: number;
}

/** What a sized namespace carries and when it should scale. */
export interface CapacityFacts {
  /** The recommended tier. */
  readonly tier: EventHubTier;
  /** The measured rate, per second. */
  readonly measuredEventsPerSecond: number;
  /** MB/s the guide's formula reads into the rate: its `* 3 / 1024` is 3 KB per event. */
  readonly formulaIngressMegabytesPerSecond: number;
  /** Standard: the allocated units. Premium: estimated at 5 TUs per processing unit. Absent on a dedicated cluster. */
  readonly allocated?: Throughput;
  /** Standard only: the auto-inflate ceiling. */
  readonly inflated?: Throughput;
  /** For `allocated`; scaling up is due when either metric reaches its level. */
  readonly scaleAt?: ScaleLevels;
  /** The facts above as sentences, in the order a customer reads them. */
  readonly notes: readonly string[];
}

/** What the given throughput units carry. */
export function throughputOf(throughputUnits: number): Throughput {
  return {
    throughputUnits,
    ingressMegabytesPerSecond: throughputUnits * PER_THROUGHPUT_UNIT.ingressMegabytesPerSecond,
    ingressEventsPerSecond: throughputUnits * PER_THROUGHPUT_UNIT.ingressEventsPerSecond,
    egressMegabytesPerSecond: throughputUnits * PER_THROUGHPUT_UNIT.egressMegabytesPerSecond,
    egressEventsPerSecond: throughputUnits * PER_THROUGHPUT_UNIT.egressEventsPerSecond,
  };
}

const num = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function describe(t: Throughput): string {
  return (
    `${num(t.ingressMegabytesPerSecond)} MB/s or ${num(t.ingressEventsPerSecond)} events/s in, ` +
    `${num(t.egressMegabytesPerSecond)} MB/s or ${num(t.egressEventsPerSecond)} events/s out`
  );
}

/** The facts of a recommendation: its throughput, where to scale, and notes. */
export function capacityFacts(recommendation: SizingRecommendation): CapacityFacts {
  const measuredEventsPerSecond = recommendation.eventsPerMinute / 60;
  const formulaIngressMegabytesPerSecond = recommendation.eventsPerMinute / EVENTS_PER_MINUTE_PER_THROUGHPUT_UNIT;
  const notes = [
    `Measured: ${num(measuredEventsPerSecond)} events/s; at the guide's 3 KB per event that is ${num(formulaIngressMegabytesPerSecond)} MB/s in.`,
  ];
  const base = { tier: recommendation.tier, measuredEventsPerSecond, formulaIngressMegabytesPerSecond };
  if (recommendation.tier === 'Dedicated') {
    notes.push("A dedicated cluster has no throughput-unit quota; watch the cluster's metrics instead of the TU-based levels.");
    return { ...base, notes };
  }

  const allocatedUnits =
    recommendation.tier === 'Standard'
      ? recommendation.throughputUnits
      : THROUGHPUT_UNITS_PER_PROCESSING_UNIT * recommendation.processingUnits;
  const allocated = throughputOf(allocatedUnits);
  const scaleAt: ScaleLevels = {
    incomingMegabytesPerSecond: allocated.ingressMegabytesPerSecond,
    outgoingMegabytesPerSecond: allocated.egressMegabytesPerSecond,
  };
  const about = recommendation.tier === 'Premium' ? 'about ' : '';
  const scaleNote =
    `Scale up when Incoming Bytes reach ${about}${num(scaleAt.incomingMegabytesPerSecond)} MB/s or Outgoing Bytes reach ` +
    `${about}${num(scaleAt.outgoingMegabytesPerSecond)} MB/s (the guide: TUs * 1 MB/s in, TUs * 2 MB/s out).`;

  if (recommendation.tier === 'Premium') {
    notes.push(
      `${recommendation.processingUnits} processing units carry about ${allocatedUnits} throughput units' worth (5 per PU, the low end of the guide's 5-10): ${describe(allocated)}.`,
      scaleNote,
    );
    return { ...base, allocated, scaleAt, notes };
  }

  const inflated = throughputOf(recommendation.inflateCap);
  notes.push(
    `${allocatedUnits} throughput units carry ${describe(allocated)}.`,
    `Auto-inflate up to ${recommendation.inflateCap} units carries ${describe(inflated)}.`,
    scaleNote,
    // Azure raises the units itself up to the cap, so only there does a person have to act.
    `Auto-inflate covers that up to ${recommendation.inflateCap} units; at ${num(inflated.ingressMegabytesPerSecond)} MB/s in ` +
      `or ${num(inflated.egressMegabytesPerSecond)} MB/s out nothing scales further and the namespace needs more units or a larger tier.`,
  );
  return { ...base, allocated, inflated, scaleAt, notes };
}
