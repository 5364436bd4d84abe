/**
 * Deployment settings that are not variables of the guide's terraform.tfvars (the guide's file must
 * stay usable unchanged, and unknown variables are refused there). They come from the environment,
 * so a Cloud Shell user sets them with `export` and a CI job with its own variables.
 */
import { checkEmail, checkGuid, failures, problem } from '../../rules/checks';
import { checkAllowedIpRanges } from '../../rules/network';
import { checkSecretSchedule } from '../../rules/secret';

export interface RemoteStateSettings {
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  /** Blob name; the stack name is appended so stacks never share a state blob. */
  readonly keyPrefix: string;
}

export interface DeploymentSettings {
  /** XDR_ADOPT_EXISTING: import a deployment the guide's zip already created. @default false */
  readonly adoptExisting: boolean;
  /**
   * XDR_ADOPT_APPLICATION_OBJECT_ID: the object ID of the application to adopt, for when more than one
   * application carries the guide's display name. Read only with XDR_ADOPT_EXISTING.
   * @default looked up by display name
   */
  readonly adoptApplicationObjectId?: string;
  /**
   * XDR_APPLY_CAPACITY: for one deploy, set an auto-inflating namespace's capacity to
   * eventhub_throughput_allocated instead of leaving it where auto-inflate took it. @default false
   */
  readonly applyCapacity?: boolean;
  /**
   * XDR_ADOPT_REPLACEMENT: with XDR_ADOPT_EXISTING, a replacement (replacement_eventhub = true) the
   * guide's zip already created is adopted too; without it adoption refuses a replacement.
   * @default false
   */
  readonly adoptReplacement?: boolean;
  /** XDR_ALLOW_DESTROY: lift `prevent_destroy` for the removal procedure. @default false */
  readonly allowDestroy: boolean;
  /** XDR_SECRET_ROTATION_DAYS. @default XdrApplication's default */
  readonly secretRotationDays?: number;
  /** XDR_SECRET_LIFETIME_DAYS. @default XdrApplication's default */
  readonly secretLifetimeDays?: number;
  /** XDR_ALERT_EMAIL: turns on the scaling alerts and sends them here. @default off */
  readonly alertEmail?: string;
  /** XDR_ALLOWED_IP_RANGES: comma-separated IPv4 CIDRs allowed to reach the namespace. @default every address */
  readonly allowedIpRanges?: readonly string[];
  /** XDR_STATE_*: the azurerm backend. @default local state */
  readonly remoteState?: RemoteStateSettings;
}

export const DEFAULT_SETTINGS: DeploymentSettings = { adoptExisting: false, allowDestroy: false };

export interface SettingsResult {
  readonly settings?: DeploymentSettings;
  readonly errors: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

function flag(env: Env, name: string, errors: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return false;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  errors.push(problem(name, raw, 'must be true or false (or 1 or 0)'));
  return false;
}

function days(env: Env, name: string, errors: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw);
  errors.push(problem(name, raw, 'must be a whole number of days'));
  return undefined;
}

const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function remoteState(env: Env, errors: string[]): RemoteStateSettings | undefined {
  const names = ['XDR_STATE_RESOURCE_GROUP', 'XDR_STATE_STORAGE_ACCOUNT', 'XDR_STATE_CONTAINER'] as const;
  const given = names.filter((n) => env[n]);
  if (given.length === 0) return undefined;
  if (given.length < names.length) {
    const missing = names.filter((n) => !env[n]);
    errors.push(`${missing.join(', ')}: must be set too; the azurerm backend needs ${names.join(', ')} together`);
    return undefined;
  }
  const settings: RemoteStateSettings = {
    resourceGroupName: env.XDR_STATE_RESOURCE_GROUP as string,
    storageAccountName: env.XDR_STATE_STORAGE_ACCOUNT as string,
    containerName: env.XDR_STATE_CONTAINER as string,
    keyPrefix: env.XDR_STATE_KEY_PREFIX || 'xdr-defender',
  };
  if (!STORAGE_ACCOUNT.test(settings.storageAccountName)) {
    errors.push(problem('XDR_STATE_STORAGE_ACCOUNT', settings.storageAccountName, 'must be 3-24 lower-case letters and digits'));
  }
  if (!CONTAINER.test(settings.containerName)) {
    errors.push(problem('XDR_STATE_CONTAINER', settings.containerName, 'must be 3-63 lower-case letters, digits and single hyphens'));
  }
  if (!/^[-\w.()]{1,90}$/.test(settings.resourceGroupName)) {
    errors.push(
      problem('XDR_STATE_RESOURCE_GROUP', settings.resourceGroupName, 'must be a resource group name (1-90 letters, digits, "-_.()")'),
    );
  }
  if (!/^[-\w./]{1,200}$/.test(settings.keyPrefix)) {
    errors.push(problem('XDR_STATE_KEY_PREFIX', settings.keyPrefix, 'must be 1-200 letters, digits, "-", "_", "." or "/"'));
  }
  return settings;
}

/** Reads every XDR_* setting from an environment; every problem at once, each naming its variable. */
export function readDeploymentSettings(env: Env): SettingsResult {
  const errors: string[] = [];
  const alertEmail = env.XDR_ALERT_EMAIL || undefined;
  if (alertEmail !== undefined) errors.push(...failures(checkEmail('XDR_ALERT_EMAIL', alertEmail)));
  const ranges = env.XDR_ALLOWED_IP_RANGES?.split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (ranges && ranges.length > 0) errors.push(...checkAllowedIpRanges('XDR_ALLOWED_IP_RANGES', ranges));
  const adoptExisting = flag(env, 'XDR_ADOPT_EXISTING', errors);
  const adoptApplicationObjectId = env.XDR_ADOPT_APPLICATION_OBJECT_ID || undefined;
  if (adoptApplicationObjectId !== undefined) {
    errors.push(
      ...failures(
        adoptExisting
          ? checkGuid('XDR_ADOPT_APPLICATION_OBJECT_ID', adoptApplicationObjectId)
          : problem('XDR_ADOPT_APPLICATION_OBJECT_ID', adoptApplicationObjectId, 'is read only together with XDR_ADOPT_EXISTING=true'),
      ),
    );
  }
  const adoptReplacement = flag(env, 'XDR_ADOPT_REPLACEMENT', errors);
  if (adoptReplacement && !adoptExisting) {
    errors.push(problem('XDR_ADOPT_REPLACEMENT', env.XDR_ADOPT_REPLACEMENT, 'is read only together with XDR_ADOPT_EXISTING=true'));
  }
  const errorsBefore = errors.length;
  const secretRotationDays = days(env, 'XDR_SECRET_ROTATION_DAYS', errors);
  const secretLifetimeDays = days(env, 'XDR_SECRET_LIFETIME_DAYS', errors);
  // a schedule is judged only when both of its numbers could be read
  if (errors.length === errorsBefore)
    errors.push(
      ...checkSecretSchedule({
        rotationSetting: 'XDR_SECRET_ROTATION_DAYS',
        rotationDays: secretRotationDays,
        lifetimeSetting: 'XDR_SECRET_LIFETIME_DAYS',
        lifetimeDays: secretLifetimeDays,
      }),
    );
  const settings: DeploymentSettings = {
    adoptExisting,
    adoptApplicationObjectId,
    ...(adoptReplacement ? { adoptReplacement } : {}),
    allowDestroy: flag(env, 'XDR_ALLOW_DESTROY', errors),
    ...(flag(env, 'XDR_APPLY_CAPACITY', errors) ? { applyCapacity: true } : {}),
    secretRotationDays,
    secretLifetimeDays,
    alertEmail,
    allowedIpRanges: ranges && ranges.length > 0 ? ranges : undefined,
    remoteState: remoteState(env, errors),
  };
  return errors.length > 0 ? { errors } : { settings, errors };
}
