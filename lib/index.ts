/**
 * The construct library for streaming Microsoft Defender for Endpoint into Secureworks Taegis XDR
 * through Azure Event Hubs: `EventHubNamespace`, `DefenderConsumer`, `XdrApplication` and
 * `ScalingAlerts` with their props, the `validate*` functions, Azure's limits and the sizing model.
 * Every export of the package root is listed by name, so none is public by accident. Importing it has
 * no side effects and loads only the provider modules the constructs use; optional features load
 * theirs on first use. The guide app is the subpath `xdr-defender-eventhub/guide`.
 *
 * @packageDocumentation
 */

// The constructs, their props and interfaces, and the validation each runs.
export {
  EventHubNamespace,
  EventHubNamespaceBase,
  validateNamespaceProps,
  validateNamespaceAttributes,
  type IEventHubNamespace,
  type EventHubNamespaceProps,
  type EventHubNamespaceAttributes,
  type NamespaceCapacity,
  type StandardCapacity,
  type PremiumCapacity,
  type DedicatedCapacity,
  type NewClusterCapacity,
  type ExistingClusterCapacity,
  type NamespaceLock,
} from './eventhub/eventhub-namespace';
export { DefenderConsumer, validateConsumerProps, type DefenderConsumerProps } from './eventhub/defender-consumer';
export {
  XdrApplication,
  validateApplicationProps,
  WINDOWS_DEFENDER_ATP_APP_ID,
  XDR_APPLICATION_ROLES,
  type XdrApplicationProps,
} from './entra/xdr-application';
export { ScalingAlerts, validateScalingAlertsProps, type ScalingAlertsProps } from './monitoring/scaling-alerts';
export { EVENT_HUBS_METRIC_NAMESPACE } from './monitoring/metrics';
export { scalingThresholds, ALERT_WINDOW_MINUTES, ALERT_FREQUENCY_MINUTES, type ScalingThresholds } from './monitoring/thresholds';

// Options of the features every namespace (and hub) has.
export type { EventHubsRole, GrantOptions } from './azure/role-assignment';
export type { DiagnosticSettingsOptions } from './azure/diagnostic-settings';
export type { PrivateEndpointOptions } from './azure/private-endpoint';

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
