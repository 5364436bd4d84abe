/**
 * Azure Event Hubs limits and the guide's narrower ranges (help/guide-facts.md#azures-limits).
 * Kept as data so the tfvars layer, the constructs and the sizing calculator share one source.
 */

/** Where the namespace runs: the guide's `eventhub_tier`, or a dedicated cluster. */
export type EventHubTier = 'Standard' | 'Premium' | 'Dedicated';
export const EVENT_HUB_TIERS: readonly EventHubTier[] = ['Standard', 'Premium', 'Dedicated'];

/** Azure's limits of one tier on the hubs of a namespace. */
export interface TierLimits {
  /** Partitions one event hub may have. */
  readonly maxPartitions: number;
  /** Days of retention (`message_retention`). */
  readonly maxRetentionDays: number;
}

/** Azure's partition and retention limits of each tier. */
export const TIER_LIMITS: Readonly<Record<EventHubTier, TierLimits>> = {
  Standard: { maxPartitions: 32, maxRetentionDays: 7 },
  Premium: { maxPartitions: 100, maxRetentionDays: 90 },
  Dedicated: { maxPartitions: 1024, maxRetentionDays: 90 },
};

/** Throughput units on Standard: Azure allows 1-40, the guide's tfvars 1-32. */
export const STANDARD_MAX_THROUGHPUT_UNITS = 40;
export const GUIDE_MAX_THROUGHPUT_UNITS = 32;
/** Upper bound of `maximum_throughput_units` (auto-inflate). */
export const STANDARD_MAX_INFLATE_CAP = 40;

/** Processing units Azure sells for a Premium namespace. */
export const PREMIUM_PROCESSING_UNITS: readonly number[] = [1, 2, 4, 8, 16];
/** Premium: partitions across the namespace per processing unit. */
export const PREMIUM_PARTITIONS_PER_PROCESSING_UNIT = 200;

/** The only self-service SKU of `azurerm_eventhub_cluster`. */
export const DEDICATED_CLUSTER_SKU = 'Dedicated_1';

/** The guide: "combined length of client_name and azure_region must not exceed 30 characters". */
export const MAX_CLIENT_NAME_PLUS_REGION = 30;

/** Partitions a given tier allows one event hub, with the Premium per-namespace bound applied. */
export function maxPartitionsFor(tier: EventHubTier, processingUnits?: number): number {
  const perHub = TIER_LIMITS[tier].maxPartitions;
  if (tier !== 'Premium' || processingUnits === undefined) return perHub;
  return Math.min(perHub, PREMIUM_PARTITIONS_PER_PROCESSING_UNIT * processingUnits);
}
