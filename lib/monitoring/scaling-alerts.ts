import { Construct } from 'constructs';
import { Op, Token } from 'cdktf';
import type { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { loadActionGroup, loadMetricAlert } from '../azure/load';
import { checkEmail, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { checkTags } from '../rules/tags';
import { EventHubNamespace, NamespaceCapacity } from '../eventhub/eventhub-namespace';
import { isKnown } from '../tokens';
import {
  ALERT_FREQUENCY_MINUTES,
  ALERT_WINDOW_MINUTES,
  ScalingThresholds,
  alertThroughputUnits,
  isoMinutes,
  scalingThresholds,
} from './thresholds';

/** Metric namespace of an Event Hubs namespace in Azure Monitor. */
export const EVENT_HUBS_METRIC_NAMESPACE = 'Microsoft.EventHub/namespaces';
/** Azure Monitor severities: 1 = error, 2 = warning. */
const SEVERITY_ERROR = 1;
const SEVERITY_WARNING = 2;
/** Azure limits an action group's short name (shown in SMS and e-mail subjects) to 12 characters. */
const ACTION_GROUP_SHORT_NAME = 'XDR-Scaling';

export interface ScalingAlertsProps {
  /** The namespace watched; the byte thresholds follow the throughput units it was created with. */
  readonly namespace: EventHubNamespace;
  /**
   * Who is told when the namespace nears or hits its limits, through an action group created here.
   * @default no action group of its own: `actionGroupIds` must then be given
   */
  readonly emailAddress?: string;
  /**
   * Existing action groups (resource IDs) the alerts also notify, such as the SOC's on-call group.
   * @default none
   */
  readonly actionGroupIds?: readonly string[];
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
  /** Present when `emailAddress` is given. */
  readonly actionGroup?: MonitorActionGroup;
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
    const [{ MonitorActionGroup }, { MonitorMetricAlert }] = [loadActionGroup(), loadMetricAlert()];
    this.thresholds = thresholdsOf(namespace.capacity);
    if (props.emailAddress !== undefined) {
      this.actionGroup = new MonitorActionGroup(this, 'action-group', {
        name: `${namespace.name}-scaling`,
        resourceGroupName: namespace.resourceGroupName,
        shortName: ACTION_GROUP_SHORT_NAME,
        emailReceiver: [{ name: 'xdr-admin', emailAddress: props.emailAddress, useCommonAlertSchema: true }],
        tags: props.tags,
      });
    }
    const actionGroupIds = [...(this.actionGroup === undefined ? [] : [this.actionGroup.id]), ...(props.actionGroupIds ?? [])];

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
        action: actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
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
      const units = isKnown(throughputUnits) ? String(throughputUnits) : Token.asString(throughputUnits);
      const raise = this.thresholds.fromInflateCap
        ? `auto-inflate is at its cap; raise the cap above ${units} throughput units`
        : `raise the throughput units above ${units}, or turn on auto-inflate`;
      this.incomingBytes = alert(
        'incoming-bytes',
        `Incoming Bytes reached ${units} TUs x 1 MB/s over ${ALERT_WINDOW_MINUTES} minutes: ${raise}`,
        SEVERITY_WARNING,
        bytes('IncomingBytes', incomingBytesPerWindow),
      );
      this.outgoingBytes = alert(
        'outgoing-bytes',
        `Outgoing Bytes reached ${units} TUs x 2 MB/s over ${ALERT_WINDOW_MINUTES} minutes: ${raise}`,
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

/**
 * The thresholds of a capacity. Throughput units known only at plan time (a Terraform variable) give
 * thresholds that Terraform computes, from the same per-unit bytes.
 */
function thresholdsOf(capacity: NamespaceCapacity): ScalingThresholds {
  const throughputUnits = alertThroughputUnits(capacity);
  if (capacity.tier !== 'Standard' || throughputUnits === undefined || (isKnown(throughputUnits) && isKnown(capacity.throughputUnits))) {
    return scalingThresholds(capacity);
  }
  const perUnit = scalingThresholds({ tier: 'Standard', throughputUnits: 1 });
  const times = (bytes: number | undefined) => Token.asNumber(Op.mul(throughputUnits, bytes ?? 0));
  return {
    throughputUnits,
    fromInflateCap: capacity.autoInflateMaximumThroughputUnits !== undefined,
    incomingBytesPerWindow: times(perUnit.incomingBytesPerWindow),
    outgoingBytesPerWindow: times(perUnit.outgoingBytesPerWindow),
  };
}

/** Every problem with scaling-alert props; empty when valid. */
export function validateScalingAlertsProps(props: ScalingAlertsProps): string[] {
  const { emailAddress, actionGroupIds } = props;
  const found = failures(isKnown(emailAddress) ? checkEmail('emailAddress', emailAddress) : undefined);
  if (emailAddress === undefined && (actionGroupIds === undefined || actionGroupIds.length === 0)) {
    found.push(problem('emailAddress', emailAddress, 'is required unless actionGroupIds lists an existing action group to notify'));
  }
  if (props.tags !== undefined) found.push(...checkTags('tags', props.tags));
  return found;
}
