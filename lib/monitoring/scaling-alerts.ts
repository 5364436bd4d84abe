import { Construct } from 'constructs';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { checkEmail, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { checkTags } from '../rules/tags';
import { EventHubNamespace, NamespaceCapacity } from '../eventhub/eventhub-namespace';
import { ALERT_FREQUENCY_MINUTES, ALERT_WINDOW_MINUTES, ScalingThresholds, isoMinutes, scalingThresholds } from './thresholds';

/** Metric namespace of an Event Hubs namespace in Azure Monitor. */
export const EVENT_HUBS_METRIC_NAMESPACE = 'Microsoft.EventHub/namespaces';
/** Azure Monitor severities: 1 = error, 2 = warning. */
const SEVERITY_ERROR = 1;
const SEVERITY_WARNING = 2;
/** Azure limits an action group's short name (shown in SMS and e-mail subjects) to 12 characters. */
const ACTION_GROUP_SHORT_NAME = 'XDR-Scaling';

export interface ScalingAlertsProps {
  readonly namespace: EventHubNamespace;
  /** The capacity the namespace was created with; the byte thresholds follow its throughput units. */
  readonly capacity: NamespaceCapacity;
  /** Who is told when the namespace nears or hits its limits. */
  readonly emailAddress: string;
  /** Azure tags on the action group and every metric alert (Azure's limits, as on the namespace). @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * What the guide asks an administrator to watch by hand, as Azure Monitor alerts e-mailed to one
 * address: Incoming Bytes at TUs × 1 MB/s and Outgoing Bytes at TUs × 2 MB/s on Standard (see
 * `scalingThresholds` for which TUs), and throttled requests on every tier. Names derive from the
 * namespace name, so a replacement namespace in the same resource group gets its own alerts.
 */
export class ScalingAlerts extends Construct {
  readonly actionGroup: MonitorActionGroup;
  readonly thresholds: ScalingThresholds;
  /** Standard only. */
  readonly incomingBytes?: MonitorMetricAlert;
  /** Standard only. */
  readonly outgoingBytes?: MonitorMetricAlert;
  readonly throttledRequests: MonitorMetricAlert;

  constructor(scope: Construct, id: string, props: ScalingAlertsProps) {
    super(scope, id);
    assertNoProblems(validateScalingAlertsProps(props), `ScalingAlerts ${id}`);
    const { namespace } = props;
    this.thresholds = scalingThresholds(props.capacity);
    this.actionGroup = new MonitorActionGroup(this, 'action-group', {
      name: `${namespace.name}-scaling`,
      resourceGroupName: namespace.resourceGroupName,
      shortName: ACTION_GROUP_SHORT_NAME,
      emailReceiver: [{ name: 'xdr-admin', emailAddress: props.emailAddress, useCommonAlertSchema: true }],
      tags: props.tags,
    });

    const alert = (alertId: string, description: string, severity: number, criteria: MonitorMetricAlertCriteria): MonitorMetricAlert =>
      new MonitorMetricAlert(this, alertId, {
        name: `${namespace.name}-${alertId}`,
        resourceGroupName: namespace.resourceGroupName,
        scopes: [namespace.id],
        description,
        severity,
        frequency: isoMinutes(ALERT_FREQUENCY_MINUTES),
        windowSize: isoMinutes(ALERT_WINDOW_MINUTES),
        criteria: [criteria],
        action: [{ actionGroupId: this.actionGroup.id }],
        tags: props.tags,
      });
    const bytes = (metricName: string, threshold: number) => ({
      metricNamespace: EVENT_HUBS_METRIC_NAMESPACE,
      metricName,
      aggregation: 'Total',
      operator: 'GreaterThanOrEqual',
      threshold,
    });

    const { throughputUnits, incomingBytesPerWindow, outgoingBytesPerWindow } = this.thresholds;
    if (incomingBytesPerWindow !== undefined && outgoingBytesPerWindow !== undefined) {
      const raise = this.thresholds.fromInflateCap
        ? `auto-inflate is at its cap; raise the cap above ${throughputUnits} throughput units`
        : `raise the throughput units above ${throughputUnits}, or turn on auto-inflate`;
      this.incomingBytes = alert(
        'incoming-bytes',
        `Incoming Bytes reached ${throughputUnits} TUs x 1 MB/s over ${ALERT_WINDOW_MINUTES} minutes: ${raise}`,
        SEVERITY_WARNING,
        bytes('IncomingBytes', incomingBytesPerWindow),
      );
      this.outgoingBytes = alert(
        'outgoing-bytes',
        `Outgoing Bytes reached ${throughputUnits} TUs x 2 MB/s over ${ALERT_WINDOW_MINUTES} minutes: ${raise}`,
        SEVERITY_WARNING,
        bytes('OutgoingBytes', outgoingBytesPerWindow),
      );
    }
    this.throttledRequests = alert(
      'throttled-requests',
      'Event Hubs throttled requests: the namespace is over its capacity and Defender events are delayed',
      SEVERITY_ERROR,
      {
        metricNamespace: EVENT_HUBS_METRIC_NAMESPACE,
        metricName: 'ThrottledRequests',
        aggregation: 'Total',
        operator: 'GreaterThan',
        threshold: 0,
      },
    );
  }
}

/** Every problem with scaling-alert props; empty when valid. */
export function validateScalingAlertsProps(props: ScalingAlertsProps): string[] {
  const found = failures(checkEmail('emailAddress', props.emailAddress));
  if (props.tags !== undefined) found.push(...checkTags('tags', props.tags));
  if (props.capacity.tier !== props.namespace.tier) {
    found.push(problem('capacity.tier', props.capacity.tier, `must be the namespace's tier ("${props.namespace.tier}")`));
  }
  return found;
}
