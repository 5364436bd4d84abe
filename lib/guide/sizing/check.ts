/**
 * Compares an existing `terraform.tfvars` with a recommendation, variable by variable. A variable is
 * under-provisioned when it gives the stream less than the recommendation (events would be lost or
 * the partition count would have to be replaced later), over-provisioned when it gives more.
 */
import { GuideVariables, VariableName, effectiveTier } from '../config/variables';
import { EventHubTier } from '../../rules/limits';
import {
  RECOMMENDED_RETENTION_DAYS,
  SizingRecommendation,
  THROUGHPUT_UNITS_PER_PROCESSING_UNIT,
  inflateCapFor,
  processingUnitsFor,
} from '../../sizing/recommend';

/** How a variable compares with the recommendation: giving the stream less, more, or as recommended. */
export type ProvisioningStatus = 'under-provisioned' | 'over-provisioned' | 'fine';

/** The comparison of one sizing variable of the file with the recommendation. */
export interface VariableCheck {
  /** The variable compared. */
  readonly variable: VariableName;
  /** What the file gives (after the guide's defaults). */
  readonly actual: string | number | boolean;
  /** What the rate calls for; `undefined` when no value of this variable suffices. */
  readonly recommended?: string | number | boolean;
  /** Whether the file gives less than, more than or what the recommendation calls for. */
  readonly status: ProvisioningStatus;
  /** Why, in one sentence. */
  readonly note: string;
}

/** What `checkSizing` returns: the file's tier and the comparison of each sizing variable it reads. */
export interface SizingCheck {
  /** The tier the file selects (Dedicated when require_dedicated_cluster is set). */
  readonly tier: EventHubTier;
  /** The comparisons, the tier's first; only variables the file's tier reads are compared. */
  readonly variables: readonly VariableCheck[];
  /** True when any variable is under-provisioned. */
  readonly underProvisioned: boolean;
}

/** The order in which the guide escalates: a later tier carries more. */
const TIER_RANK: Readonly<Record<EventHubTier, number>> = { Standard: 0, Premium: 1, Dedicated: 2 };

function compare(actual: number, recommended: number): ProvisioningStatus {
  if (actual < recommended) return 'under-provisioned';
  return actual > recommended ? 'over-provisioned' : 'fine';
}

function numeric(variable: VariableName, actual: number, recommended: number, why: string): VariableCheck {
  const status = compare(actual, recommended);
  return { variable, actual, recommended, status, note: status === 'fine' ? 'as recommended' : `recommended ${recommended}: ${why}` };
}

const tierPhrase = (tier: EventHubTier): string => (tier === 'Dedicated' ? 'a dedicated cluster' : `the ${tier} tier`);

function tierCheck(v: GuideVariables, fileTier: EventHubTier, recommendation: SizingRecommendation): VariableCheck {
  const status = compare(TIER_RANK[fileTier], TIER_RANK[recommendation.tier]);
  const note =
    status === 'fine'
      ? 'as recommended'
      : `the file selects ${tierPhrase(fileTier)}; the rate calls for ${tierPhrase(recommendation.tier)}`;
  const dedicatedInPlay = fileTier === 'Dedicated' || recommendation.tier === 'Dedicated';
  return dedicatedInPlay
    ? {
        variable: 'require_dedicated_cluster',
        actual: v.require_dedicated_cluster,
        recommended: recommendation.tier === 'Dedicated',
        status,
        note,
      }
    : { variable: 'eventhub_tier', actual: v.eventhub_tier, recommended: recommendation.tier, status, note };
}

function processingUnitsCheck(v: GuideVariables, throughputUnits: number): VariableCheck {
  const needed = processingUnitsFor(throughputUnits);
  const actual = v.eventhub_processing_units;
  if (needed === undefined) {
    return {
      variable: 'eventhub_processing_units',
      actual,
      status: 'under-provisioned',
      note: `${throughputUnits} throughput units exceed what even 16 processing units carry at ${THROUGHPUT_UNITS_PER_PROCESSING_UNIT} each`,
    };
  }
  return numeric(
    'eventhub_processing_units',
    actual,
    needed,
    `the smallest size carrying ${throughputUnits} throughput units at ${THROUGHPUT_UNITS_PER_PROCESSING_UNIT} per PU`,
  );
}

/** One row per sizing variable the file's tier reads, plus the tier itself. */
export function checkSizing(v: GuideVariables, recommendation: SizingRecommendation): SizingCheck {
  const fileTier = effectiveTier(v);
  const tus = recommendation.throughputUnits;
  const rows = [tierCheck(v, fileTier, recommendation)];
  if (fileTier === 'Standard') {
    rows.push(
      numeric(
        'eventhub_throughput_allocated',
        v.eventhub_throughput_allocated,
        tus,
        `the guide's formula asks for ${tus} throughput units`,
      ),
    );
    if (recommendation.tier === 'Standard') {
      rows.push(
        numeric(
          'eventhub_throughput_inflate_cap',
          v.eventhub_throughput_inflate_cap,
          inflateCapFor(tus),
          `min(40, 2 * ${tus}) leaves room for spikes`,
        ),
      );
    }
  }
  if (fileTier === 'Premium') rows.push(processingUnitsCheck(v, tus));
  rows.push(
    numeric(
      'eventhub_partition_count',
      v.eventhub_partition_count,
      recommendation.partitions,
      `one per throughput unit, within the ${recommendation.tier} tier's range`,
    ),
    numeric('data_retention_length', v.data_retention_length, RECOMMENDED_RETENTION_DAYS, 'XDR needs 1 day; more is for your own use'),
  );
  return { tier: fileTier, variables: rows, underProvisioned: rows.some((r) => r.status === 'under-provisioned') };
}
