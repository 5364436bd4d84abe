import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { loadDiagnosticSetting } from './load';

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
}

/**
 * Every log (the `allLogs` category group, so categories Azure adds later are included) and every
 * metric (`AllMetrics`) of one resource to the given destinations. Uses `enabled_metric`, since azurerm
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
    enabledLog: [{ categoryGroup: 'allLogs' }],
    enabledMetric: [{ category: 'AllMetrics' }],
    provider: options.provider,
  });
}
