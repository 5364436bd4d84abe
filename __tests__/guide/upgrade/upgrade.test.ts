/**
 * Upgrade safety: today's synth of the inputs release 0.1.0 was synthesized from (fixtures/0.1.0,
 * see its README) may not drop an address nor change an argument that forces a new resource
 * (force-new.json, read in the providers). This is what lets a release ship: the first plan after
 * the upgrade updates in place and replaces nothing that holds events or that XDR uses.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { addGuideStacks } from '../../../lib/guide/app';
import { DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { DEDICATED, PREMIUM, REPLACEMENT, guideVariables } from '../../helpers';
import { UpgradeReport, compareReleases } from './compare';

const FIXTURES = path.join(__dirname, 'fixtures', '0.1.0');
/** The last configuration with the two-timer rotation (fixtures/36ddd50/README.md). */
const TIMER_FIXTURES = path.join(__dirname, 'fixtures', '36ddd50');

/**
 * Addresses that go on purpose, each with why destroying it touches nothing real. Any other address that
 * disappears fails the test. The `time_rotating` timers drove the secrets before the rotation counter
 * (help/rotation.md): a timer is an object in Terraform's state only (time 0.13.1
 * internal/provider/resource_time_rotating.go: Delete removes nothing outside the state), and no
 * secret depends on it any more (`rotate_when_changed` is in the secrets' ignore_changes, and
 * `replace_triggered_by` names the new terraform_data records, whose creation triggers nothing).
 */
const RETIRED_STATE_ONLY: Readonly<Record<string, string>> = {
  'time_rotating.xdr-application_secret-rotation_713DFB3E': 'retired timer of slot 0: state only, no secret replaced',
  'time_rotating.xdr-application_second-secret-rotation_B475ADED': 'retired timer of slot 1: state only, no secret replaced',
};
const ALERTS = { XDR_ALERT_EMAIL: 'soc@example.com' };

/** The cases of fixtures/0.1.0/README.md: the tfvars on top of the guide's defaults, and the environment. */
const CASES: ReadonlyArray<{ readonly name: string; readonly variables: Partial<GuideVariables>; readonly env: Record<string, string> }> = [
  { name: 'standard', variables: {}, env: {} },
  { name: 'premium', variables: PREMIUM, env: {} },
  { name: 'dedicated', variables: DEDICATED, env: {} },
  { name: 'replacement', variables: REPLACEMENT, env: {} },
  { name: 'settings', variables: {}, env: { ...ALERTS, XDR_ALLOWED_IP_RANGES: '203.0.113.0/24', XDR_EGRESS_ACKNOWLEDGED: 'true' } },
  { name: 'premium-alerts', variables: PREMIUM, env: ALERTS },
];

function settingsFrom(env: Record<string, string>): DeploymentSettings {
  const read = readDeploymentSettings(env);
  if (read.settings === undefined) throw new Error(read.errors.join('\n'));
  return read.settings;
}

/** Both stacks of a case as the app writes them (cdk.tf.json, with every override applied). */
function synthToday(variables: Partial<GuideVariables>, settings: DeploymentSettings): Record<string, any> {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'upgrade-'));
  try {
    const app = new App({ outdir });
    // release 0.1.0 always synthesized repopulate-application; today it takes repopulate_application = true
    addGuideStacks(app, guideVariables(variables), { ...settings, repopulateApplication: true });
    app.synth();
    const stacks: Record<string, any> = {};
    for (const stack of readdirSync(path.join(outdir, 'stacks'))) {
      stacks[stack] = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    }
    return stacks;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function fixture(file: string, folder = FIXTURES): any {
  return JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
}

/** Everything that changed, one line each, for the failure message. */
function describeReport(report: UpgradeReport): string {
  const section = (title: string, lines: string[]) => (lines.length === 0 ? [] : [title, ...lines.map((l) => `  ${l}`)]);
  return [
    ...section('REPLACED OR DESTROYED (not allowed):', report.replaced),
    ...section('updated in place:', report.inPlace),
    ...section('changed in configuration, kept as in state (ignore_changes):', report.ignored),
  ].join('\n');
}

const today = new Map(CASES.map((c) => [c.name, synthToday(c.variables, settingsFrom(c.env))]));
const PAIRS: ReadonlyArray<[string, any, any]> = [
  ...CASES.map((c): [string, any, any] => [
    c.name,
    fixture(`${c.name}.defender-integration.json`),
    today.get(c.name)?.['defender-integration'],
  ]),
  ['repopulate-application', fixture('repopulate-application.json'), today.get('standard')?.['repopulate-application']],
  ['36ddd50 standard', fixture('standard.defender-integration.json', TIMER_FIXTURES), today.get('standard')?.['defender-integration']],
  [
    '36ddd50 repopulate-application',
    fixture('repopulate-application.json', TIMER_FIXTURES),
    today.get('standard')?.['repopulate-application'],
  ],
];

describe('upgrading from 0.1.0', () => {
  test('the fixture folder holds exactly the cases this test compares', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual([...CASES.map((c) => `${c.name}.defender-integration.json`), 'repopulate-application.json'].sort());
  });

  test.each(PAIRS)('%s: no address disappears and no argument that forces a new resource changes', (_name, before, after) => {
    const report = compareReleases(before, after, RETIRED_STATE_ONLY);
    if (report.replaced.length > 0)
      throw new Error(`The first plan after the upgrade would replace or destroy:\n${describeReport(report)}`);
  });

  test.each(PAIRS)(
    '%s: the namespace, hub, consumer group, policy, application, principal and the secret XDR uses keep their addresses',
    (_name, before, after) => {
      const kept = [
        'azurerm_eventhub_namespace',
        'azurerm_eventhub',
        'azurerm_eventhub_consumer_group',
        'azurerm_eventhub_authorization_rule',
        'azuread_application',
        'azuread_service_principal',
        'azuread_application_password',
        'azurerm_eventhub_cluster',
      ];
      for (const type of kept) {
        for (const name of Object.keys(before.resource[type] ?? {})) expect(after.resource[type]).toHaveProperty([name]);
      }
      const replaced = compareReleases(before, after, RETIRED_STATE_ONLY).replaced;
      expect(replaced.filter((line) => kept.some((type) => line.startsWith(`${type}.`)))).toEqual([]);
    },
  );

  test('the secret XDR uses keeps its address; its changed arguments are all ignored: no new secret on the upgrade', () => {
    const [, before, after] = PAIRS[0];
    const report = compareReleases(before, after, RETIRED_STATE_ONLY);
    expect(report.ignored).toEqual([
      'azuread_application_password.xdr-application_secret_93EAFBE2.end_date_relative: "5040h" -> (unset)',
      'azuread_application_password.xdr-application_secret_93EAFBE2.rotate_when_changed: {"rotation":"${time_rotating.xdr-application_secret-rotation_713DFB3E.id}"} -> (unset)',
      'azuread_application_password.xdr-application_secret_93EAFBE2.end_date: (unset) -> "${timeadd(plantimestamp(), \\"7200h\\")}"',
    ]);
    expect(report.retired).toEqual([
      'time_rotating.xdr-application_secret-rotation_713DFB3E: retired timer of slot 0: state only, no secret replaced',
    ]);
    // without ignore_changes the same change replaces the secret, and the test says so
    const unguarded = JSON.parse(JSON.stringify(after));
    delete unguarded.resource.azuread_application_password['xdr-application_secret_93EAFBE2'].lifecycle;
    expect(compareReleases(before, unguarded, RETIRED_STATE_ONLY).replaced).toEqual([
      expect.stringMatching(
        /^azuread_application_password\.xdr-application_secret_93EAFBE2\.end_date_relative: "5040h" -> \(unset\) forces a new resource/,
      ),
      expect.stringMatching(
        /^azuread_application_password\.xdr-application_secret_93EAFBE2\.rotate_when_changed: .* forces a new resource/,
      ),
      expect.stringMatching(
        /^azuread_application_password\.xdr-application_secret_93EAFBE2\.end_date: \(unset\) -> .* forces a new resource/,
      ),
    ]);
  });

  test('from the two-timer release (36ddd50): only the two timers go, and both secrets only gain ignored changes', () => {
    const [, before, after] = PAIRS.find(([name]) => name === '36ddd50 standard') as [string, any, any];
    const report = compareReleases(before, after, RETIRED_STATE_ONLY);
    expect(report.retired.map((line) => line.split(':')[0]).sort()).toEqual(Object.keys(RETIRED_STATE_ONLY).sort());
    expect(report.replaced).toEqual([]);
    expect(report.inPlace).toEqual([]);
    expect(report.ignored.map((line) => line.split(':')[0]).sort()).toEqual([
      'azuread_application_password.xdr-application_second-secret_240676E3.end_date',
      'azuread_application_password.xdr-application_second-secret_240676E3.rotate_when_changed',
      'azuread_application_password.xdr-application_secret_93EAFBE2.end_date',
      'azuread_application_password.xdr-application_secret_93EAFBE2.rotate_when_changed',
    ]);
  });

  test('the retired list excuses only its own addresses: without it the timers fail the test', () => {
    const [, before, after] = PAIRS.find(([name]) => name === '36ddd50 standard') as [string, any, any];
    expect(compareReleases(before, after).replaced).toEqual([
      expect.stringMatching(/^time_rotating\.xdr-application_second-secret-rotation_B475ADED: no longer in the configuration/),
      expect.stringMatching(/^time_rotating\.xdr-application_secret-rotation_713DFB3E: no longer in the configuration/),
    ]);
  });

  // `lifecycle` is a meta-argument: Terraform reads it itself and never sends it to the provider, so
  // adding `ignore_changes` (or `prevent_destroy`) to an existing address is neither an update nor a
  // replacement. `capacity` is not ForceNew either (eventhub_namespace_resource.go updates it in place).
  test('the auto-inflating namespace only gains ignore_changes on capacity: nothing to update', () => {
    const [, before, after] = PAIRS[0];
    const namespace = after.resource.azurerm_eventhub_namespace['event-hub-namespace_70A0873E'];
    expect(namespace.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['capacity'] });
    expect(compareReleases(before, after, RETIRED_STATE_ONLY).inPlace).toEqual([]);
  });
});

describe('the comparison can fail', () => {
  const [, before, after] = PAIRS[0];
  const changed = (edit: (copy: any) => void) => {
    const copy = JSON.parse(JSON.stringify(after));
    edit(copy);
    return compareReleases(before, copy, RETIRED_STATE_ONLY);
  };

  test('a removed address', () => {
    const report = changed((c) => delete c.resource.azurerm_eventhub['defender-consumer_event-hub_E38118B6']);
    expect(report.replaced).toEqual([
      expect.stringMatching(/^azurerm_eventhub\.defender-consumer_event-hub_E38118B6: no longer in the configuration/),
    ]);
  });

  test('a renamed address is fine with a moved block', () => {
    const report = changed((c) => {
      const hubs = c.resource.azurerm_eventhub;
      hubs.renamed = hubs['defender-consumer_event-hub_E38118B6'];
      delete hubs['defender-consumer_event-hub_E38118B6'];
      c.moved = [{ from: 'azurerm_eventhub.defender-consumer_event-hub_E38118B6', to: 'azurerm_eventhub.renamed' }];
    });
    expect(report.replaced).toEqual([]);
  });

  test('a ForceNew argument, with the provider source named', () => {
    const report = changed((c) => (c.resource.azurerm_eventhub_namespace['event-hub-namespace_70A0873E'].location = 'westus'));
    expect(report.replaced).toEqual([
      expect.stringMatching(
        /^azurerm_eventhub_namespace\.event-hub-namespace_70A0873E\.location: "eastus" -> "westus" forces a new resource \(azurerm internal\/services\/eventhub\/eventhub_namespace_resource\.go/,
      ),
    ]);
  });

  test('an argument updated in place is reported, not refused', () => {
    const report = changed((c) => (c.resource.azurerm_eventhub['defender-consumer_event-hub_E38118B6'].message_retention = 7));
    expect(report.replaced).toEqual([]);
    expect(report.inPlace).toEqual(['azurerm_eventhub.defender-consumer_event-hub_E38118B6.message_retention: 1 -> 7']);
  });

  test('a resource type without a ForceNew entry', () => {
    const report = compareReleases(
      { resource: { azurerm_made_up: { x: { name: 'a' } } } },
      { resource: { azurerm_made_up: { x: { name: 'a' } } } },
    );
    expect(report.replaced).toEqual([expect.stringMatching(/azurerm_made_up is not in force-new\.json/)]);
  });
});

describe('every stack the cases synthesize', () => {
  const written = [...today.entries()].flatMap(([name, byStack]) =>
    Object.entries(byStack).map(([stack, json]) => [`${name}/${stack}`, json]),
  );

  test.each(written)('%s requires Terraform 1.6 or later', (_name, json: any) => {
    expect(json.terraform.required_version).toBe('>= 1.6.0');
  });
});
