import { Construct } from 'constructs';
import { IResolvable, TerraformIterator, TerraformProvider } from 'cdktf';
import type { MonitorDiagnosticSetting, MonitorDiagnosticSettingEnabledLog } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { failures, problem } from '../rules/checks';
import { checkEventHubName } from '../rules/naming';
import { checkText } from '../rules/text';
import { checkKnown, isKnown, isReference, knownItems } from '../tokens';
import { assertNoProblems } from '../rules/errors';
import { loadDiagnosticSetting } from './load';

/** Where a diagnostic setting sends the logs and metrics, and which of them. */
export interface DiagnosticSettingsOptions {
  /**
   * Name of the diagnostic setting, unique on the resource.
   * @default the construct ID given to `addDiagnosticSettings`
   */
  readonly name?: string;
  /** Log Analytics workspace that receives the logs and metrics. */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * `Dedicated` writes resource-specific tables; `AzureDiagnostics` the shared legacy table.
   * @default Azure's choice for the resource type
   */
  readonly logAnalyticsDestinationType?: 'Dedicated' | 'AzureDiagnostics';
  /** Storage account that archives them. */
  readonly storageAccountId?: string;
  /** Authorization rule (with send rights) of an Event Hubs namespace that streams them on. */
  readonly eventHubAuthorizationRuleId?: string;
  /**
   * Event hub in that namespace.
   * @default one hub per category, created by Azure
   */
  readonly eventHubName?: string;
  /** Azure Monitor partner solution that receives them. */
  readonly partnerSolutionId?: string;
  /** The azurerm provider the setting is created with. @default the namespace's provider */
  readonly provider?: TerraformProvider;
  /**
   * Log categories to send, such as `OperationalLogs` and `RuntimeAuditLogs`, instead of every log. A
   * list that is a Terraform reference becomes a `dynamic "enabled_log"` block (then leave out
   * `logCategoryGroups`).
   * @default none; every log through `logCategoryGroups`
   */
  readonly logCategories?: readonly string[];
  /**
   * Log category groups to send (`allLogs`, `audit`); `[]` with no `logCategories` sends no log. Must be
   * known at synth.
   * @default ["allLogs"] without `logCategories`, so categories Azure adds later are included; none with them
   */
  readonly logCategoryGroups?: readonly string[];
  /** Whether every metric (`AllMetrics`) is sent. @default true */
  readonly metrics?: boolean;
}

/**
 * Every log (the `allLogs` category group, so categories Azure adds later are included), or the
 * categories chosen, and every metric (`AllMetrics`) of one resource to the given destinations. Uses `enabled_metric`, since azurerm
 * 4.x deprecates the `metric` block (internal/services/monitor/monitor_diagnostic_setting_resource.go).
 */
export function addDiagnosticSettings(
  scope: Construct,
  id: string,
  targetResourceId: string,
  options: DiagnosticSettingsOptions,
  source: string,
): MonitorDiagnosticSetting {
  const { logAnalyticsWorkspaceId, storageAccountId, eventHubAuthorizationRuleId, partnerSolutionId } = options;
  if ([logAnalyticsWorkspaceId, storageAccountId, eventHubAuthorizationRuleId, partnerSolutionId].every((d) => d === undefined)) {
    assertNoProblems(
      [
        problem(
          'addDiagnosticSettings',
          id,
          'needs a destination: logAnalyticsWorkspaceId, storageAccountId, eventHubAuthorizationRuleId or partnerSolutionId',
        ),
      ],
      source,
    );
  }
  if (options.eventHubName !== undefined && eventHubAuthorizationRuleId === undefined) {
    assertNoProblems(
      [problem('eventHubName', options.eventHubName, 'needs eventHubAuthorizationRuleId, the namespace the hub is in')],
      source,
    );
  }
  const categories = options.logCategories;
  const groups = options.logCategoryGroups ?? (categories === undefined ? ['allLogs'] : []);
  assertNoProblems(
    failures(
      checkKnown('logCategoryGroups', options.logCategoryGroups, 'a list of category groups such as ["allLogs"]'),
      ...(['name', 'logAnalyticsWorkspaceId', 'storageAccountId', 'eventHubAuthorizationRuleId', 'partnerSolutionId'] as const).map(
        (setting) => {
          const text = options[setting];
          if (!isKnown(text)) return undefined;
          return text === ''
            ? problem(setting, text, 'must not be empty; leave it out instead')
            : checkText(setting, text, Number.POSITIVE_INFINITY);
        },
      ),
      isKnown(options.eventHubName) ? checkEventHubName('eventHubName', options.eventHubName) : undefined,
      ...(['logCategories', 'logCategoryGroups'] as const).flatMap((setting) =>
        knownItems(options[setting]).map((entry) =>
          entry === '' ? problem(setting, entry, 'must not hold an empty name') : checkText(setting, entry, Number.POSITIVE_INFINITY),
        ),
      ),
      checkKnown('metrics', options.metrics, 'true or false'),
      isReference(categories) && options.logCategoryGroups !== undefined
        ? problem(
            'logCategoryGroups',
            groups,
            'cannot be combined with logCategories given as a Terraform reference; leave one of them out',
          )
        : undefined,
      // logCategories left out is no categories: with no groups and no metrics azurerm refuses only at plan
      (categories === undefined || (isKnown(categories) && categories.length === 0)) && groups.length === 0 && options.metrics === false
        ? problem('addDiagnosticSettings', id, 'sends nothing: give logCategories, logCategoryGroups or metrics: true')
        : undefined,
    ),
    source,
  );
  const { MonitorDiagnosticSetting } = loadDiagnosticSetting();
  return new MonitorDiagnosticSetting(scope, id, {
    name: options.name ?? id,
    targetResourceId,
    logAnalyticsWorkspaceId,
    logAnalyticsDestinationType: options.logAnalyticsDestinationType,
    storageAccountId,
    eventhubAuthorizationRuleId: eventHubAuthorizationRuleId,
    eventhubName: options.eventHubName,
    partnerSolutionId,
    enabledLog: enabledLogs(categories, groups),
    enabledMetric: options.metrics === false ? undefined : [{ category: 'AllMetrics' }],
    provider: options.provider,
  });
}

/** One `enabled_log` block per category and group; a dynamic block over categories that are a reference. */
function enabledLogs(
  categories: readonly string[] | undefined,
  groups: readonly string[],
): MonitorDiagnosticSettingEnabledLog[] | IResolvable {
  if (isReference(categories)) {
    const each = TerraformIterator.fromList(categories as string[]);
    return each.dynamic({ category: each.value });
  }
  return [...(categories ?? []).map((category) => ({ category })), ...groups.map((categoryGroup) => ({ categoryGroup }))];
}
