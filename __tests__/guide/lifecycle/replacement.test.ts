import { readFileSync } from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { addTenantStacks } from '../../../lib/guide/app';
import { DEFAULT_SETTINGS, DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { findCollisions } from '../../../lib/guide/config/tenants';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { CAPACITY_REQUEST_ID } from '../../../lib/guide/sizing/deployed';
import { REPLACEMENT, TENANT, guideVariables, synthDefender } from '../../helpers';

/** `type.name` of every managed resource. */
function addresses(out: any): string[] {
  return Object.entries(out.resource)
    .flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`))
    .sort();
}

/**
 * The resources help/replacing.md moves to repopulate-application: its `grep` pattern, read from the page
 * (a basic regular expression: `\|` separates the alternatives), so the page and this test cannot drift.
 * The timers are only in a state of the two-timer release.
 */
const SELECTOR = /for address in \$\(terraform state list -state=terraform\.defender-integration\.tfstate \| grep '([^']+)'\)/.exec(
  readFileSync(path.join(__dirname, '../../../help/replacing.md'), 'utf8'),
)?.[1];
const APPLICATION_STATE = new RegExp((SELECTOR ?? 'the selector is not in help/replacing.md').split('\\|').join('|'));

const REMOTE = readDeploymentSettings({
  XDR_STATE_RESOURCE_GROUP: 'tfstate-rg',
  XDR_STATE_STORAGE_ACCOUNT: 'tfstate123',
  XDR_STATE_CONTAINER: 'tfstate',
}).settings as DeploymentSettings;

describe('a replacement deployment keeps its own state (replacement_eventhub = true)', () => {
  test("local state: one file per deployment, keyed by the replacement's client_name", () => {
    const paths = [{}, REPLACEMENT, { ...REPLACEMENT, client_name: 'CustomerName3' }].map(
      (v) => synthDefender(v).terraform.backend.local.path,
    );
    expect(paths).toEqual([
      '../../../terraform.defender-integration.tfstate',
      '../../../terraform.defender-integration.replacement-CustomerName2.tfstate',
      '../../../terraform.defender-integration.replacement-CustomerName3.tfstate',
    ]);
  });

  test('remote state (XDR_STATE_*): one blob per deployment as well', () => {
    const keys = [{}, REPLACEMENT].map((v) => synthDefender(v, REMOTE).terraform.backend.azurerm.key);
    expect(keys).toEqual([
      'xdr-defender/terraform.defender-integration.tfstate',
      'xdr-defender/terraform.defender-integration.replacement-CustomerName2.tfstate',
    ]);
  });

  test("why it must: the replacement reuses the original's addresses with new names, so one shared state would replace the live hub", () => {
    const original = synthDefender();
    const replacement = synthDefender(REPLACEMENT);
    for (const type of [
      'azurerm_eventhub_namespace',
      'azurerm_eventhub',
      'azurerm_eventhub_consumer_group',
      'azurerm_eventhub_authorization_rule',
    ]) {
      expect(Object.keys(replacement.resource[type])).toEqual(Object.keys(original.resource[type]));
    }
    const name = (out: any) => (Object.values(out.resource.azurerm_eventhub_namespace)[0] as any).name;
    expect(name(replacement)).not.toBe(name(original));
    // ...and the guard is what would stop that plan:
    expect(Object.values(original.resource.azurerm_eventhub_namespace)[0]).toMatchObject({ lifecycle: { prevent_destroy: true } });
  });

  test('one app synthesizing both (directory mode): separate stacks, folders and state files', () => {
    const app = Testing.app();
    const tenants = [
      { name: 'contoso', file: 'contoso.tfvars', variables: guideVariables(), warnings: [] },
      { name: 'contoso-next', file: 'contoso-next.tfvars', variables: guideVariables(REPLACEMENT), warnings: [] },
    ];
    expect(findCollisions(tenants)).toEqual([]);
    addTenantStacks(app, tenants);
    const defender = ['contoso-defender-integration', 'contoso-next-defender-integration'].map(
      (id) => JSON.parse(Testing.synth(app.node.findChild(id) as any)).terraform.backend.local.path,
    );
    expect(defender).toEqual([
      '../../../terraform.contoso-defender-integration.tfstate',
      '../../../terraform.contoso-next-defender-integration.replacement-CustomerName2.tfstate',
    ]);
  });

  test("a replacement that kept the original's client_name is refused: the namespace names would collide", () => {
    const tenants = [
      { file: 'contoso.tfvars', variables: guideVariables() },
      { file: 'contoso-next.tfvars', variables: guideVariables({ replacement_eventhub: true }) },
    ];
    expect(findCollisions(tenants)).toEqual([
      expect.stringContaining('a replacement needs a client_name different from the deployment it replaces'),
    ]);
  });

  test('the replacement neither owns the resource group nor touches the application', () => {
    const out = synthDefender(REPLACEMENT);
    expect(addresses(out).filter((a) => a.startsWith('azurerm_resource_group') || APPLICATION_STATE.test(a))).toEqual([]);
    expect(Object.keys(out.data.azurerm_resource_group)).toHaveLength(1);
    expect(out.provider.azuread).toBeUndefined();
  });
});

describe('removing the old hub but keeping the application (help/replacing.md)', () => {
  const settings = readDeploymentSettings({ XDR_SECRET_ROTATION_DAYS: '90', XDR_SECRET_LIFETIME_DAYS: '120' }).settings ?? DEFAULT_SETTINGS;
  const original = synthDefender({}, settings);
  const repopulate = JSON.parse(
    Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT, settings })),
  );

  test('the documented selector picks exactly the application, its principal, both secrets and their issue records from the original', () => {
    const moved = addresses(original)
      .filter((a) => APPLICATION_STATE.test(a))
      .map((a) => a.split('.')[0]);
    expect(moved).toEqual([
      'azuread_application',
      'azuread_application_password',
      'azuread_application_password',
      'azuread_service_principal',
      'terraform_data',
      'terraform_data',
    ]);
  });

  test('the selector leaves the capacity request to the original (a record of its namespace, which repopulate-application lacks)', () => {
    expect(SELECTOR).toBe('^azuread_\\|^terraform_data\\.xdr-application_\\|^time_rotating\\.');
    expect(APPLICATION_STATE.test(`terraform_data.${CAPACITY_REQUEST_ID}`)).toBe(false);
    expect(addresses(repopulate).filter((a) => a.includes(CAPACITY_REQUEST_ID))).toEqual([]);
  });

  test('repopulate-application declares them at the same addresses, so `terraform state mv` keeps each one', () => {
    expect(addresses(repopulate)).toEqual(addresses(original).filter((a) => APPLICATION_STATE.test(a)));
  });

  test('with the same settings it declares them identically, so its first plan after the move changes nothing', () => {
    for (const address of addresses(repopulate)) {
      const [type, name] = address.split('.');
      expect(repopulate.resource[type][name]).toEqual(original.resource[type][name]);
    }
  });

  test('what is left in the original after the move is the resource group (to forget) and the old hub (to destroy)', () => {
    expect(
      addresses(original)
        .filter((a) => !APPLICATION_STATE.test(a))
        .map((a) => a.split('.')[0]),
    ).toEqual([
      'azurerm_eventhub',
      'azurerm_eventhub_authorization_rule',
      'azurerm_eventhub_consumer_group',
      'azurerm_eventhub_namespace',
      'azurerm_resource_group',
    ]);
  });
});
