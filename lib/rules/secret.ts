/**
 * The client secret's schedule and rotation counter (help/rotation.md), shared by XdrApplication
 * (props), the `secret_*` settings, the synth's rotation line and `npm run rotate`, so every one of them
 * states the same deadlines and refuses the same values with messages naming its own setting.
 *
 * Two secrets live in two slots. The rotation counter ("generation") g says which slot is current
 * (g % 2) and which generation each slot was issued in: raising g by one re-issues exactly one slot, the
 * one that becomes current, and leaves the other, the secret XDR holds, as it is.
 */
import { checkWholeNumber, failures, problem } from './checks';

/** Default days after a secret's issue when its rotation falls due (a date only: nothing rotates by itself). */
export const DEFAULT_SECRET_ROTATION_DAYS = 180;
/** Default days a new client secret is valid, from its issue. */
export const DEFAULT_SECRET_LIFETIME_DAYS = 300;
/** Entra ID refuses client secrets valid for longer than two years. */
export const MAX_SECRET_LIFETIME_DAYS = 730;
/**
 * Days a secret stays valid after its rotation date at the least: the time to type its successor into
 * XDR when the rotating deploy runs on the rotation date itself.
 */
export const MIN_TYPING_WINDOW_DAYS = 30;
/** The longest rotation period: a secret must outlive it by MIN_TYPING_WINDOW_DAYS within Entra ID's limit. */
export const MAX_SECRET_ROTATION_DAYS = MAX_SECRET_LIFETIME_DAYS - MIN_TYPING_WINDOW_DAYS;
/** The largest rotation counter accepted: far beyond any lifetime of a deployment, small enough to stay exact. */
export const MAX_SECRET_GENERATION = 1_000_000;

/** The two slots: 0 is the `secret` address (the only secret of release 0.1.0), 1 is `second-secret`. */
export const SECRET_SLOTS = [0, 1] as const;
export type SecretSlot = (typeof SECRET_SLOTS)[number];

/** The slot that holds the current secret (the one XDR should hold) at generation `g`. */
export function currentSlot(generation: number): SecretSlot {
  return (generation % 2) as SecretSlot;
}

/**
 * The generation in which `slot`'s secret was issued, at generation `g`: the last generation at or
 * before g that made this slot current (0 before its first turn: a new deployment issues both at once).
 * From g to g + 1 only the slot that becomes current changes.
 */
export function slotIssueGeneration(generation: number, slot: SecretSlot): number {
  return generation < slot ? 0 : generation - ((generation - slot) % 2);
}

/**
 * The longest gap between deploys, in days, for which the secret XDR holds never expires when every
 * deploy does what the synth says: a rotation falls due `rotation` days after a secret is issued, the
 * first deploy after that rotates, and the secret it supersedes keeps working until `lifetime` days
 * after its issue, of which `MIN_TYPING_WINDOW_DAYS` are left to type the new one into XDR.
 */
export function maxDeployIntervalDays(rotationDays = DEFAULT_SECRET_ROTATION_DAYS, lifetimeDays = DEFAULT_SECRET_LIFETIME_DAYS): number {
  return lifetimeDays - rotationDays - MIN_TYPING_WINDOW_DAYS;
}

export interface SecretSchedule {
  readonly rotationSetting: string;
  readonly rotationDays?: number;
  readonly lifetimeSetting: string;
  readonly lifetimeDays?: number;
}

/** Every problem with a rotation period and lifetime (unset ones take the defaults); empty when valid. */
export function checkSecretSchedule(schedule: SecretSchedule): string[] {
  const rotation = schedule.rotationDays ?? DEFAULT_SECRET_ROTATION_DAYS;
  const lifetime = schedule.lifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS;
  const found = failures(
    checkWholeNumber(schedule.rotationSetting, rotation, 1, MAX_SECRET_ROTATION_DAYS),
    checkWholeNumber(schedule.lifetimeSetting, lifetime, 1 + MIN_TYPING_WINDOW_DAYS, MAX_SECRET_LIFETIME_DAYS),
  );
  if (found.length === 0 && lifetime < rotation + MIN_TYPING_WINDOW_DAYS) {
    found.push(
      problem(
        schedule.lifetimeSetting,
        lifetime,
        `must be at least ${schedule.rotationSetting} (${rotation}) + ${MIN_TYPING_WINDOW_DAYS}, so a secret stays valid ${MIN_TYPING_WINDOW_DAYS} days past its rotation date while its successor is typed into XDR`,
      ),
    );
  }
  return found;
}

/** The problem with a rotation counter, or `undefined` when it is a whole number from 0 to MAX_SECRET_GENERATION. */
export function checkSecretGeneration(setting: string, generation: number): string | undefined {
  return checkWholeNumber(setting, generation, 0, MAX_SECRET_GENERATION);
}
