import { Testing } from 'cdktf';
import { DEFAULT_SETTINGS, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { XdrApplication } from '../../../lib/entra/xdr-application';
import { DefenderConsumer } from '../../../lib/eventhub/defender-consumer';
import { EventHubNamespace } from '../../../lib/eventhub/eventhub-namespace';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { DEDICATED, TENANT, synthDefender } from '../../helpers';

/** Resource types whose every instance has `prevent_destroy`, and the types none of whose instances has it. */
function guarded(out: any): { on: string[]; off: string[] } {
  const on: string[] = [];
  const off: string[] = [];
  for (const [type, byName] of Object.entries(out.resource as Record<string, Record<string, any>>)) {
    const flags = Object.values(byName).map((r) => r.lifecycle?.prevent_destroy === true);
    if (flags.every(Boolean)) on.push(type);
    else if (!flags.some(Boolean)) off.push(type);
    else throw new Error(`${type}: some instances guarded, some not`);
  }
  return { on: on.sort(), off: off.sort() };
}

const PROTECTED = [
  'azuread_application',
  'azuread_service_principal',
  'azurerm_eventhub',
  'azurerm_eventhub_authorization_rule',
  'azurerm_eventhub_cluster',
  'azurerm_eventhub_consumer_group',
  'azurerm_eventhub_namespace',
];

describe('destroy guards (lifecycle prevent_destroy)', () => {
  test('by default the namespace, cluster, hub, its consumer group and policy, the application and principal are guarded', () => {
    expect(guarded(synthDefender(DEDICATED))).toEqual({
      on: PROTECTED,
      off: ['azuread_application_password', 'azurerm_resource_group', 'terraform_data'],
    });
  });

  test('the rotating secrets and their issue records are never guarded: a guard would make every rotation fail', () => {
    const out = synthDefender();
    const rotating = [...Object.values(out.resource.azuread_application_password), ...Object.values(out.resource.terraform_data)];
    expect(rotating).toHaveLength(4);
    for (const resource of rotating as any[]) expect(resource.lifecycle?.prevent_destroy).toBeUndefined();
  });

  test('XDR_ALLOW_DESTROY=true lifts every guard (the removal procedure)', () => {
    const settings = readDeploymentSettings({ XDR_ALLOW_DESTROY: 'true' }).settings;
    const out = synthDefender(DEDICATED, settings);
    expect(guarded(out).on).toEqual([]);
    expect(JSON.stringify(out)).not.toContain('prevent_destroy');
  });

  test('the repopulate-application stack guards its application the same way', () => {
    const synth = (allowDestroy: boolean) =>
      guarded(
        JSON.parse(
          Testing.synth(
            new RepopulateApplicationStack(Testing.app(), 'repopulate-application', {
              tenantId: TENANT,
              settings: { ...DEFAULT_SETTINGS, allowDestroy },
            }),
          ),
        ),
      );
    expect(synth(false).on).toEqual(['azuread_application', 'azuread_service_principal']);
    expect(synth(true).on).toEqual([]);
  });

  test('the constructs guard by default and drop the guard with preventDestroy: false', () => {
    const build = (preventDestroy?: boolean) =>
      guarded(
        JSON.parse(
          Testing.synthScope((scope) => {
            const namespace = new EventHubNamespace(scope, 'ns', {
              name: 'SCWX-TDR-Namespace-Test-eastus',
              resourceGroupName: 'rg',
              location: 'eastus',
              capacity: { tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-Test-eastus' },
              preventDestroy,
            });
            new DefenderConsumer(scope, 'consumer', { namespace, partitionCount: 4, preventDestroy });
            new XdrApplication(scope, 'app', { tenantId: TENANT, preventDestroy });
          }),
        ),
      );
    expect(build().on).toEqual(PROTECTED);
    expect(build(true).on).toEqual(PROTECTED);
    expect(build(false).on).toEqual([]);
  });
});
