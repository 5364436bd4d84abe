import { Construct } from 'constructs';
import { Fn, IResolvable, Op, TerraformIterator, TerraformProvider, Token } from 'cdktf';
import type { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type {
  MonitorMetricAlert,
  MonitorMetricAlertAction,
  MonitorMetricAlertCriteria,
} from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { loadActionGroup, loadMetricAlert } from '../azure/load';
import { checkEmail, checkOneOf, checkWholeNumber, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { checkResourceId } from '../rules/network';
import { checkTags } from '../rules/tags';
import { checkText } from '../rules/text';
import type { IEventHubNamespace, NamespaceCapacity } from '../eventhub/eventhub-namespace';
import { checkKnown, isKnown, knownEntries, knownItems, missingProps } from '../tokens';
import { EventHubsMetric } from './metrics';
import {
  ALERT_FREQUENCY_MINUTES,
  ALERT_WINDOW_MINUTES,
  ScalingThresholds,
  ThresholdOptions,
  alertThroughputUnits,
  isoMinutes,
  scalingThresholds,
} from './thresholds';

const SEVERITY_ERROR = 1;
const SEVERITY_WARNING = 2;
/** Azure limits an action group's short name (shown in SMS and e-mail subjects) to 12 characters. */
const ACTION_GROUP_SHORT_NAME = 'XDR-Scaling';
/** Window sizes azurerm accepts (`window_size`), in minutes: PT1M to P1D. */
const WINDOW_MINUTES = [1, 5, 15, 30, 60, 360, 720, 1440] as const;
/** Evaluation frequencies azurerm accepts (`frequency`), in minutes. */
const FREQUENCY_MINUTES = [1, 5, 15, 30, 60] as const;

/** Props of `ScalingAlerts`: the namespace, who is told, and the thresholds, severities and windows. */
export interface ScalingAlertsProps {
  /**
   * The namespace watched: one created here, or an existing one (`fromNamespaceAttributes`,
   * `fromNamespaceId`), which then needs `capacity` for the byte alerts.
   */
  readonly namespace: IEventHubNamespace;
  /**
   * The namespace's capacity, which the byte thresholds follow (on Standard, the auto-inflate cap when
   * one is set). Must be known at synth, like the namespace's own.
   * @default the namespace's own capacity; for an existing namespace without it, only the
   * throttled-requests alert (Premium and dedicated have no byte alerts either)
   */
  readonly capacity?: NamespaceCapacity;
  /**
   * Who is told when the namespace nears or hits its limits, through an action group created here.
   * @default no action group of its own: `actionGroupIds` must then be given
   */
  readonly emailAddress?: string;
  /**
   * Existing action groups (resource IDs) the alerts also notify, such as the SOC's on-call group; a
   * list that is a Terraform reference becomes a `dynamic "action"` block.
   * @default none
   */
  readonly actionGroupIds?: readonly string[];
  /** Azure tags on the action group and every metric alert (Azure's limits, as on the namespace). @default no tags */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Percent of the throughput limit at which the byte alerts fire: 80 tells you before the limit is
   * reached. 1-100; must be known at synth (the thresholds are computed here).
   * @default 100
   */
  readonly percentOfLimit?: number;
  /**
   * Throttled requests per window above which the throttling alert fires.
   * @default 0 (any throttled request)
   */
  readonly throttledRequestsThreshold?: number;
  /** Severity of the two byte alerts: 0 critical, 1 error, 2 warning, 3 informational, 4 verbose. @default 2 (warning) */
  readonly bytesSeverity?: 0 | 1 | 2 | 3 | 4;
  /** Severity of the throttled-requests alert (Azure Monitor's 0-4). @default 1 (error) */
  readonly throttledRequestsSeverity?: 0 | 1 | 2 | 3 | 4;
  /**
   * Minutes each alert sums its metric over: 1, 5, 15, 30, 60, 360, 720 or 1440. Must be known at synth
   * (the byte thresholds are per window).
   * @default 5
   */
  readonly windowMinutes?: number;
  /** Minutes between evaluations: 1, 5, 15, 30 or 60, at most the window. Must be known at synth. @default 1 */
  readonly frequencyMinutes?: number;
  /** The azurerm provider the alerts and the action group are created with. @default the namespace's provider */
  readonly provider?: TerraformProvider;
}

/**
 * What the guide asks an administrator to watch by hand, as Azure Monitor alerts e-mailed to one
 * address: Incoming Bytes at TUs × 1 MB/s and Outgoing Bytes at TUs × 2 MB/s on Standard (see
 * `scalingThresholds` for which TUs), and throttled requests on every tier. Names derive from the
 * namespace name, so a replacement namespace in the same resource group gets its own alerts. The
 * criteria come from the namespace's `metric*` helpers.
 */
export class ScalingAlerts extends Construct {
  /** Present when `emailAddress` is given. */
  readonly actionGroup?: MonitorActionGroup;
  /** The byte thresholds per window; empty off the Standard tier or without a capacity. */
  readonly thresholds: ScalingThresholds;
  /** Standard only. */
  readonly incomingBytes?: MonitorMetricAlert;
  /** Standard only. */
  readonly outgoingBytes?: MonitorMetricAlert;
  /** On every tier. */
  readonly throttledRequests: MonitorMetricAlert;

  constructor(scope: Construct, id: string, props: ScalingAlertsProps) {
    super(scope, id);
    assertNoProblems(validateScalingAlertsProps(props), `ScalingAlerts ${id}`);
    const { namespace } = props;
    const provider = props.provider ?? namespace.provider;
    const windowMinutes = props.windowMinutes ?? ALERT_WINDOW_MINUTES;
    const [{ MonitorActionGroup }, { MonitorMetricAlert }] = [loadActionGroup(), loadMetricAlert()];
    const capacity = props.capacity ?? namespace.capacity;
    this.thresholds = capacity === undefined ? {} : thresholdsOf(capacity, { windowMinutes, percentOfLimit: props.percentOfLimit });
    if (props.emailAddress !== undefined) {
      this.actionGroup = new MonitorActionGroup(this, 'action-group', {
        name: `${namespace.name}-scaling`,
        resourceGroupName: namespace.resourceGroupName,
        shortName: ACTION_GROUP_SHORT_NAME,
        emailReceiver: [{ name: 'xdr-admin', emailAddress: props.emailAddress, useCommonAlertSchema: true }],
        tags: props.tags,
        provider,
      });
    }
    const action = alertActions(this.actionGroup, props.actionGroupIds ?? []);

    const alert = (alertId: string, description: string, severity: number, metric: EventHubsMetric, operator: string, threshold: number) =>
      new MonitorMetricAlert(this, alertId, {
        name: `${namespace.name}-${alertId}`,
        resourceGroupName: namespace.resourceGroupName,
        scopes: [namespace.id],
        description,
        severity,
        frequency: isoMinutes(props.frequencyMinutes ?? ALERT_FREQUENCY_MINUTES),
        windowSize: isoMinutes(windowMinutes),
        criteria: [criteriaOf(metric, operator, threshold)],
        action,
        tags: props.tags,
        provider,
      });

    const { throughputUnits, incomingBytesPerWindow, outgoingBytesPerWindow } = this.thresholds;
    if (throughputUnits !== undefined && incomingBytesPerWindow !== undefined && outgoingBytesPerWindow !== undefined) {
      const units = isKnown(throughputUnits) ? String(throughputUnits) : Token.asString(throughputUnits);
      const raise = this.thresholds.fromInflateCap
        ? `auto-inflate is at its cap; raise the cap above ${units} throughput units`
        : `raise the throughput units above ${units}, or turn on auto-inflate`;
      const share = props.percentOfLimit === undefined || props.percentOfLimit === 100 ? '' : `${props.percentOfLimit}% of `;
      const bytesSeverity = props.bytesSeverity ?? SEVERITY_WARNING;
      this.incomingBytes = alert(
        'incoming-bytes',
        `Incoming Bytes reached ${share}${units} TUs x 1 MB/s over ${windowMinutes} minutes: ${raise}`,
        bytesSeverity,
        namespace.metricIncomingBytes(),
        'GreaterThanOrEqual',
        incomingBytesPerWindow,
      );
      this.outgoingBytes = alert(
        'outgoing-bytes',
        `Outgoing Bytes reached ${share}${units} TUs x 2 MB/s over ${windowMinutes} minutes: ${raise}`,
        bytesSeverity,
        namespace.metricOutgoingBytes(),
        'GreaterThanOrEqual',
        outgoingBytesPerWindow,
      );
    }
    this.throttledRequests = alert(
      'throttled-requests',
      'Event Hubs throttled requests: the namespace is over its capacity and Defender events are delayed',
      props.throttledRequestsSeverity ?? SEVERITY_ERROR,
      namespace.metricThrottledRequests(),
      'GreaterThan',
      props.throttledRequestsThreshold ?? 0,
    );
  }
}

/** An alert's criteria on one of the namespace's metrics. */
function criteriaOf(metric: EventHubsMetric, operator: string, threshold: number): MonitorMetricAlertCriteria {
  const { metricNamespace, metricName, aggregation, dimensions } = metric;
  const dimension = dimensions.map(({ name, values }) => ({ name, operator: 'Include', values: [...values] }));
  return { metricNamespace, metricName, aggregation, operator, threshold, dimension: dimension.length === 0 ? undefined : dimension };
}

/**
 * One `action` block per action group: the own group first, then the given IDs. A list of IDs that is a
 * Terraform reference (`variable.listValue`) becomes a `dynamic "action"` block over it (with the own
 * group prepended by `concat`), since `.map()` over it would throw in cdktf.
 */
function alertActions(own: MonitorActionGroup | undefined, actionGroupIds: readonly string[]): MonitorMetricAlertAction[] | IResolvable {
  const ownIds = own === undefined ? [] : [own.id];
  if (isKnown(actionGroupIds)) return [...ownIds, ...actionGroupIds].map((actionGroupId) => ({ actionGroupId }));
  const ids = TerraformIterator.fromList(ownIds.length === 0 ? (actionGroupIds as string[]) : Fn.concat([ownIds, actionGroupIds]));
  return ids.dynamic({ action_group_id: ids.value });
}

/**
 * The thresholds of a capacity. Throughput units known only at plan time (a Terraform variable) give
 * thresholds that Terraform computes, from the same per-unit bytes.
 */
function thresholdsOf(capacity: NamespaceCapacity, options: ThresholdOptions): ScalingThresholds {
  const throughputUnits = alertThroughputUnits(capacity);
  if (capacity.tier !== 'Standard' || throughputUnits === undefined || (isKnown(throughputUnits) && isKnown(capacity.throughputUnits))) {
    return scalingThresholds(capacity, options);
  }
  const perUnit = scalingThresholds({ tier: 'Standard', throughputUnits: 1 }, { ...options, percentOfLimit: 100 });
  const share = (options.percentOfLimit ?? 100) / 100;
  const times = (bytes: number | undefined) => Token.asNumber(Op.mul(throughputUnits, (bytes ?? 0) * share));
  return {
    throughputUnits,
    fromInflateCap: capacity.autoInflateMaximumThroughputUnits !== undefined,
    incomingBytesPerWindow: times(perUnit.incomingBytesPerWindow),
    outgoingBytesPerWindow: times(perUnit.outgoingBytesPerWindow),
  };
}

/** The longest e-mail address (RFC 5321's limit on a forward path). */
const MAX_EMAIL_CHARS = 254;

/** The props without which no alerts can be created. */
const REQUIRED_ALERT_PROPS = { namespace: 'the namespace watched, an EventHubNamespace or an existing one' };

/** Every problem with scaling-alert props; empty when valid. */
export function validateScalingAlertsProps(props: ScalingAlertsProps): string[] {
  const missing = missingProps(props, REQUIRED_ALERT_PROPS);
  if (missing.length > 0) return missing;
  const { emailAddress, actionGroupIds } = props;
  const unknown = failures(
    checkKnown('capacity', props.capacity, 'an object literal such as { tier: "Standard", throughputUnits: 1 }'),
    checkKnown('capacity.tier', props.capacity?.tier, 'one of "Standard", "Premium", "Dedicated"'),
    checkKnown('percentOfLimit', props.percentOfLimit, 'a whole number from 1 to 100'),
    checkKnown('windowMinutes', props.windowMinutes, `one of ${WINDOW_MINUTES.join(', ')}`),
    checkKnown('frequencyMinutes', props.frequencyMinutes, `one of ${FREQUENCY_MINUTES.join(', ')}`),
  );
  if (unknown.length > 0) return unknown;
  const found = failures(
    isKnown(emailAddress)
      ? (checkText('emailAddress', emailAddress, MAX_EMAIL_CHARS) ?? checkEmail('emailAddress', emailAddress))
      : undefined,
    ...knownItems(actionGroupIds).map((groupId) => checkResourceId('actionGroupIds', groupId, 'Microsoft.Insights/actionGroups')),
    props.percentOfLimit === undefined ? undefined : checkWholeNumber('percentOfLimit', props.percentOfLimit, 1, 100),
    props.windowMinutes === undefined ? undefined : checkOneOf('windowMinutes', props.windowMinutes, WINDOW_MINUTES as readonly number[]),
    props.frequencyMinutes === undefined
      ? undefined
      : checkOneOf('frequencyMinutes', props.frequencyMinutes, FREQUENCY_MINUTES as readonly number[]),
    isKnown(props.throttledRequestsThreshold)
      ? checkWholeNumber('throttledRequestsThreshold', props.throttledRequestsThreshold, 0, Number.MAX_SAFE_INTEGER)
      : undefined,
    ...(['bytesSeverity', 'throttledRequestsSeverity'] as const).map((setting) => {
      const severity = props[setting];
      return isKnown(severity)
        ? checkWholeNumber(setting, severity, 0, 4, ' (Azure Monitor severities: 0 critical to 4 verbose)')
        : undefined;
    }),
  );
  const frequency = props.frequencyMinutes ?? ALERT_FREQUENCY_MINUTES;
  const window = props.windowMinutes ?? ALERT_WINDOW_MINUTES;
  if (found.length === 0 && frequency > window) {
    found.push(
      problem(
        'frequencyMinutes',
        frequency,
        `must be at most windowMinutes (${window}): Azure refuses an evaluation less often than the window`,
      ),
    );
  }
  if (emailAddress === undefined && (actionGroupIds === undefined || (isKnown(actionGroupIds) && actionGroupIds.length === 0))) {
    found.push(problem('emailAddress', emailAddress, 'is required unless actionGroupIds lists an existing action group to notify'));
  }
  if (props.tags !== undefined) found.push(...checkTags('tags', knownEntries(props.tags)));
  return found;
}
