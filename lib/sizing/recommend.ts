/**
 * The guide's sizing calculator (help/guide-facts.md#the-sizing-formula): from the events per minute its Advanced Hunting query
 * reports, and optionally the endpoint count, to a tier, capacity and partition count, with the
 * reasoning spelled out so a customer can check it against the guide.
 */
import { problem } from '../rules/checks';
import { InvalidSettingsError } from '../rules/errors';
import {
  EventHubTier,
  GUIDE_MAX_THROUGHPUT_UNITS,
  PREMIUM_PROCESSING_UNITS,
  STANDARD_MAX_INFLATE_CAP,
  TIER_LIMITS,
  maxPartitionsFor,
} from '../rules/limits';

/** A measured event rate, and optionally the number of endpoints. */
export interface SizingInput {
  /** The 99.9th percentile of events per minute from the guide's Advanced Hunting query; finite, 0 or more. */
  readonly eventsPerMinute: number;
  /**
   * Endpoints onboarded to Defender; a whole number, 0 or more. Only consulted above 32 throughput
   * units, where more than 50,000 endpoints selects a dedicated cluster instead of Premium.
   * @default not known: the 50,000-endpoint rule is not applied (and a reason says so)
   */
  readonly endpoints?: number;
}

/** What every sizing recommendation holds. */
export interface SizingBase {
  /** The measured events per minute the recommendation is for. */
  readonly eventsPerMinute: number;
  /** The endpoints given, if any. */
  readonly endpoints?: number;
  /** Throughput units the guide's formula asks for, rounded up. */
  readonly throughputUnits: number;
  /** `eventhub_partition_count`: the throughput units, clamped to the tier's range. */
  readonly partitions: number;
  /** `data_retention_length` in days. */
  readonly retentionDays: number;
  /** Why each value was chosen, one sentence each, in the order of the guide's steps. */
  readonly reasons: readonly string[];
}

/** A Standard namespace. */
export interface StandardSizing extends SizingBase {
  /** The Standard tier. */
  readonly tier: 'Standard';
  /** `eventhub_throughput_inflate_cap`; `throughputUnits` is `eventhub_throughput_allocated`. */
  readonly inflateCap: number;
}

/** A Premium namespace. */
export interface PremiumSizing extends SizingBase {
  /** The Premium tier. */
  readonly tier: 'Premium';
  /** `eventhub_processing_units`. */
  readonly processingUnits: number;
}

/** A namespace on a dedicated cluster. */
export interface DedicatedSizing extends SizingBase {
  /** A dedicated cluster. */
  readonly tier: 'Dedicated';
}

/** A recommendation for one of the tiers. */
export type SizingRecommendation = StandardSizing | PremiumSizing | DedicatedSizing;

/**
 * The guide's `events / 60 * 3 / 1024` is `events / 20480`. One division keeps the result exact where
 * it crosses an integer, and `ceil(x) + 1` (equal to `ceil(x + 1)`) keeps a tiny rate from being
 * absorbed by the `+ 1` in floating point.
 */
export const EVENTS_PER_MINUTE_PER_THROUGHPUT_UNIT = (60 * 1024) / 3;
/** The guide: "1 PU is approximately equivalent to 5-10 TUs"; sizing takes the conservative end. */
export const THROUGHPUT_UNITS_PER_PROCESSING_UNIT = 5;
/** The guide: Premium "if you have less than 50,000 endpoints", dedicated if the deployment "exceeds 50,000". */
export const DEDICATED_ENDPOINT_THRESHOLD = 50_000;
/** The guide: "XDR only requires 1 day". */
export const RECOMMENDED_RETENTION_DAYS = 1;

export const EVENTS_PER_MINUTE_RULE =
  "must be a finite number, 0 or more (the events per minute the guide's Advanced Hunting query reports)";
export const ENDPOINTS_RULE = 'must be a whole number of endpoints, 0 or more';

/** Names of the two inputs as the caller knows them: the API's property names or the CLI's flags. */
export interface SizingInputNames {
  /** Name of the event rate input. */
  readonly eventsPerMinute: string;
  /** Name of the endpoints input. */
  readonly endpoints: string;
}

const API_NAMES: SizingInputNames = { eventsPerMinute: 'eventsPerMinute', endpoints: 'endpoints' };

/** Every problem with a sizing input, all at once; empty when valid. Values of any type are checked. */
export function validateSizingInput(
  input: { readonly eventsPerMinute: unknown; readonly endpoints?: unknown },
  names = API_NAMES,
): string[] {
  const found: string[] = [];
  const rate = input.eventsPerMinute;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    found.push(problem(names.eventsPerMinute, rate, EVENTS_PER_MINUTE_RULE));
  }
  const endpoints = input.endpoints;
  if (endpoints !== undefined && (typeof endpoints !== 'number' || !Number.isSafeInteger(endpoints) || endpoints < 0)) {
    found.push(problem(names.endpoints, endpoints, ENDPOINTS_RULE));
  }
  return found;
}

/** The guide's formula, rounded up: never down, as under-provisioning loses events. */
export function throughputUnitsFor(eventsPerMinute: number): number {
  // A rate so small that the division underflows to 0 is still above 0, and ceil of that is 1.
  const ceiling = Math.max(Math.ceil(eventsPerMinute / EVENTS_PER_MINUTE_PER_THROUGHPUT_UNIT), eventsPerMinute > 0 ? 1 : 0);
  return ceiling + 1;
}

/**
 * The auto-inflate ceiling for an allocation: double, within Azure's 40. For the guide's 1-32 units
 * this is always at least one more than allocated, so auto-inflate is always on.
 */
export function inflateCapFor(throughputUnits: number): number {
  return Math.min(STANDARD_MAX_INFLATE_CAP, 2 * throughputUnits);
}

/** The smallest Premium size carrying the units at 5 per PU; `undefined` when even 16 PUs fall short. */
export function processingUnitsFor(throughputUnits: number): number | undefined {
  return PREMIUM_PROCESSING_UNITS.find((pus) => THROUGHPUT_UNITS_PER_PROCESSING_UNIT * pus >= throughputUnits);
}

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, noun: string): string => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

function formulaReason(eventsPerMinute: number, throughputUnits: number): string {
  const exact = eventsPerMinute / EVENTS_PER_MINUTE_PER_THROUGHPUT_UNIT + 1;
  // Truncated, not rounded, so a value just below an integer never reads as that integer.
  const truncated = Math.floor(exact * 1000) / 1000;
  const value = `${truncated < exact && Number.isInteger(truncated) ? 'just over ' : ''}${truncated.toLocaleString('en-US', { maximumFractionDigits: 3 })}`;
  const rounding =
    exact === throughputUnits ? '' : `, rounded up to ${count(throughputUnits)} (never down: under-provisioning loses events)`;
  return `The guide's formula (${count(eventsPerMinute)} / 60 * 3 / 1024) + 1 = ${value}${rounding}: ${plural(throughputUnits, 'throughput unit')}.`;
}

function partitionsReason(tier: EventHubTier, throughputUnits: number, partitions: number): string {
  const base =
    partitions === throughputUnits
      ? `${plural(partitions, 'partition')}, one per throughput unit as the guide's formula says`
      : `${partitions} partitions, the most an event hub on the ${tier} tier allows (the formula asks for ${count(throughputUnits)})`;
  const later = tier === 'Standard' ? '; on Standard the count cannot be raised later, so size for the endpoints you expect' : '';
  return `${base}${later}.`;
}

/**
 * Sizes the namespace and event hub for a measured rate (help/guide-facts.md#the-sizing-formula). Throws InvalidSettingsError,
 * naming each bad input, when the rate is not a finite number of 0 or more or the endpoint count
 * is not a whole number of 0 or more.
 */
export function recommendSizing(input: SizingInput): SizingRecommendation {
  const problems = validateSizingInput(input);
  if (problems.length > 0) throw new InvalidSettingsError(problems, 'sizing');
  const { eventsPerMinute, endpoints } = input;
  const throughputUnits = throughputUnitsFor(eventsPerMinute);
  const reasons = [formulaReason(eventsPerMinute, throughputUnits)];
  const retention = `Retention ${RECOMMENDED_RETENTION_DAYS} day: XDR only requires 1 day (more is for your own use).`;
  const base = {
    eventsPerMinute,
    ...(endpoints === undefined ? {} : { endpoints }),
    throughputUnits,
    retentionDays: RECOMMENDED_RETENTION_DAYS,
  };

  if (throughputUnits <= GUIDE_MAX_THROUGHPUT_UNITS) {
    const inflateCap = inflateCapFor(throughputUnits);
    reasons.push(
      `${plural(throughputUnits, 'throughput unit')} is within 1-${GUIDE_MAX_THROUGHPUT_UNITS}: the Standard tier.`,
      `Auto-inflate cap ${inflateCap} = min(${STANDARD_MAX_INFLATE_CAP}, 2 * ${throughputUnits}): room for spikes, as the guide advises ("if you have 2, set this to 4").`,
    );
    if (endpoints !== undefined && endpoints > DEDICATED_ENDPOINT_THRESHOLD) {
      reasons.push(
        `${count(endpoints)} endpoints exceed ${count(DEDICATED_ENDPOINT_THRESHOLD)}, but the rate needs no more than ${GUIDE_MAX_THROUGHPUT_UNITS} throughput units, so Standard carries it; re-measure as endpoints are added.`,
      );
    }
    reasons.push(partitionsReason('Standard', throughputUnits, throughputUnits), retention);
    return { ...base, tier: 'Standard', inflateCap, partitions: throughputUnits, reasons };
  }

  const processingUnits = processingUnitsFor(throughputUnits);
  const manyEndpoints = endpoints !== undefined && endpoints > DEDICATED_ENDPOINT_THRESHOLD;
  if (processingUnits !== undefined && !manyEndpoints) {
    const endpointReason =
      endpoints === undefined
        ? `no endpoint count was given, so the guide's rule sending more than ${count(DEDICATED_ENDPOINT_THRESHOLD)} endpoints to a dedicated cluster was not applied`
        : `${count(endpoints)} endpoints is not more than ${count(DEDICATED_ENDPOINT_THRESHOLD)}`;
    const partitions = Math.min(throughputUnits, maxPartitionsFor('Premium', processingUnits));
    reasons.push(
      `${throughputUnits} throughput units exceed Standard's ${GUIDE_MAX_THROUGHPUT_UNITS} and ${endpointReason}: the Premium tier.`,
      `${processingUnits} processing units: the smallest of ${PREMIUM_PROCESSING_UNITS.join(', ')} with ${THROUGHPUT_UNITS_PER_PROCESSING_UNIT} * PUs >= ${throughputUnits} (the guide: 1 PU is about 5-10 TUs; 5 is the safe end).`,
      partitionsReason('Premium', throughputUnits, partitions),
      retention,
    );
    return { ...base, tier: 'Premium', processingUnits, partitions, reasons };
  }

  const largestPremium = PREMIUM_PROCESSING_UNITS[PREMIUM_PROCESSING_UNITS.length - 1];
  reasons.push(
    manyEndpoints
      ? `${count(endpoints)} endpoints exceed ${count(DEDICATED_ENDPOINT_THRESHOLD)} and ${count(throughputUnits)} throughput units exceed Standard's ${GUIDE_MAX_THROUGHPUT_UNITS}: a dedicated cluster (the guide: "very large deployments may require a dedicated cluster (50k+ endpoints)").`
      : `${count(throughputUnits)} throughput units exceed the ${THROUGHPUT_UNITS_PER_PROCESSING_UNIT * largestPremium} that ${largestPremium} processing units, Premium's largest size, carry at ${THROUGHPUT_UNITS_PER_PROCESSING_UNIT} each: a dedicated cluster.`,
  );
  reasons.push(
    'The cluster is Dedicated_1, one capacity unit (more by support request), billed for at least 4 hours; the namespace on it is Standard without auto-inflate.',
  );
  const partitions = Math.min(throughputUnits, TIER_LIMITS.Dedicated.maxPartitions);
  reasons.push(partitionsReason('Dedicated', throughputUnits, partitions), retention);
  return { ...base, tier: 'Dedicated', partitions, reasons };
}
