/**
 * The Azure Monitor metrics of an Event Hubs namespace that the scaling alerts watch, as plain data:
 * a namespace's `metric*` helpers return them, and `ScalingAlerts` builds its criteria from them, so an
 * alert, a dashboard or your own `azurerm_monitor_metric_alert` use the same names and dimensions.
 */

/** Metric namespace of an Event Hubs namespace in Azure Monitor. */
export const EVENT_HUBS_METRIC_NAMESPACE = 'Microsoft.EventHub/namespaces';

type EventHubsMetricName = 'IncomingBytes' | 'OutgoingBytes' | 'ThrottledRequests';

/** One Event Hubs metric, as an Azure Monitor metric alert's criteria names it. */
export interface EventHubsMetric {
  /** Always `Microsoft.EventHub/namespaces`. */
  readonly metricNamespace: string;
  /** `IncomingBytes`, `OutgoingBytes` or `ThrottledRequests`. */
  readonly metricName: 'IncomingBytes' | 'OutgoingBytes' | 'ThrottledRequests';
  /** `Total`: summed over the alert window, so a rate becomes an amount per window. */
  readonly aggregation: 'Total';
  /**
   * Dimension filters in the shape of `azurerm_monitor_metric_alert`'s `criteria.dimension`: empty for
   * the whole namespace, `{ name: 'EntityName', operator: 'Include', values: [<hub>] }` for one hub.
   */
  readonly dimensions: readonly { readonly name: string; readonly operator: 'Include'; readonly values: readonly string[] }[];
}

/** Which part of the namespace a metric covers. */
export interface MetricOptions {
  /**
   * One event hub (the `EntityName` dimension), such as a `DefenderConsumer`'s `eventHub.name`.
   * @default the whole namespace
   */
  readonly eventHubName?: string;
}

/** A metric of the namespace, or of one hub in it. */
export function eventHubsMetric(metricName: EventHubsMetricName, options: MetricOptions = {}): EventHubsMetric {
  return {
    metricNamespace: EVENT_HUBS_METRIC_NAMESPACE,
    metricName,
    aggregation: 'Total',
    dimensions: options.eventHubName === undefined ? [] : [{ name: 'EntityName', operator: 'Include', values: [options.eventHubName] }],
  };
}
