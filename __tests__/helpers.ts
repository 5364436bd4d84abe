import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { GUIDE_DEFAULTS, GuideVariables } from '../lib/guide/config/variables';
import { DeploymentSettings } from '../lib/guide/config/settings';
import { DefenderIntegrationStack } from '../lib/guide/stacks/defender-integration-stack';
import { InvalidSettingsError } from '../lib/rules/errors';

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const SUBSCRIPTION = '66666666-7777-8888-9999-000000000000';

/** The guide's defaults with real-looking IDs; overrides are applied on top. */
export function guideVariables(overrides: Partial<GuideVariables> = {}): GuideVariables {
  return { ...GUIDE_DEFAULTS, azure_tenant_id: TENANT, azure_subscription_id: SUBSCRIPTION, ...overrides };
}

export const PREMIUM: Partial<GuideVariables> = { eventhub_tier: 'Premium', eventhub_processing_units: 4, eventhub_partition_count: 100 };
export const DEDICATED: Partial<GuideVariables> = {
  require_dedicated_cluster: true,
  eventhub_partition_count: 1024,
  data_retention_length: 30,
};
export const REPLACEMENT: Partial<GuideVariables> = { client_name: 'CustomerName2', replacement_eventhub: true };

/** A synthesized DefenderIntegrationStack as parsed JSON. */
export function synthDefender(overrides: Partial<GuideVariables> = {}, settings?: DeploymentSettings): any {
  const app = Testing.app();
  const stack = new DefenderIntegrationStack(app, 'defender-integration', { variables: guideVariables(overrides), settings });
  return JSON.parse(Testing.synth(stack));
}

/** The single resource of a type in a synthesized stack (fails the test if there is not exactly one). */
export function onlyResource(synth: any, type: string): any {
  const all = Object.values(synth.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Every file under a folder, by relative path, with its contents ('base64' compares bytes exactly). */
export function fileTree(dir: string, encoding: BufferEncoding = 'utf8'): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, encoding);
    }
  };
  walk(dir);
  return files;
}

/** The outputs of every stack that holds the XDR application (the rotation's deadlines and counter included). */
export const APPLICATION_OUTPUTS = [
  'azure_consent_url',
  'client_id',
  'client_secret',
  'client_secret_expires_at',
  'client_secret_key_id',
  'client_secret_rotate_by',
  'previous_client_secret_expires_at',
  'previous_client_secret_key_id',
  'secret_generation',
  'tenant_id',
];

/** The lines of the InvalidSettingsError `load` rejects with (fails the test if it resolves). */
export async function problemsOf(load: Promise<unknown>): Promise<readonly string[]> {
  try {
    await load;
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A stack built by `build`, synthesized and parsed. */
export function synthStack(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 'stack');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The lines of the InvalidSettingsError a stack built by `build` is refused with (fails the test if it synthesizes). */
export function refusalOf(build: (stack: TerraformStack) => void): string[] {
  try {
    synthStack(build);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a refusal');
}
