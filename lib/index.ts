/**
 * The construct library for streaming Microsoft Defender for Endpoint into Secureworks Taegis XDR
 * through Azure Event Hubs: `EventHubNamespace`, `DefenderConsumer`, `XdrApplication` and
 * `ScalingAlerts` with their props and option types. The `validate*` functions, Azure's limits, the
 * default names and sizing are the subpath `xdr-defender-eventhub/validation`; the guide app is
 * `xdr-defender-eventhub/guide`. Every export is listed by name, so none is public by accident.
 * Importing it has no side effects and loads only the provider modules the constructs use; optional
 * features load theirs on first use.
 *
 * @packageDocumentation
 */

// The constructs, their props and interfaces.
export {
  EventHubNamespace,
  EventHubNamespaceBase,
  type IEventHubNamespace,
  type EventHubNamespaceProps,
  type EventHubNamespaceAttributes,
  type NamespaceCapacity,
  type StandardCapacity,
  type PremiumCapacity,
  type DedicatedCapacity,
  type NamespaceLock,
  type ManagedIdentityOptions,
  type CustomerManagedKeyOptions,
} from './eventhub/eventhub-namespace';
export { DefenderConsumer, type DefenderConsumerProps } from './eventhub/defender-consumer';
export { XdrApplication, type XdrApplicationProps } from './entra/xdr-application';
export { ScalingAlerts, type ScalingAlertsProps } from './monitoring/scaling-alerts';
export type { ScalingThresholds } from './monitoring/thresholds';
export type { EventHubsMetric, MetricOptions } from './monitoring/metrics';

// Options of the features every namespace (and hub) has.
export { GrantableConstruct, type IGrantable, type EventHubsRole, type GrantOptions } from './azure/role-assignment';
export type { DiagnosticSettingsOptions } from './azure/diagnostic-settings';
export type { PrivateEndpointOptions } from './azure/private-endpoint';
export type { EventHubTier } from './rules/limits';

// What every construct shares: its refusals, and the stack-wide switch for destroy guards.
export { InvalidSettingsError } from './rules/errors';
export { setDestroyGuards } from './destroy-guards';
