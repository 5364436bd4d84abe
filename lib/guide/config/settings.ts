/**
 * Deployment settings that are not variables of the guide's terraform.tfvars (the guide's file must
 * stay usable unchanged, and unknown variables are refused there). They persist in the settings file
 * `xdr.tfvars` (HCL, read like terraform.tfvars), because every cdktf command synthesizes again in a
 * new shell; an XDR_* environment variable overrides its key for one command. One-off switches
 * (allowing destroy) are read from the environment only.
 */
import * as path from 'path';
import { checkEmail, checkGuid, problem } from '../../rules/checks';
import { MAX_IP_RULES, checkAllowedIpRanges } from '../../rules/network';
import { MAX_SECRET_LIFETIME_DAYS, MAX_SECRET_ROTATION_DAYS, checkSecretGeneration, checkSecretSchedule } from '../../rules/secret';
import { MAX_TAG_NAME_CHARS, checkTags } from '../../rules/tags';
import { checkText, visible } from '../../rules/text';
import { checkNamespaceName } from '../../rules/naming';
import { userMap } from '../../rules/user-map';
import { didYouMean, unknownName } from './variables';

/** The azurerm backend that keeps the stacks' Terraform state in an Azure storage account (the state_* settings). */
export interface RemoteStateSettings {
  /** state_resource_group: the resource group of the storage account. */
  readonly resourceGroupName: string;
  /** state_storage_account: the storage account that holds the state blobs. */
  readonly storageAccountName: string;
  /** state_container: the blob container the state blobs are written to. */
  readonly containerName: string;
  /** Blob name; the stack name is appended so stacks never share a state blob. */
  readonly keyPrefix: string;
}

/**
 * The deployment settings as read from xdr.tfvars and the XDR_* environment variables: everything the
 * stacks need beyond the guide's terraform.tfvars.
 */
export interface DeploymentSettings {
  /** adopt_existing: import a deployment the guide's zip already created. @default false */
  readonly adoptExisting: boolean;
  /**
   * adopt_application_object_id: the object ID of the application to adopt, for when more than one
   * application carries the guide's display name. Read only with adopt_existing.
   * @default looked up by display name
   */
  readonly adoptApplicationObjectId?: string;
  /**
   * apply_capacity: a request (any text; `npm run size -- --write` writes the time) that the next
   * deploy sets an auto-inflating namespace's capacity to eventhub_throughput_allocated instead of
   * leaving it where auto-inflate took it. That deploy records the request in the state, and later
   * deploys leave the capacity to auto-inflate again (lib/guide/sizing/capacity-plan.ts). Text: a
   * request for every namespace; a map: one per namespace name (what `--write` writes), so sizing one
   * tenant or a replacement never resets another namespace.
   * @default no request: auto-inflate manages the capacity
   */
  readonly applyCapacity?: string | Readonly<Record<string, string>>;
  /**
   * XDR_ADOPT_REPLACEMENT: with XDR_ADOPT_EXISTING, a replacement (replacement_eventhub = true) the
   * guide's zip already created is adopted too; without it adoption refuses a replacement.
   * @default false
   */
  readonly adoptReplacement?: boolean;
  /** XDR_ALLOW_DESTROY (environment only): lift `prevent_destroy` for the removal procedure. @default false */
  readonly allowDestroy: boolean;
  /** secret_rotation_days. @default XdrApplication's default */
  readonly secretRotationDays?: number;
  /** secret_lifetime_days. @default XdrApplication's default */
  readonly secretLifetimeDays?: number;
  /**
   * secret_generation (the settings file only; `npm run rotate` writes it): the rotation counter.
   * @default the deployed one (help/rotation.md)
   */
  readonly secretGeneration?: number;
  /**
   * Per stack name, the rotation counter the synth resolved from secret_generation and that stack's
   * state (lib/guide/rotation/synth.ts); not a setting anyone types. @default secretGeneration
   */
  readonly secretGenerations?: Readonly<Record<string, number>>;
  /** alert_email: turns on the scaling alerts and sends them here. @default off */
  readonly alertEmail?: string;
  /** allowed_ip_ranges: IPv4 addresses or CIDRs allowed to reach the namespace. @default every address */
  readonly allowedIpRanges?: readonly string[];
  /**
   * xdr_egress_ranges: the addresses XDR reads the hub from, added to the allow-list; required with
   * allowed_ip_ranges unless xdr_egress_acknowledged. @default none
   */
  readonly xdrEgressRanges?: readonly string[];
  /** xdr_egress_acknowledged: with allowed_ip_ranges, XDR reads through addresses or a route already allowed. @default false */
  readonly xdrEgressAcknowledged?: boolean;
  /** state_*: the azurerm backend. @default local state */
  readonly remoteState?: RemoteStateSettings;
  /** tags: Azure tags on every resource that takes them, and the application's tags. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** grant_admin_consent: the deploy grants the application roles itself (no consent click). @default false */
  readonly grantAdminConsent?: boolean;
  /**
   * streaming_api_principal_id: object ID of the user or group who configures Defender's Streaming API,
   * given the role it needs on the namespace. @default no role assignment
   */
  readonly streamingApiPrincipalId?: string;
  /**
   * repopulate_application: synthesize the repopulate-application stack, which declares a second XDR
   * application (to recreate a deleted one, or to keep the application after a replacement).
   * @default false: deploying every stack never creates the application twice
   */
  readonly repopulateApplication?: boolean;
}

/** The settings when none is given: no adoption and destroy prevented; every optional setting at its default. */
export const DEFAULT_SETTINGS: DeploymentSettings = { adoptExisting: false, allowDestroy: false };

/** The settings file the app reads from the working folder when XDR_SETTINGS names no other. */
export const SETTINGS_FILE = 'xdr.tfvars';

/** The settings file a command writes to: XDR_SETTINGS, else ./xdr.tfvars. */
export function settingsFileLocation(env: Env): string {
  return env.XDR_SETTINGS || SETTINGS_FILE;
}
/** The guide's variables, when neither `tfvars` nor XDR_TFVARS names another file or folder. */
export const DEFAULT_TFVARS = 'terraform.tfvars';

/**
 * The type of a setting's value: text, a flag (true or false), a whole number of days, a list of
 * strings or a map of strings.
 */
export type SettingKind = 'text' | 'flag' | 'days' | 'list' | 'map';

/** One deployment setting: its key in xdr.tfvars, its environment variable and its rule. */
export interface SettingSpec {
  /** Key in the settings file. */
  readonly key: string;
  /** Environment variable that overrides the key for one command. */
  readonly env: string;
  /** Whether the settings file may hold it; `false` for one-off switches that stay in the environment. */
  readonly persisted: boolean;
  /** Set for a key only the file may hold: why its environment variable is refused. */
  readonly fileOnly?: string;
  /** The type of value it takes, which decides how it is read and converted. */
  readonly kind: SettingKind;
  /** The longest string allowed (each list item; each tag name for a map). */
  readonly maxLength: number;
  /** What the setting does, in one sentence, for the docs and the CLI help. */
  readonly description: string;
}

/** Linux's PATH_MAX: no longer path can be opened. */
const MAX_PATH_CHARS = 4096;
const GUID_CHARS = 36;

/** Every setting, in the order of xdr.tfvars.example; docs and tests enumerate this list. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'tfvars',
    env: 'XDR_TFVARS',
    persisted: true,
    kind: 'text',
    maxLength: MAX_PATH_CHARS,
    description:
      "The guide's terraform.tfvars, or a folder of tenant files (one *.tfvars per tenant); a relative path starts at the settings file's folder",
  },
  {
    key: 'alert_email',
    env: 'XDR_ALERT_EMAIL',
    persisted: true,
    kind: 'text',
    maxLength: 254, // RFC 5321's limit on an address a mail server accepts
    description: 'Turns on the scaling alerts (action group and metric alerts) and sends them to this address',
  },
  {
    key: 'allowed_ip_ranges',
    env: 'XDR_ALLOWED_IP_RANGES',
    persisted: true,
    kind: 'list',
    maxLength: 18, // 255.255.255.255/32
    description:
      'IPv4 addresses or CIDR ranges (1-128) that may reach the namespace; every other address is denied. Environment: comma-separated',
  },
  {
    key: 'xdr_egress_ranges',
    env: 'XDR_EGRESS_RANGES',
    persisted: true,
    kind: 'list',
    maxLength: 18, // 255.255.255.255/32
    description:
      'The IPv4 addresses or CIDR ranges XDR reads the hub from (from Secureworks), added to allowed_ip_ranges; required with it unless xdr_egress_acknowledged. Environment: comma-separated',
  },
  {
    key: 'xdr_egress_acknowledged',
    env: 'XDR_EGRESS_ACKNOWLEDGED',
    persisted: true,
    kind: 'flag',
    maxLength: 5,
    description: 'With allowed_ip_ranges and no xdr_egress_ranges: XDR reaches the namespace through addresses or a route already allowed',
  },
  {
    key: 'apply_capacity',
    env: 'XDR_APPLY_CAPACITY',
    persisted: true,
    kind: 'text',
    maxLength: 64,
    description:
      "A request (npm run size -- --write writes the time, per namespace name) that the next deploy sets an auto-inflating namespace's capacity to eventhub_throughput_allocated; that deploy records it in the state and later deploys leave the capacity to auto-inflate. Text: every namespace; a map: the namespaces it names",
  },
  {
    key: 'secret_rotation_days',
    env: 'XDR_SECRET_ROTATION_DAYS',
    persisted: true,
    kind: 'days',
    maxLength: 3,
    description: 'Days after its issue when a client secret is due for rotation (npm run rotate); never replaces one (default 180)',
  },
  {
    key: 'secret_lifetime_days',
    env: 'XDR_SECRET_LIFETIME_DAYS',
    persisted: true,
    kind: 'days',
    maxLength: 3,
    description: 'Days a new client secret is valid: at least the rotation + 30, at most 730 (default 300)',
  },
  {
    key: 'secret_generation',
    env: 'XDR_SECRET_GENERATION',
    persisted: true,
    fileOnly:
      'it decides which secret a deploy replaces, so it is read only from xdr.tfvars: unset XDR_SECRET_GENERATION, then run npm run rotate (it writes the file)',
    kind: 'days',
    maxLength: 7,
    description: 'The rotation counter: which client secret is current; npm run rotate raises it by one. File only',
  },
  {
    key: 'state_resource_group',
    env: 'XDR_STATE_RESOURCE_GROUP',
    persisted: true,
    kind: 'text',
    maxLength: 90,
    description: "Resource group of the storage account that keeps Terraform's state (azurerm backend)",
  },
  {
    key: 'state_storage_account',
    env: 'XDR_STATE_STORAGE_ACCOUNT',
    persisted: true,
    kind: 'text',
    maxLength: 24,
    description: 'Storage account of the azurerm backend',
  },
  {
    key: 'state_container',
    env: 'XDR_STATE_CONTAINER',
    persisted: true,
    kind: 'text',
    maxLength: 63,
    description: 'Blob container of the azurerm backend',
  },
  {
    key: 'state_key_prefix',
    env: 'XDR_STATE_KEY_PREFIX',
    persisted: true,
    kind: 'text',
    maxLength: 200,
    description: 'Folder of the state blobs in the container (default xdr-defender); needs the three other state settings',
  },
  {
    key: 'adopt_existing',
    env: 'XDR_ADOPT_EXISTING',
    persisted: true,
    kind: 'flag',
    maxLength: 5,
    description: "Imports a deployment the guide's zip already created (Terraform import blocks)",
  },
  {
    key: 'adopt_application_object_id',
    env: 'XDR_ADOPT_APPLICATION_OBJECT_ID',
    persisted: true,
    kind: 'text',
    maxLength: GUID_CHARS,
    description: "Object ID of the application to adopt, when several carry the guide's display name; only with adopt_existing",
  },
  {
    key: 'adopt_replacement',
    env: 'XDR_ADOPT_REPLACEMENT',
    persisted: true,
    kind: 'flag',
    maxLength: 5,
    description:
      "With adopt_existing: confirms that the guide's zip already created the replacement (replacement_eventhub = true) to adopt",
  },
  {
    key: 'tags',
    env: 'XDR_TAGS',
    persisted: true,
    kind: 'map',
    maxLength: MAX_TAG_NAME_CHARS,
    description: 'Azure tags on every resource that takes them, and the application\'s tags ("name=value"). Environment: a JSON object',
  },
  {
    key: 'grant_admin_consent',
    env: 'XDR_GRANT_ADMIN_CONSENT',
    persisted: true,
    kind: 'flag',
    maxLength: 5,
    description: 'The deploy grants the application roles (admin consent) itself; needs a privileged Entra role',
  },
  {
    key: 'streaming_api_principal_id',
    env: 'XDR_STREAMING_API_PRINCIPAL_ID',
    persisted: true,
    kind: 'text',
    maxLength: GUID_CHARS,
    description: "Object ID of the user or group who configures Defender's Streaming API; given its role on the namespace",
  },
  {
    key: 'repopulate_application',
    env: 'XDR_REPOPULATE_APPLICATION',
    persisted: true,
    kind: 'flag',
    maxLength: 5,
    description:
      'Adds the repopulate-application stack, which creates the application, service principal and secret again after the application was deleted (or takes it over after a replacement)',
  },
  {
    key: 'allow_destroy',
    env: 'XDR_ALLOW_DESTROY',
    persisted: false,
    kind: 'flag',
    maxLength: 5,
    description: 'Lifts the destroy guards for the removal procedure; environment only, so it never outlives the command it was meant for',
  },
  {
    key: 'settings',
    env: 'XDR_SETTINGS',
    persisted: false,
    kind: 'text',
    maxLength: MAX_PATH_CHARS,
    description: 'The settings file to read instead of ./xdr.tfvars; environment only, since it names the file',
  },
];

/** What `readDeploymentSettings` returns: the settings, or every problem with them. */
export interface SettingsResult {
  /** Present exactly when `errors` is empty. */
  readonly settings?: DeploymentSettings;
  /** Where the guide's variables are: a tfvars file or a folder of tenant files. */
  readonly tfvars: string;
  /** Every problem, each line starting with where the setting came from (`environment` or the settings file). */
  readonly errors: readonly string[];
}

/** The settings file as read: its path and the attributes the HCL parser found in it. */
export interface SettingsFile {
  /** The settings file's path; a relative `tfvars` in it starts at this file's folder. */
  readonly path: string;
  /** Each attribute's value by key, as the HCL parser produced it. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One setting as given: the name to show (environment variable or key), its raw value and its source. */
interface Given {
  readonly spec: SettingSpec;
  readonly name: string;
  readonly raw: unknown;
  readonly fromEnv: boolean;
  readonly where: string;
}

const PERSISTED_KEYS = SETTINGS.filter((s) => s.persisted).map((s) => s.key);
const ENV_NAMES = SETTINGS.map((s) => s.env);

function spec(key: string): SettingSpec {
  return SETTINGS.find((s) => s.key === key) as SettingSpec;
}

const BARE_WORD = /^\$\{([A-Za-z_][\w-]*)\}$/;
/** What a value of each kind but text must be, as the settings file writes it. */
const KIND_EXPECTS: Record<Exclude<SettingKind, 'text'>, string> = {
  flag: 'true or false, without quotes',
  days: 'a whole number of days, such as 90',
  list: 'a list of quoted strings, such as ["203.0.113.0/24"]',
  map: 'a map, such as { cost-center = "4711" }',
};

/** Reads, converts and judges the settings from both sources; every problem at once. */
class SettingsReader {
  readonly errors: string[] = [];
  private readonly given = new Map<string, Given>();

  constructor(env: Env, file: SettingsFile | undefined) {
    if (file !== undefined) this.readFile(file);
    for (const [name, raw] of Object.entries(env)) {
      if (!name.startsWith('XDR_')) continue;
      const found = SETTINGS.find((s) => s.env === name);
      if (found === undefined) {
        this.errors.push(`environment: ${visible(name)}: is not an XDR setting; ${didYouMean(name, ENV_NAMES, 'the settings')}`);
      } else if (found.fileOnly !== undefined && raw !== undefined) {
        this.errors.push(`environment: ${problem(name, raw, found.fileOnly)}`);
      } else if (raw !== undefined && raw !== '') {
        // an empty variable is an unset one: `export XDR_X=` must not silently clear what the file says
        this.given.set(found.key, { spec: found, name, raw, fromEnv: true, where: 'environment' });
      }
    }
  }

  private readFile(file: SettingsFile): void {
    for (const [key, raw] of Object.entries(file.values)) {
      const found = SETTINGS.find((s) => s.key === key);
      if (found === undefined) {
        this.errors.push(`${file.path}: ${unknownName(key, raw, PERSISTED_KEYS, 'the settings', 'is not a setting')}`);
      } else if (found.kind !== 'text' && typeof raw === 'string' && BARE_WORD.test(raw)) {
        // HCL hands an unquoted word over as a template of itself (`adopt_existing = yes` as "${yes}")
        this.errors.push(`${file.path}: ${key} = ${BARE_WORD.exec(raw)?.[1]}: must be ${KIND_EXPECTS[found.kind]}`);
      } else if (!found.persisted) {
        this.errors.push(
          `${file.path}: ${problem(key, raw, `is a one-off switch read only from the environment (${found.env}) for one command, never from a file; remove the line`)}`,
        );
      } else {
        this.given.set(key, { spec: found, name: key, raw, fromEnv: false, where: file.path });
      }
    }
  }

  get(key: string): Given | undefined {
    return this.given.get(key);
  }

  /** Judges a value read from `key` by a rule that names the setting as the user gave it. */
  check<T>(key: string, value: T | undefined, rule: (name: string, value: T) => string | readonly string[] | undefined): void {
    const g = this.get(key);
    if (value === undefined || g === undefined) return;
    const found = rule(g.name, value);
    for (const line of typeof found === 'string' ? [found] : (found ?? [])) this.fail(g, line);
  }

  fail(g: Given, line: string | undefined): void {
    if (line !== undefined) this.errors.push(`${g.where}: ${line}`);
  }

  /** A string setting after the hygiene rule; `undefined` when unset or refused. */
  text(key: string): string | undefined {
    const g = this.get(key);
    if (g === undefined) return undefined;
    if (typeof g.raw !== 'string') {
      this.fail(g, problem(g.name, g.raw, 'must be a quoted string'));
      return undefined;
    }
    // an unquoted word (`tfvars = tenants`) was refused by the file's reader (settings-file.ts)
    const fault = checkText(g.name, g.raw, g.spec.maxLength);
    this.fail(g, fault);
    return fault === undefined ? g.raw : undefined;
  }

  flag(key: string): boolean | undefined {
    const g = this.get(key);
    if (g === undefined) return undefined;
    if (typeof g.raw === 'boolean') return g.raw;
    if (g.fromEnv && /^(1|true|yes)$/i.test(g.raw as string)) return true;
    if (g.fromEnv && /^(0|false|no)$/i.test(g.raw as string)) return false;
    this.fail(
      g,
      problem(g.name, visible(g.raw), g.fromEnv ? 'must be true or false (or 1 or 0)' : 'must be true or false, without quotes'),
    );
    return undefined;
  }

  /** A whole number of days with the value as the user typed it, for messages; `null` when it cannot be read. */
  days(key: string): { value: number; shown: unknown } | undefined | null {
    const g = this.get(key);
    if (g === undefined) return undefined;
    if (g.fromEnv) {
      const typed = (g.raw as string).trim();
      if (/^\d+$/.test(typed)) return { value: Number(typed), shown: String(Number(typed)) === typed ? Number(typed) : typed };
    } else if (typeof g.raw === 'number' && Number.isInteger(g.raw)) {
      return { value: g.raw, shown: g.raw };
    } else if (typeof g.raw === 'string' && /^\d+$/.test(g.raw)) {
      this.fail(g, problem(g.name, g.raw, `must be a number, without quotes: write ${g.name} = ${g.raw}`));
      return null;
    }
    this.fail(g, problem(g.name, visible(g.raw), 'must be a whole number of days'));
    return null;
  }

  list(key: string): string[] | undefined {
    const g = this.get(key);
    if (g === undefined) return undefined;
    let items: unknown[];
    if (g.fromEnv) {
      // a trailing comma is forgiven; a list of nothing but commas is not an allow-list
      items = (g.raw as string).split(',').map((item) => item.trim());
      if (items.every((item) => item === '')) items = [];
      else items = items.filter((item) => item !== '');
    } else if (Array.isArray(g.raw)) {
      items = g.raw;
    } else {
      this.fail(g, problem(g.name, g.raw, 'must be a list of quoted strings, such as ["203.0.113.0/24"]'));
      return undefined;
    }
    const faults = items.map((item) =>
      typeof item === 'string' ? checkText(g.name, item, g.spec.maxLength) : problem(g.name, item, 'must hold quoted strings only'),
    );
    for (const fault of faults) this.fail(g, fault);
    return faults.every((f) => f === undefined) ? (items as string[]) : undefined;
  }

  /** Text (one request for every namespace), or in the file a map of namespace name to request. */
  capacityRequests(key: string): string | Record<string, string> | undefined {
    const g = this.get(key);
    if (g === undefined || g.fromEnv || g.raw === null || typeof g.raw !== 'object' || Array.isArray(g.raw)) return this.text(key);
    const requests = this.map(key);
    if (requests === undefined) return undefined;
    const faults = Object.entries(requests).map(
      ([namespace, request]) =>
        checkNamespaceName(`${g.name} key`, namespace) ??
        (typeof request === 'string'
          ? checkText(`${g.name}[${JSON.stringify(namespace)}]`, request, g.spec.maxLength)
          : problem(`${g.name}[${JSON.stringify(namespace)}]`, request, 'must be a quoted string')),
    );
    for (const fault of faults) this.fail(g, fault);
    return faults.every((f) => f === undefined) ? requests : undefined;
  }

  map(key: string): Record<string, string> | undefined {
    const g = this.get(key);
    if (g === undefined) return undefined;
    let raw: unknown = g.raw;
    if (g.fromEnv) {
      try {
        raw = JSON.parse(g.raw as string);
      } catch {
        raw = undefined;
      }
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      const example = g.fromEnv ? 'a JSON object, such as {"cost-center":"4711"}' : 'a map, such as { cost-center = "4711" }';
      this.fail(g, problem(g.name, g.raw, `must be ${example}`));
      return undefined;
    }
    // a copy without a prototype: `__proto__` or `constructor` stays a key (lib/rules/user-map.ts)
    return userMap(Object.entries(raw as Record<string, string>));
  }
}

const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/;
const STATE_PARTS = ['state_resource_group', 'state_storage_account', 'state_container'] as const;

/** What is wrong with a blob-name prefix: it must stay inside the container, one folder level per segment. */
function keyPrefixFault(prefix: string): string | undefined {
  if (!/^[-\w./]+$/.test(prefix)) return 'must be letters, digits, "-", "_", "." and "/" between folder names';
  const segments = prefix.replace(/\/$/, '').split('/');
  if (prefix.startsWith('/') || segments.some((s) => s === '')) return 'must not start with "/" or hold an empty folder name ("//")';
  if (segments.some((s) => s === '.' || s === '..')) return 'must not hold "." or ".." folder names: the state stays inside its container';
  return undefined;
}

function remoteState(r: SettingsReader): RemoteStateSettings | undefined {
  const prefix = r.get('state_key_prefix');
  // read (and so judged by the hygiene rule) even when incomplete, so every problem shows at once
  const [resourceGroupName, storageAccountName, containerName] = STATE_PARTS.map((key) => r.text(key));
  const given = STATE_PARTS.filter((key) => r.get(key) !== undefined);
  if (given.length < STATE_PARTS.length) {
    const missing = STATE_PARTS.filter((key) => r.get(key) === undefined).map((key) => `${key} (${spec(key).env})`);
    const reason = `the azurerm backend needs ${STATE_PARTS.join(', ')} together`;
    if (given.length > 0) r.fail(r.get(given[0]) as Given, `${missing.join(', ')}: must be set too; ${reason}`);
    else if (prefix !== undefined && r.text('state_key_prefix') !== undefined) {
      r.fail(prefix, problem(prefix.name, prefix.raw, `is read only with remote state: ${reason}`));
    }
    return undefined;
  }
  const keyPrefix = prefix === undefined ? 'xdr-defender' : r.text('state_key_prefix');
  const matches = (pattern: RegExp, allowed: string) => (name: string, value: string) =>
    pattern.test(value) ? undefined : problem(name, value, allowed);
  r.check('state_storage_account', storageAccountName, matches(STORAGE_ACCOUNT, 'must be 3-24 lower-case letters and digits'));
  r.check('state_container', containerName, matches(CONTAINER, 'must be 3-63 lower-case letters, digits and single hyphens'));
  r.check(
    'state_resource_group',
    resourceGroupName,
    matches(RESOURCE_GROUP, 'must be a resource group name (1-90 letters, digits, "-_.()")'),
  );
  r.check('state_key_prefix', keyPrefix, (name, value) => {
    const fault = keyPrefixFault(value);
    return fault === undefined ? undefined : problem(name, value, fault);
  });
  if ([resourceGroupName, storageAccountName, containerName, keyPrefix].some((v) => v === undefined)) return undefined;
  return { resourceGroupName, storageAccountName, containerName, keyPrefix } as RemoteStateSettings;
}

/** A number of days read and judged against its range; `null` when given but unusable. */
function daysInRange(r: SettingsReader, key: string, max: number): number | undefined | null {
  const days = r.days(key);
  if (days === undefined || days === null) return days;
  if (days.value >= 1 && days.value <= max) return days.value;
  const g = r.get(key) as Given;
  r.fail(g, problem(g.name, days.shown, `must be a whole number from 1 to ${max}`));
  return null;
}

function secretSchedule(r: SettingsReader): { secretRotationDays?: number; secretLifetimeDays?: number } {
  // each number judged on its own, so one that cannot be read does not hide the other's range
  const rotation = daysInRange(r, 'secret_rotation_days', MAX_SECRET_ROTATION_DAYS);
  const lifetime = daysInRange(r, 'secret_lifetime_days', MAX_SECRET_LIFETIME_DAYS);
  if (rotation === null || lifetime === null) return {};
  // both usable: what is left is their relation, which fails only when at least one of them is given
  const blamed = (r.get('secret_lifetime_days') ?? r.get('secret_rotation_days')) as Given;
  // an unset one is named the way the given one is, environment variable or key
  const name = (key: string) => r.get(key)?.name ?? (blamed?.fromEnv ? spec(key).env : key);
  const relation = checkSecretSchedule({
    rotationSetting: name('secret_rotation_days'),
    rotationDays: rotation,
    lifetimeSetting: name('secret_lifetime_days'),
    lifetimeDays: lifetime,
  });
  for (const line of relation) r.fail(blamed, line);
  return { secretRotationDays: rotation, secretLifetimeDays: lifetime };
}

/** secret_generation: a whole number without quotes (the file is its only source). */
function secretGeneration(r: SettingsReader): { secretGeneration?: number } {
  const g = r.get('secret_generation');
  if (g === undefined) return {};
  const fault =
    typeof g.raw === 'number'
      ? checkSecretGeneration(g.name, g.raw)
      : problem(g.name, visible(g.raw), 'must be a whole number, without quotes');
  r.fail(g, fault);
  return fault === undefined ? { secretGeneration: g.raw as number } : {};
}

/**
 * Reads every deployment setting from the settings file (when there is one) and the environment, which
 * overrides the file key by key. Refuses unknown keys and unknown XDR_* variables with a did-you-mean.
 */
export function readDeploymentSettings(env: Env, file?: SettingsFile): SettingsResult {
  const r = new SettingsReader(env, file);
  const alertEmail = r.text('alert_email');
  r.check('alert_email', alertEmail, checkEmail);
  const ranges = r.list('allowed_ip_ranges');
  r.check('allowed_ip_ranges', ranges, checkAllowedIpRanges);
  const egress = xdrEgress(r, ranges);
  const adoptExisting = r.flag('adopt_existing') ?? false;
  const adoptApplicationObjectId = r.text('adopt_application_object_id');
  r.check('adopt_application_object_id', adoptApplicationObjectId, (name, id) =>
    adoptExisting
      ? checkGuid(name, id)
      : problem(name, id, 'is read only together with XDR_ADOPT_EXISTING=true (adopt_existing = true in the settings file)'),
  );
  const adoptReplacement = r.flag('adopt_replacement') ?? false;
  if (adoptReplacement && !adoptExisting) {
    const given = r.get('adopt_replacement') as Given;
    r.fail(
      given,
      problem(given.name, given.raw, 'is read only together with XDR_ADOPT_EXISTING=true (adopt_existing = true in the settings file)'),
    );
  }
  const repopulateApplication = r.flag('repopulate_application') ?? false;
  if (repopulateApplication && adoptExisting) {
    const given = r.get('repopulate_application') as Given;
    r.fail(
      given,
      problem(
        given.name,
        given.raw,
        'is refused together with adopt_existing = true (XDR_ADOPT_EXISTING=true): adoption imports the existing application into defender-integration, and the repopulate-application stack would create a second one; remove one of the two',
      ),
    );
  }
  const tags = r.map('tags');
  r.check('tags', tags, checkTags);
  const applyCapacity = r.capacityRequests('apply_capacity');
  const streamingApiPrincipalId = r.text('streaming_api_principal_id');
  r.check('streaming_api_principal_id', streamingApiPrincipalId, checkGuid);

  const settings: DeploymentSettings = {
    adoptExisting,
    adoptApplicationObjectId,
    ...(adoptReplacement ? { adoptReplacement } : {}),
    allowDestroy: r.flag('allow_destroy') ?? false,
    ...(applyCapacity === undefined ? {} : { applyCapacity }),
    ...secretSchedule(r),
    ...secretGeneration(r),
    alertEmail,
    allowedIpRanges: ranges,
    ...egress,
    remoteState: remoteState(r),
    tags,
    grantAdminConsent: r.flag('grant_admin_consent'),
    streamingApiPrincipalId,
    ...(repopulateApplication ? { repopulateApplication } : {}),
  };
  const tfvars = tfvarsLocation(r, file);
  const errors = r.errors;
  return errors.length > 0 ? { tfvars, errors } : { settings, tfvars, errors };
}

/** Where a customer gets XDR's egress addresses; the tool cannot look them up or verify them. */
export const XDR_EGRESS_SOURCE = 'ask Secureworks support (or your Taegis XDR documentation) for the addresses XDR reads Event Hubs from';

/**
 * xdr_egress_ranges and xdr_egress_acknowledged: an allow-list denies every other address, and XDR
 * reads the hub from Secureworks' cloud, so with allowed_ip_ranges one of the two is required. The
 * egress ranges obey the allow-list's rules and, added to it, must not repeat an entry or pass Azure's 128.
 */
function xdrEgress(
  r: SettingsReader,
  allowed: readonly string[] | undefined,
): Pick<DeploymentSettings, 'xdrEgressRanges' | 'xdrEgressAcknowledged'> {
  const egress = r.list('xdr_egress_ranges');
  const acknowledged = r.flag('xdr_egress_acknowledged') ?? false;
  const given = r.get('xdr_egress_ranges');
  const allowedGiven = r.get('allowed_ip_ranges');
  if (given !== undefined && egress !== undefined) {
    if (egress.length === 0) r.fail(given, problem(given.name, egress, `must list XDR's egress addresses: ${XDR_EGRESS_SOURCE}`));
    else r.check('xdr_egress_ranges', egress, checkAllowedIpRanges);
    if (allowedGiven === undefined) {
      r.fail(
        given,
        problem(
          given.name,
          egress,
          "is read only together with allowed_ip_ranges: without an allow-list every address, XDR's included, may reach the namespace",
        ),
      );
    } else if (allowed !== undefined && egress.length > 0) {
      const total = allowed.length + egress.length;
      if (total > MAX_IP_RULES) {
        r.fail(
          given,
          problem(given.name, egress, `makes ${total} IP rules with ${allowedGiven.name}; Azure allows ${MAX_IP_RULES} on a namespace`),
        );
      }
      for (const range of egress.filter((e) => allowed.includes(e)))
        r.fail(given, problem(given.name, range, `is already in ${allowedGiven.name}; list it once`));
    }
  } else if (allowedGiven !== undefined && allowed !== undefined && !acknowledged && checkAllowedIpRanges('', allowed).length === 0) {
    // asked only of a valid allow-list, so a typo in it stays the one line it is
    r.fail(
      allowedGiven,
      `${allowedGiven.name}: denies every address it does not list, and XDR reads the hub from Secureworks' cloud: add xdr_egress_ranges to ${SETTINGS_FILE} (${XDR_EGRESS_SOURCE}), or xdr_egress_acknowledged = true if XDR reaches the namespace through an address or route already allowed`,
    );
  }
  return {
    ...(egress !== undefined && egress.length > 0 ? { xdrEgressRanges: egress } : {}),
    ...(acknowledged ? { xdrEgressAcknowledged: true } : {}),
  };
}

/**
 * XDR_TFVARS as given (from the working folder); `tfvars` from the file's folder; else
 * ./terraform.tfvars. Empty when the setting is refused: nothing is read in its place. An empty path
 * is refused: joined to the settings file's folder it would name that folder, read as tenants.
 */
function tfvarsLocation(r: SettingsReader, file: SettingsFile | undefined): string {
  const given = r.get('tfvars');
  if (given === undefined) return DEFAULT_TFVARS;
  const location = r.text('tfvars');
  if (location === '') {
    r.fail(
      given,
      problem(
        given.name,
        location,
        `names no file or folder; give the path of the guide's terraform.tfvars or of a tenants folder, or remove the line to read ./${DEFAULT_TFVARS}`,
      ),
    );
  }
  if (location === undefined || location === '') return '';
  return given.fromEnv || file === undefined || path.isAbsolute(location) ? location : path.join(path.dirname(file.path), location);
}
