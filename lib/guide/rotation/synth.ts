/**
 * The synth's part of the rotation (help/rotation.md): per stack that holds the application, the
 * rotation counter to synthesize and the line saying what the deploy does to the secrets, from the
 * `secret_generation` setting and the stack's local state file. Never runs terraform: state kept in
 * Azure storage is reported as unknown here (`npm run rotate` reads it).
 */
import * as path from 'path';
import { DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK, tenantStackName } from '../stack-names';
import { localStateFolder, stateFileName } from '../local-state';
import { DeploymentSettings } from '../config/settings';
import { Tenant } from '../config/tenants';
import { DEFAULT_SECRET_LIFETIME_DAYS, DEFAULT_SECRET_ROTATION_DAYS } from '../../rules/secret';
import { planRotation } from './plan';
import { readStateFile } from './read';
import { DeployedSecrets, deployedSecrets } from './state';

/**
 * The synthesized stacks of a tenant that hold the XDR application, with their local state file names
 * (the name both stacks give their backend: `terraform.<stack>.tfstate`; a replacement holds no
 * application; the recovery stack exists only with `repopulate_application`).
 */
function applicationStacks(tenant: Tenant, settings: DeploymentSettings): string[] {
  return [
    ...(tenant.variables.replacement_eventhub ? [] : [DEFENDER_INTEGRATION_STACK]),
    ...(settings.repopulateApplication ? [REPOPULATE_APPLICATION_STACK] : []),
  ].map((stack) => tenantStackName(tenant.name, stack));
}

export interface SynthRotation {
  /** Per stack name, the rotation counter to synthesize. */
  readonly generations: Readonly<Record<string, number>>;
  /** One line per stack that holds the application. */
  readonly lines: readonly string[];
  /** Refusals (a counter that is neither the deployed one nor the next, an unreadable state). */
  readonly refused: readonly string[];
}

export function planSynthRotation(
  tenants: readonly Tenant[],
  settings: DeploymentSettings,
  outdir: string,
  now = Date.now(),
): SynthRotation {
  const generations: Record<string, number> = {};
  const lines: string[] = [];
  const refused: string[] = [];
  for (const stack of tenants.flatMap((tenant) => applicationStacks(tenant, settings))) {
    let deployed: DeployedSecrets | 'remote' | undefined = 'remote';
    if (settings.remoteState === undefined) {
      const state = readStateFile(path.join(localStateFolder(outdir), stateFileName(stack)));
      if (state !== undefined && 'refused' in state) {
        refused.push(state.refused);
        continue;
      }
      deployed = state === undefined ? undefined : deployedSecrets(state);
    }
    const result = planRotation(
      stack,
      settings.secretGeneration,
      deployed,
      settings.secretRotationDays ?? DEFAULT_SECRET_ROTATION_DAYS,
      now,
      outdir,
      settings.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS,
    );
    if ('refused' in result) refused.push(result.refused);
    else {
      generations[stack] = result.plan.generation;
      lines.push(result.plan.line);
    }
  }
  return { generations, lines, refused };
}
