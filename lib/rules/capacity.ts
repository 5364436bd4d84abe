/**
 * Capacity rules per tier (help/guide-facts.md#azures-limits), each parameterised by the setting's name so the tfvars layer
 * reports `eventhub_partition_count` and a construct reports `partitionCount` for the same rule.
 */
import { checkOneOf, checkWholeNumber } from './checks';
import { EventHubTier, PREMIUM_PROCESSING_UNITS, STANDARD_MAX_INFLATE_CAP, TIER_LIMITS, maxPartitionsFor } from './limits';

export function checkPartitionCount(setting: string, value: number, tier: EventHubTier, processingUnits?: number): string | undefined {
  return checkWholeNumber(setting, value, 1, maxPartitionsFor(tier, processingUnits), ` on the ${tier} tier`);
}

export function checkRetentionDays(setting: string, value: number, tier: EventHubTier): string | undefined {
  return checkWholeNumber(setting, value, 1, TIER_LIMITS[tier].maxRetentionDays, ` (days) on the ${tier} tier`);
}

export function checkThroughputUnits(setting: string, value: number, max: number): string | undefined {
  return checkWholeNumber(setting, value, 1, max, ' on the Standard tier');
}

/** The auto-inflate ceiling must be at least the allocated units and at most Azure's 40. */
export function checkInflateCap(setting: string, value: number, allocatedSetting: string, allocated: number): string | undefined {
  const floor = Number.isInteger(allocated) && allocated >= 1 ? allocated : 1;
  return checkWholeNumber(setting, value, floor, STANDARD_MAX_INFLATE_CAP, ` (at least ${allocatedSetting})`);
}

export function checkProcessingUnits(setting: string, value: number): string | undefined {
  return checkOneOf(setting, value, PREMIUM_PROCESSING_UNITS, ' on the Premium tier');
}
