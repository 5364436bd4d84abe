/**
 * No synthesized stack sets an argument its provider marks deprecated (Terraform warns on every plan
 * that does, and the next major version removes it). The list, per resource type, data source and
 * provider, is deprecated-arguments.json, read in the provider sources at the pinned tags.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings, readDeploymentSettings } from '../../../lib/guide/config/settings';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { RepopulateApplicationStack } from '../../../lib/guide/stacks/repopulate-application-stack';
import { DEDICATED, PREMIUM, REPLACEMENT, TENANT, synthDefender } from '../../helpers';

type Table = Record<string, { source: string; deprecated: string[] }>;
const DEPRECATED: { resource: Table; data: Table; provider: Table } = JSON.parse(
  readFileSync(path.join(__dirname, 'deprecated-arguments.json'), 'utf8'),
);

/** `<block> <type>.<name>: <argument>` for every deprecated argument set, or a type the table lacks. */
function deprecatedArguments(synth: any): string[] {
  const found: string[] = [];
  const check = (kind: 'resource' | 'data' | 'provider', type: string, name: string, config: Record<string, unknown>) => {
    const entry = DEPRECATED[kind][type];
    if (entry === undefined) {
      found.push(`${kind} ${type}: not in deprecated-arguments.json; read its deprecated arguments in the provider and add them`);
      return;
    }
    for (const argument of entry.deprecated) if (argument in config) found.push(`${kind} ${type}.${name}: ${argument} (${entry.source})`);
  };
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(synth[kind] ?? {})) {
      for (const [name, config] of Object.entries(byName as object)) check(kind, type, name, config);
    }
  }
  for (const [type, configs] of Object.entries(synth.provider ?? {})) {
    (configs as Record<string, unknown>[]).forEach((config, i) => check('provider', type, String(i), config));
  }
  return found;
}

function settings(env: Record<string, string>): DeploymentSettings {
  return readDeploymentSettings(env).settings ?? DEFAULT_SETTINGS;
}

const ADOPT = settings({ XDR_ADOPT_EXISTING: 'true' });
const EVERYTHING = settings({
  XDR_ALERT_EMAIL: 'soc@example.com',
  XDR_ALLOWED_IP_RANGES: '203.0.113.0/24',
  XDR_EGRESS_RANGES: '192.0.2.64/26',
});
const CASES: ReadonlyArray<[string, Partial<GuideVariables>, DeploymentSettings]> = [
  ['standard', {}, DEFAULT_SETTINGS],
  ['standard with alerts and an allow-list', {}, EVERYTHING],
  ['premium with alerts', PREMIUM, EVERYTHING],
  ['dedicated with alerts', DEDICATED, EVERYTHING],
  ['replacement', REPLACEMENT, DEFAULT_SETTINGS],
  ['standard with a capacity request (terraform_data)', {}, settings({ XDR_APPLY_CAPACITY: '2026-12-07T08:00:00Z' })],
  ['adopting (data sources)', {}, ADOPT],
  ['adopting a dedicated deployment', DEDICATED, ADOPT],
];

describe('no deprecated argument in any synthesized stack', () => {
  test.each(CASES)('defender-integration, %s', (_name, variables, deployment) => {
    expect(deprecatedArguments(synthDefender(variables, deployment))).toEqual([]);
  });

  test('repopulate-application', () => {
    const out = JSON.parse(Testing.synth(new RepopulateApplicationStack(Testing.app(), 'repopulate-application', { tenantId: TENANT })));
    expect(deprecatedArguments(out)).toEqual([]);
  });

  test('0.1.0 set one (end_date_relative), and the check finds it', () => {
    const old = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', '0.1.0', 'standard.defender-integration.json'), 'utf8'));
    expect(deprecatedArguments(old)).toEqual([
      expect.stringMatching(/^resource azuread_application_password\.xdr-application_secret_93EAFBE2: end_date_relative \(azuread /),
    ]);
  });

  test('a type the table does not know fails, so a new type is looked up before it ships', () => {
    expect(deprecatedArguments({ resource: { azurerm_made_up: { x: {} } } })).toEqual([
      expect.stringMatching(/^resource azurerm_made_up: not in deprecated-arguments\.json/),
    ]);
  });
});
