/**
 * Tags from the settings file on every Azure resource that takes tags, for every tier, and the same
 * tags as the application's list; none when unset. Which resource types take tags is read from the
 * provider's own classes (a `tagsInput` attribute), not listed by hand, so a new taggable resource
 * left untagged fails here.
 */
import { Aspects, IAspect, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { DEFAULT_SETTINGS, DeploymentSettings } from '../../../lib/guide/config/settings';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { addGuideStacks } from '../../../lib/guide/app';
import { XdrApplication } from '../../../lib/entra/xdr-application';
import { EventHubNamespace } from '../../../lib/eventhub/eventhub-namespace';
import { ScalingAlerts } from '../../../lib/monitoring/scaling-alerts';
import { DEDICATED, PREMIUM, REPLACEMENT, guideVariables, synthDefender } from '../../helpers';

const TAGS = { 'cost-center': '4711', owner: 'SOC team', empty: '' };
const WITH_TAGS: DeploymentSettings = { ...DEFAULT_SETTINGS, tags: TAGS, alertEmail: 'soc@example.com' };

/** Whether the provider's class for a resource type has a `tags` argument. */
function takesTags(type: string): boolean {
  const [provider, ...rest] = type.split('_');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(`@cdktf/provider-${provider}/lib/${rest.join('-')}`);
  return Object.values(module).some((cls: any) => typeof cls === 'function' && cls.tfResourceType === type && 'tagsInput' in cls.prototype);
}

function resources(synth: any): Array<{ type: string; name: string; body: any }> {
  return Object.entries(synth.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName as Record<string, any>).map(([name, body]) => ({ type, name, body })),
  );
}

const TIERS: Array<[string, Partial<GuideVariables>]> = [
  ['Standard', {}],
  ['Premium', PREMIUM],
  ['Dedicated', DEDICATED],
  ['replacement', REPLACEMENT],
];

describe.each(TIERS)('%s with alerts', (_tier, overrides) => {
  const synth = synthDefender(overrides, WITH_TAGS);
  const azure = resources(synth).filter((r) => r.type.startsWith('azurerm_'));

  test('every azurerm resource that takes tags carries them, and the ones that do not take them are few and known', () => {
    const taggable = azure.filter((r) => takesTags(r.type));
    expect(taggable.map((r) => r.type)).toEqual(
      expect.arrayContaining(['azurerm_eventhub_namespace', 'azurerm_monitor_action_group', 'azurerm_monitor_metric_alert']),
    );
    for (const r of taggable) expect([r.type, r.name, r.body.tags]).toEqual([r.type, r.name, TAGS]);
    expect([...new Set(azure.filter((r) => !takesTags(r.type)).map((r) => r.type))].sort()).toEqual([
      'azurerm_eventhub',
      'azurerm_eventhub_authorization_rule',
      'azurerm_eventhub_consumer_group',
    ]);
  });

  test('the application carries them as "name=value" (a bare name for an empty value)', () => {
    const applications = resources(synth).filter((r) => r.type === 'azuread_application');
    expect(applications.map((r) => r.body.tags)).toEqual(
      overrides === REPLACEMENT ? [] : [['cost-center=4711', 'owner=SOC team', 'empty']],
    );
  });
});

test('the resource group and the cluster are among the tagged resources', () => {
  expect(synthDefender({}, WITH_TAGS).resource.azurerm_resource_group['resource-group'].tags).toEqual(TAGS);
  expect(Object.values<any>(synthDefender(DEDICATED, WITH_TAGS).resource.azurerm_eventhub_cluster)[0].tags).toEqual(TAGS);
});

test('the repopulate-application stack tags its application too', () => {
  const app = Testing.app();
  addGuideStacks(app, guideVariables(), { ...WITH_TAGS, repopulateApplication: true });
  const repopulate = app.node.findChild('repopulate-application') as TerraformStack;
  const synth = JSON.parse(Testing.synth(repopulate));
  expect(Object.values<any>(synth.resource.azuread_application)[0].tags).toEqual(['cost-center=4711', 'owner=SOC team', 'empty']);
});

test.each(TIERS)('%s without tags: no resource has a tags attribute', (_tier, overrides) => {
  const synth = synthDefender(overrides, { ...DEFAULT_SETTINGS, alertEmail: 'soc@example.com' });
  for (const r of resources(synth)) expect([r.type, r.body.tags]).toEqual([r.type, undefined]);
});

test('the constructs refuse tags Azure would refuse, naming the tag', () => {
  expect(() => synthDefender({}, { ...DEFAULT_SETTINGS, tags: { 'a/b': 'x' } })).toThrow(
    'EventHubNamespace event-hub-namespace: tags name = "a/b": must not contain <, >, %, &, \\, ? or /',
  );
});

/**
 * cdktf's aspect-based tagging, as help/tags.md shows it to platform teams: every azurerm resource
 * that takes tags gets the company tags, under the tags the resource already has.
 */
class CompanyTags implements IAspect {
  constructor(private readonly tags: Record<string, string>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !node.terraformResourceType.startsWith('azurerm_') || !('tagsInput' in node)) return;
    const resource = node as TerraformResource & { tags: Record<string, string>; tagsInput?: Record<string, string> };
    resource.tags = { ...this.tags, ...(resource.tagsInput ?? {}) };
  }
}

test('an aspect tags every taggable resource of the constructs; the settings tags win on a clash', () => {
  const app = Testing.app();
  addGuideStacks(app, guideVariables(DEDICATED), { ...WITH_TAGS, tags: { owner: 'SOC team' } });
  const stack = app.node.findChild('defender-integration') as TerraformStack;
  Aspects.of(stack).add(new CompanyTags({ company: 'Contoso', owner: 'platform' }));
  const taggable = resources(JSON.parse(Testing.synth(stack))).filter((r) => r.type.startsWith('azurerm_') && takesTags(r.type));
  expect(taggable.map((r) => r.type).sort()).toEqual([
    'azurerm_eventhub_cluster',
    'azurerm_eventhub_namespace',
    'azurerm_monitor_action_group',
    'azurerm_monitor_metric_alert',
    'azurerm_resource_group',
  ]);
  for (const r of taggable) expect([r.type, r.body.tags]).toEqual([r.type, { company: 'Contoso', owner: 'SOC team' }]);
});

describe('each construct checks its own tags', () => {
  const app = () => new TerraformStack(Testing.app(), 'stack');

  test('ScalingAlerts', () => {
    const stack = app();
    const namespace = new EventHubNamespace(stack, 'namespace', {
      name: 'evhns-xdr-test',
      resourceGroupName: 'rg',
      location: 'eastus',
      capacity: { tier: 'Premium', processingUnits: 1 },
    });
    expect(
      () =>
        new ScalingAlerts(stack, 'alerts', {
          namespace,
          emailAddress: 'soc@example.com',
          tags: { owner: 'x'.repeat(257) },
        }),
    ).toThrow(/^ScalingAlerts alerts: tags\["owner"\] = .*: must be at most 256 characters/);
  });

  test('XdrApplication', () => {
    expect(() => new XdrApplication(app(), 'app', { tenantId: '11111111-2222-3333-4444-555555555555', tags: ['a', 'a'] })).toThrow(
      'XdrApplication app: tags[1] = "a": is listed twice',
    );
  });
});
