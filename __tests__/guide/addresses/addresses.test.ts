/**
 * Terraform addresses are pinned: each case's set of resource and data-source addresses must equal
 * the committed list next to this file. The lists are written by hand and never regenerated here,
 * so a refactor that renames a construct ID (and would make Terraform destroy the resource) fails.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK, addGuideStacks } from '../../../lib/guide/app';
import { DEFAULT_SETTINGS, DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { DEDICATED, PREMIUM, REPLACEMENT, guideVariables } from '../../helpers';

type Case =
  'standard' | 'premium' | 'dedicated' | 'replacement' | 'repopulate' | 'consent' | 'repopulate-consent' | 'replacement-streaming-api';

/** The opt-in settings that add resources: admin consent by the deploy and the Streaming API role. */
const CONSENT: DeploymentSettings = {
  ...DEFAULT_SETTINGS,
  grantAdminConsent: true,
  streamingApiPrincipalId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
};

const CASES: Record<Case, { overrides: Partial<GuideVariables>; stack: string; settings?: DeploymentSettings }> = {
  standard: { overrides: {}, stack: DEFENDER_INTEGRATION_STACK },
  premium: { overrides: PREMIUM, stack: DEFENDER_INTEGRATION_STACK },
  dedicated: { overrides: DEDICATED, stack: DEFENDER_INTEGRATION_STACK },
  replacement: { overrides: REPLACEMENT, stack: DEFENDER_INTEGRATION_STACK },
  repopulate: { overrides: {}, stack: REPOPULATE_APPLICATION_STACK },
  consent: { overrides: {}, stack: DEFENDER_INTEGRATION_STACK, settings: CONSENT },
  'repopulate-consent': { overrides: {}, stack: REPOPULATE_APPLICATION_STACK, settings: CONSENT },
  'replacement-streaming-api': { overrides: REPLACEMENT, stack: DEFENDER_INTEGRATION_STACK, settings: CONSENT },
};

/** The cases without opt-in settings: what every deployment that does not ask for more gets. */
const DEFAULT_CASES = (Object.keys(CASES) as Case[]).filter((name) => CASES[name].settings === undefined);

function pinned(name: Case): string[] {
  return JSON.parse(readFileSync(join(__dirname, `${name}.json`), 'utf8')).addresses;
}

/** `type.name` for every resource, `data.type.name` for every data source, sorted. */
function addresses(name: Case, settings = CASES[name].settings ?? DEFAULT_SETTINGS): string[] {
  const app = Testing.app();
  // the repopulate-application stack exists only when asked for; asked for, it keeps its addresses
  const requested = CASES[name].stack === REPOPULATE_APPLICATION_STACK ? { ...settings, repopulateApplication: true } : settings;
  addGuideStacks(app, guideVariables(CASES[name].overrides), requested);
  const json = JSON.parse(Testing.synth(app.node.findChild(CASES[name].stack) as TerraformStack));
  const list = (block: Record<string, object> | undefined, prefix: string) =>
    Object.entries(block ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((id) => `${prefix}${type}.${id}`));
  return [...list(json.resource, ''), ...list(json.data, 'data.')].sort();
}

describe.each(Object.keys(CASES) as Case[])('the %s case', (name) => {
  test('has exactly the committed addresses', () => {
    expect(addresses(name)).toEqual([...pinned(name)].sort());
  });
});

test('the committed lists are sorted, unique, and well-formed', () => {
  for (const name of Object.keys(CASES) as Case[]) {
    const list = pinned(name);
    expect(list).toEqual([...new Set(list)].sort());
    for (const address of list) expect(address).toMatch(/^(data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+$/);
  }
});

test('without repopulate_application, deploying every stack declares the XDR application once', () => {
  const app = Testing.app();
  addGuideStacks(app, guideVariables(), readDeploymentSettings({}).settings);
  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  expect(stacks.map((s) => s.node.id)).toEqual([DEFENDER_INTEGRATION_STACK]);
  const withApplication = stacks.filter((s) => JSON.parse(Testing.synth(s)).resource?.azuread_application !== undefined);
  expect(withApplication.map((s) => s.node.id)).toEqual([DEFENDER_INTEGRATION_STACK]);
});

test('settings that only change attributes never change an address', () => {
  const read = readDeploymentSettings({
    XDR_ALLOWED_IP_RANGES: '203.0.113.0/24',
    XDR_EGRESS_RANGES: '192.0.2.64/26',
    XDR_ALLOW_DESTROY: 'true',
    XDR_SECRET_ROTATION_DAYS: '90',
    XDR_SECRET_LIFETIME_DAYS: '120',
    XDR_STATE_RESOURCE_GROUP: 'tfstate-rg',
    XDR_STATE_STORAGE_ACCOUNT: 'tfstate0001',
    XDR_STATE_CONTAINER: 'tfstate',
  });
  expect(read.errors).toEqual([]);
  for (const name of DEFAULT_CASES) expect(addresses(name, read.settings)).toEqual([...pinned(name)].sort());
});
