/**
 * What this deploy does to a stack's client secrets, decided at synth from the `secret_generation`
 * setting and the deployed state (help/rotation.md): the rotation counter to synthesize, one line
 * saying so, or one refusal. Pure: the state is passed in, `now` too.
 */
import { SETTINGS_FILE } from '../config/settings';
import { DEFAULT_SECRET_LIFETIME_DAYS, DEFAULT_SECRET_ROTATION_DAYS, MIN_TYPING_WINDOW_DAYS, currentSlot } from '../../rules/secret';
import { DeployedSecret, DeployedSecrets, currentAndPrevious, deployedGeneration } from './state';
import { DEFAULT_OUTPUT_FOLDER, cdktfCommand, projectCommand } from '../local-state';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The rotation command sequence every message gives, for the stacks in `outdir`. */
export function rotateSteps(outdir = DEFAULT_OUTPUT_FOLDER): string {
  return `${projectCommand('rotate', outdir)}, then deploy, then ${projectCommand('values', outdir)} and type the new client_secret into XDR`;
}

export interface RotationPlan {
  /** The rotation counter to synthesize. */
  readonly generation: number;
  /** This deploy deletes the older secret and issues a new current one. */
  readonly rotates: boolean;
  /** The current secret's rotation date has passed: the operator should run npm run rotate before deploying. */
  readonly rotationDue: boolean;
  /** The line the synth prints for the stack. */
  readonly line: string;
}

export type PlanResult = { readonly plan: RotationPlan } | { readonly refused: string };

/** The date of an RFC 3339 time, as the outputs show it (UTC). */
export function day(time: string | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * When a secret's rotation falls due (as `client_secret_rotate_by`): its start plus the rotation period,
 * or lifetime - rotation days before it expires when that is earlier. A secret keeps the end date it was
 * issued with, so after the lifetime or the rotation period is raised its rotation still falls due early
 * enough for the new N (maxDeployIntervalDays): deploys at most N days apart keep XDR signed in.
 */
export function rotateBy(
  secret: DeployedSecret,
  rotationDays = DEFAULT_SECRET_ROTATION_DAYS,
  lifetimeDays = DEFAULT_SECRET_LIFETIME_DAYS,
): number {
  const fromStart = Date.parse(secret.startDate) + rotationDays * DAY_MS;
  const beforeEnd = Date.parse(secret.endDate) - (lifetimeDays - rotationDays) * DAY_MS;
  return Number.isNaN(beforeEnd) ? fromStart : Math.min(fromStart, beforeEnd);
}

function nameSecret(secret: DeployedSecret | undefined): string {
  return secret === undefined ? 'none yet' : secret.keyId;
}

/**
 * The warnings for the secret XDR should hold at generation g: rotation due, or expiry within
 * MIN_TYPING_WINDOW_DAYS, each ending in `advice` (what to run). Empty when neither.
 */
export function secretWarnings(
  deployed: DeployedSecrets,
  generation: number,
  rotationDays: number,
  now: number,
  advice: string,
  lifetimeDays = DEFAULT_SECRET_LIFETIME_DAYS,
): string[] {
  const { current } = currentAndPrevious(deployed, generation);
  if (current === undefined || current.startDate === '') return [];
  const warnings: string[] = [];
  const due = rotateBy(current, rotationDays, lifetimeDays);
  const expires = Date.parse(current.endDate);
  if (expires - now <= MIN_TYPING_WINDOW_DAYS * DAY_MS) {
    warnings.push(
      `client_secret ${current.keyId} ${expires <= now ? 'expired' : 'expires'} on ${day(expires)}: XDR cannot sign in with it after that; ${advice} now`,
    );
  } else if (due <= now) {
    warnings.push(`rotation due since ${day(due)} (client_secret ${current.keyId}, valid until ${day(expires)}): ${advice}`);
  }
  return warnings;
}

/**
 * The plan for one stack: `setting` is secret_generation from the settings file, `deployed` the state
 * (undefined: unreadable here), `outdir` the output folder the commands the line names work on,
 * `rotationDays` and `lifetimeDays` the schedule settings (rotateBy).
 */
export function planRotation(
  stack: string,
  setting: number | undefined,
  deployed: DeployedSecrets | 'remote' | undefined,
  rotationDays: number,
  now: number,
  outdir = DEFAULT_OUTPUT_FOLDER,
  lifetimeDays = DEFAULT_SECRET_LIFETIME_DAYS,
): PlanResult {
  const rotate = (...args: string[]) => projectCommand('rotate', outdir, ...args);
  const values = projectCommand('values', outdir);
  // without a readable deployed counter: xdr.tfvars' value, else 0, and nothing to compare it with
  const unread = (line: string): PlanResult => ({ plan: { generation: setting ?? 0, rotates: false, rotationDue: false, line } });
  if (deployed === 'remote' && setting === undefined) {
    // a second clone, a new machine: synthesizing 0 over a deployed counter of 1 or more changes the
    // issue records, and a changed record replaces its secret (the one XDR holds among them)
    return unread(
      `Warning: ${stack}: ${SETTINGS_FILE} has no secret_generation and the state is in Azure storage, so this synth deploys secret_generation 0: if ${stack} is deployed at a higher counter, this deploy replaces the client secret XDR holds. Before deploying, run ${cdktfCommand('diff', [stack], outdir)} (it changes nothing), then ${rotate('--record')}, which writes the deployed counter.`,
    );
  }
  if (deployed === 'remote') {
    return unread(
      `${stack}: client secrets at secret_generation ${setting ?? 0}; whether this deploy replaces one is unknown at synth (state in Azure storage): ${rotate()} reads the state and says so. Upgrading from a release with time_rotating timers: run ${rotate('--record')} before the first deploy.`,
    );
  }
  const found = deployed === undefined ? ({ kind: 'none' } as const) : deployedGeneration(deployed);
  if (found.kind === 'none') {
    return unread(
      `${stack}: not deployed yet: this deploy issues both client secrets; after it, ${values} shows client_secret for XDR's Client Secret field.`,
    );
  }
  const secrets = deployed as DeployedSecrets;
  const was = found.generation;
  const generation = setting ?? was;
  if (generation !== was && generation !== was + 1) {
    return {
      refused: `${SETTINGS_FILE}: secret_generation = ${setting}: must be ${was} (deployed in ${stack}) or ${was + 1} (the next rotation, which ${rotate()} writes)`,
    };
  }
  if (found.kind === 'timers' && generation === was + 1) {
    // the first deploy of this release creates the issue records, and a created record triggers no
    // replacement: this counter would name a secret that is never issued as the current one
    return {
      refused: `${SETTINGS_FILE}: secret_generation = ${setting}: ${stack}'s state is from the release with time_rotating timers, whose current secret is generation ${was}; write secret_generation = ${was} there instead (by hand: npm run rotate needs a synthesized stack, and this synth is refused), deploy, then ${rotate()}`,
    };
  }
  const recorded =
    found.kind === 'timers' ? `, read from the earlier release's time_rotating timers, which this deploy removes from the state` : '';
  const { current, previous } = currentAndPrevious(secrets, was);
  if (generation === was + 1) {
    return {
      plan: {
        generation,
        rotates: true,
        rotationDue: false,
        line:
          `${stack}: this deploy rotates the client secret (secret_generation ${was} -> ${generation}): it deletes the older secret ${nameSecret(previous)} ` +
          `and issues a new one; the secret XDR holds, ${nameSecret(current)} (client_secret until now), is kept. ` +
          `After the deploy: ${values}, and type the new client_secret into XDR's Client Secret field before ${current === undefined ? 'the kept secret expires' : day(current.endDate)}.`,
      },
    };
  }
  // a rotation cannot be deployed before the state records the counter (the refusal above): this deploy records it
  const advice =
    found.kind === 'timers'
      ? `deploy once first (it records secret_generation and replaces no secret), then ${rotateSteps(outdir)}`
      : `run ${rotateSteps(outdir)}`;
  const warnings = secretWarnings(secrets, generation, rotationDays, now, advice, lifetimeDays);
  const slotNote = `client_secret is ${nameSecret(secrets.slots[currentSlot(generation)])}`;
  const dueNote =
    current === undefined || current.startDate === '' ? '' : `, rotation due ${day(rotateBy(current, rotationDays, lifetimeDays))}`;
  return {
    plan: {
      generation,
      rotates: false,
      rotationDue: warnings.length > 0 && found.kind === 'recorded',
      line:
        warnings.length > 0
          ? `Warning: ${stack}: this deploy replaces no client secret; ${warnings.join('; ')}.`
          : `${stack}: this deploy replaces no client secret (secret_generation ${generation}${recorded}; ${slotNote}${dueNote}).`,
    },
  };
}
