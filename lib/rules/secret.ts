/**
 * The client secret's schedule, shared by XdrApplication (props) and the XDR_SECRET_* settings, so
 * both refuse the same values with messages naming their own setting.
 */
import { checkWholeNumber, failures, problem } from './checks';

/** Default days after which a deploy replaces a client secret. */
export const DEFAULT_SECRET_ROTATION_DAYS = 180;
/** Default days a client secret is valid, from the start of its rotation period. */
export const DEFAULT_SECRET_LIFETIME_DAYS = 210;
/** Entra ID refuses client secrets valid for longer than two years. */
export const MAX_SECRET_LIFETIME_DAYS = 730;

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
    checkWholeNumber(schedule.rotationSetting, rotation, 1, MAX_SECRET_LIFETIME_DAYS - 1),
    checkWholeNumber(schedule.lifetimeSetting, lifetime, 1, MAX_SECRET_LIFETIME_DAYS),
  );
  if (found.length === 0 && lifetime <= rotation) {
    found.push(
      problem(
        schedule.lifetimeSetting,
        lifetime,
        `must be longer than ${schedule.rotationSetting} (${rotation}) so a secret outlives its rotation`,
      ),
    );
  } else if (found.length === 0 && lifetime + rotation / 2 > MAX_SECRET_LIFETIME_DAYS) {
    // the second secret of a new deployment first runs one and a half rotation periods
    found.push(
      problem(
        schedule.lifetimeSetting,
        lifetime,
        `must be at most ${MAX_SECRET_LIFETIME_DAYS - rotation / 2} with ${schedule.rotationSetting} ${rotation}: the second secret's first period is half a rotation longer, and Entra ID refuses secrets valid for more than ${MAX_SECRET_LIFETIME_DAYS} days`,
      ),
    );
  }
  return found;
}
