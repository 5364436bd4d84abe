/**
 * The library's rules without its constructs: the `validate*` functions each construct runs, Azure's
 * limits and the defaults the props document, the roles of the typed grants, the alert thresholds, and
 * sizing from a measured event rate to construct props. The subpath `xdr-defender-eventhub/validation`.
 *
 * @packageDocumentation
 */

export { validateNamespaceProps, validateNamespaceAttributes } from './eventhub/eventhub-namespace';
export { validateConsumerProps } from './eventhub/defender-consumer';
export { validateApplicationProps, WINDOWS_DEFENDER_ATP_APP_ID, XDR_APPLICATION_ROLES } from './entra/xdr-application';
export { validateScalingAlertsProps } from './monitoring/scaling-alerts';
export {
  scalingThresholds,
  ALERT_WINDOW_MINUTES,
  ALERT_FREQUENCY_MINUTES,
  type ScalingThresholds,
  type ThresholdOptions,
} from './monitoring/thresholds';
export { EVENT_HUBS_METRIC_NAMESPACE } from './monitoring/metrics';
export { EVENT_HUBS_ROLES } from './azure/role-assignment';
export { PREVENT_DESTROY_CONTEXT } from './destroy-guards';

// Azure's limits and the defaults the props document.
export {
  TIER_LIMITS,
  STANDARD_MAX_THROUGHPUT_UNITS,
  STANDARD_MAX_INFLATE_CAP,
  PREMIUM_PROCESSING_UNITS,
  PREMIUM_PARTITIONS_PER_PROCESSING_UNIT,
  DEDICATED_CLUSTER_SKU,
  maxPartitionsFor,
  type EventHubTier,
  type TierLimits,
} from './rules/limits';
export { EVENT_HUB_NAME, CONSUMER_GROUP_NAME, LISTEN_POLICY_NAME, APPLICATION_DISPLAY_NAME } from './rules/naming';
export { DEFAULT_SECRET_LIFETIME_DAYS, DEFAULT_SECRET_ROTATION_DAYS, MAX_SECRET_LIFETIME_DAYS } from './rules/secret';
export { InvalidSettingsError } from './rules/errors';

// Sizing: from a measured event rate to construct props.
export {
  recommendSizing,
  validateSizingInput,
  EVENTS_PER_MINUTE_PER_THROUGHPUT_UNIT,
  THROUGHPUT_UNITS_PER_PROCESSING_UNIT,
  DEDICATED_ENDPOINT_THRESHOLD,
  RECOMMENDED_RETENTION_DAYS,
  type SizingInput,
  type SizingInputNames,
  type SizingBase,
  type SizingRecommendation,
  type StandardSizing,
  type PremiumSizing,
  type DedicatedSizing,
} from './sizing/recommend';
export { capacityFacts, throughputOf, PER_THROUGHPUT_UNIT, type CapacityFacts, type Throughput, type ScaleLevels } from './sizing/capacity';
export { sizedEventHubProps, type SizedEventHubProps, type SizedEventHubOptions } from './sizing/props';
