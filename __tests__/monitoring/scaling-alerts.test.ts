import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings } from '../../lib/guide/config/settings';
import { EventHubNamespace } from '../../lib/eventhub/eventhub-namespace';
import { ScalingAlerts } from '../../lib/monitoring/scaling-alerts';
import { InvalidSettingsError } from '../../lib/rules/errors';
import { DEDICATED, PREMIUM, REPLACEMENT, onlyResource, synthDefender } from '../helpers';

const WITH_ALERTS: DeploymentSettings = { ...DEFAULT_SETTINGS, alertEmail: 'soc@example.com' };
const MIB = 1_048_576;

/** The metric alerts of a synthesized stack, by metric name. */
function alertsByMetric(out: any): Record<string, any> {
  const alerts = Object.values(out.resource.azurerm_monitor_metric_alert ?? {}) as any[];
  return Object.fromEntries(alerts.map((alert) => [alert.criteria[0].metric_name, alert]));
}

const namespaceAddress = (out: any): string => `azurerm_eventhub_namespace.${Object.keys(out.resource.azurerm_eventhub_namespace)[0]}`;

describe('scaling alerts in the defender-integration stack', () => {
  test('off by default: no action group and no alert', () => {
    const out = synthDefender();
    expect(out.resource.azurerm_monitor_action_group).toBeUndefined();
    expect(out.resource.azurerm_monitor_metric_alert).toBeUndefined();
  });

  test('an e-mail address turns on an action group that mails it', () => {
    const out = synthDefender({}, WITH_ALERTS);
    const group = onlyResource(out, 'azurerm_monitor_action_group');
    expect(group.email_receiver).toEqual([{ name: 'xdr-admin', email_address: 'soc@example.com', use_common_alert_schema: true }]);
    expect(group.short_name.length).toBeLessThanOrEqual(12);
    expect(group.resource_group_name).toMatch(/^\$\{azurerm_resource_group\..+\.name\}$/);
  });

  test('Standard with auto-inflate (guide defaults 2 -> 4 TUs): bytes at the cap, throttling above zero', () => {
    const out = synthDefender({}, WITH_ALERTS);
    const alerts = alertsByMetric(out);
    expect(Object.keys(alerts).sort()).toEqual(['IncomingBytes', 'OutgoingBytes', 'ThrottledRequests']);
    expect(alerts.IncomingBytes.criteria).toEqual([
      {
        metric_namespace: 'Microsoft.EventHub/namespaces',
        metric_name: 'IncomingBytes',
        aggregation: 'Total',
        operator: 'GreaterThanOrEqual',
        threshold: 4 * MIB * 300,
      },
    ]);
    expect(alerts.OutgoingBytes.criteria[0]).toMatchObject({
      aggregation: 'Total',
      operator: 'GreaterThanOrEqual',
      threshold: 4 * 2 * MIB * 300,
    });
    expect(alerts.ThrottledRequests.criteria[0]).toMatchObject({ aggregation: 'Total', operator: 'GreaterThan', threshold: 0 });
    expect(alerts.IncomingBytes.description).toContain('cap');
  });

  test('Standard without auto-inflate: bytes at the allocated units', () => {
    const alerts = alertsByMetric(synthDefender({ eventhub_throughput_allocated: 6, eventhub_throughput_inflate_cap: 6 }, WITH_ALERTS));
    expect(alerts.IncomingBytes.criteria[0].threshold).toBe(6 * MIB * 300);
    expect(alerts.OutgoingBytes.criteria[0].threshold).toBe(6 * 2 * MIB * 300);
    expect(alerts.IncomingBytes.description).not.toContain('cap');
  });

  test.each([
    ['Premium', PREMIUM],
    ['dedicated', DEDICATED],
  ])('%s: only the throttled-requests alert (no throughput units to measure against)', (_tier, overrides) => {
    expect(Object.keys(alertsByMetric(synthDefender(overrides, WITH_ALERTS)))).toEqual(['ThrottledRequests']);
  });

  test('every alert watches the namespace, is evaluated every minute over five, and notifies the action group', () => {
    const out = synthDefender({}, WITH_ALERTS);
    const groupId = `\${azurerm_monitor_action_group.${Object.keys(out.resource.azurerm_monitor_action_group)[0]}.id}`;
    for (const alert of Object.values(alertsByMetric(out))) {
      expect(alert).toMatchObject({
        scopes: [`\${${namespaceAddress(out)}.id}`],
        frequency: 'PT1M',
        window_size: 'PT5M',
        action: [{ action_group_id: groupId }],
      });
      expect(alert.name).toMatch(new RegExp(`^\\$\\{${namespaceAddress(out)}\\.name\\}-`));
    }
  });

  test('a replacement deployment gets alerts on its own namespace, in the existing resource group', () => {
    const out = synthDefender(REPLACEMENT, WITH_ALERTS);
    expect(onlyResource(out, 'azurerm_monitor_action_group').resource_group_name).toMatch(/^\$\{data\.azurerm_resource_group\./);
    expect(Object.keys(alertsByMetric(out))).toHaveLength(3);
  });
});

describe('ScalingAlerts props', () => {
  const namespaceIn = (stack: TerraformStack, throughputUnits: number, autoInflateMaximumThroughputUnits?: number) =>
    new EventHubNamespace(stack, 'ns', {
      name: 'SCWX-TDR-Namespace-test',
      resourceGroupName: 'rg',
      location: 'eastus',
      capacity: { tier: 'Standard', throughputUnits, autoInflateMaximumThroughputUnits },
    });

  test('refuses an address or action group ID Terraform would evaluate or that hides characters, and an action group ID that is none', () => {
    const stack = new TerraformStack(Testing.app(), 'consumer');
    const namespace = namespaceIn(stack, 1);
    const group = '/subscriptions/66666666-7777-8888-9999-000000000000/resourceGroups/ops/providers/Microsoft.Insights/actionGroups/oncall';
    expect(() => new ScalingAlerts(stack, 'a', { namespace, emailAddress: 'soc${var.x}@example.com' })).toThrow(
      'ScalingAlerts a: emailAddress = "soc${var.x}@example.com": must not contain "${" or "%{"',
    );
    expect(() => new ScalingAlerts(stack, 'b', { namespace, emailAddress: 'soc@example.com\u202e' })).toThrow(
      'ScalingAlerts b: emailAddress = "soc@example.com\uFFFD": must not contain control or invisible characters (found U+202E)',
    );
    expect(() => new ScalingAlerts(stack, 'c', { namespace, actionGroupIds: ['oncall'] })).toThrow(
      'ScalingAlerts c: actionGroupIds = "oncall": must be a Microsoft.Insights/actionGroups resource ID',
    );
    expect(() => new ScalingAlerts(stack, 'd', { namespace, actionGroupIds: [group.replace('/ops/', '/ops${var.x}/')] })).toThrow(
      'must not contain "${" or "%{"',
    );
    expect(() => new ScalingAlerts(stack, 'e', { namespace, actionGroupIds: [group] })).not.toThrow();
  });

  test('refuses a malformed address, and no recipient at all', () => {
    const stack = new TerraformStack(Testing.app(), 'consumer');
    const namespace = namespaceIn(stack, 1);
    expect(() => new ScalingAlerts(stack, 'alerts', { namespace, emailAddress: 'not an address' })).toThrow(
      'ScalingAlerts alerts: emailAddress = "not an address": must be one e-mail address, such as soc@example.com',
    );
    expect(() => new ScalingAlerts(stack, 'silent', { namespace, actionGroupIds: [] })).toThrow(InvalidSettingsError);
    expect(() => new ScalingAlerts(stack, 'silent2', { namespace })).toThrow(
      'ScalingAlerts silent2: emailAddress = undefined: is required unless actionGroupIds lists an existing action group to notify',
    );
  });

  test('thresholds come from the namespace itself: 2 TUs inflating to 4 alert at 4, not at a capacity given again', () => {
    const stack = new TerraformStack(Testing.app(), 'consumer');
    const alerts = new ScalingAlerts(stack, 'alerts', { namespace: namespaceIn(stack, 2, 4), emailAddress: 'soc@example.com' });
    expect(alerts.thresholds).toMatchObject({ throughputUnits: 4, fromInflateCap: true, incomingBytesPerWindow: 4 * MIB * 300 });
  });

  test('existing action groups are notified, with or without an own e-mail group', () => {
    const existing =
      '/subscriptions/66666666-7777-8888-9999-000000000000/resourceGroups/ops/providers/Microsoft.Insights/actionGroups/oncall';
    const out = JSON.parse(
      Testing.synthScope((stack) => {
        new ScalingAlerts(stack, 'alerts', { namespace: namespaceIn(stack as TerraformStack, 1), actionGroupIds: [existing] });
      }),
    );
    expect(out.resource.azurerm_monitor_action_group).toBeUndefined();
    expect(alertsByMetric(out).ThrottledRequests.action).toEqual([{ action_group_id: existing }]);

    const both = JSON.parse(
      Testing.synthScope((stack) => {
        new ScalingAlerts(stack, 'alerts', {
          namespace: namespaceIn(stack as TerraformStack, 1),
          emailAddress: 'soc@example.com',
          actionGroupIds: [existing],
        });
      }),
    );
    expect(alertsByMetric(both).IncomingBytes.action).toEqual([
      { action_group_id: '${azurerm_monitor_action_group.alerts_action-group_63C7DD8F.id}' },
      { action_group_id: existing },
    ]);
  });

  test('throughput units from a Terraform variable: Terraform computes the thresholds', () => {
    const out = JSON.parse(
      Testing.synthScope((stack) => {
        const units = new TerraformVariable(stack, 'units', { type: 'number' });
        new ScalingAlerts(stack, 'alerts', {
          namespace: namespaceIn(stack as TerraformStack, units.numberValue),
          emailAddress: 'soc@example.com',
        });
      }),
    );
    const incoming = alertsByMetric(out).IncomingBytes;
    expect(incoming.criteria[0].threshold).toBe(`\${(var.units * ${MIB * 300})}`);
    expect(incoming.description).toBe(
      'Incoming Bytes reached ${var.units} TUs x 1 MB/s over 5 minutes: raise the throughput units above ${var.units}, or turn on auto-inflate',
    );
  });
});
