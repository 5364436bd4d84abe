/**
 * The guide's `terraform.tfvars` variables (help/guide-facts.md#the-guides-terraformtfvars): their types, defaults and rules. Pure: takes
 * what the HCL parser produced and returns typed variables, or every problem at once.
 */
import { checkAzureRegion } from '../../rules/regions';
import { checkInflateCap, checkPartitionCount, checkProcessingUnits, checkRetentionDays, checkThroughputUnits } from '../../rules/capacity';
import { checkGuid, checkOneOf, failures, problem, showValue } from '../../rules/checks';
import { EventHubTier, GUIDE_MAX_THROUGHPUT_UNITS, STANDARD_MAX_INFLATE_CAP } from '../../rules/limits';
import {
  DEFAULT_RESOURCE_GROUP_NAME,
  SUPPORTED_REGIONS,
  checkClientName,
  checkNameLength,
  checkResourceGroupName,
} from '../../rules/naming';
import { describeCharacter, latinSkeleton, oddLetters } from '../../rules/lookalike';
import { nearest } from '../../rules/suggest';
import { checkText, visible } from '../../rules/text';

/** The variables of the guide's `terraform.tfvars`, named as in the file. */
export interface GuideVariables {
  /**
   * The customer's name, part of the namespace and cluster names; with azure_region at most 30 characters.
   * @default 'CustomerName'
   */
  readonly client_name: string;
  /** The Azure region code (such as `eastus`) the resources are created in. @default 'eastus' */
  readonly azure_region: string;
  /** The Entra ID tenant the XDR application is created in. @default PLACEHOLDER_GUID */
  readonly azure_tenant_id: string;
  /** The Azure subscription the Event Hubs resources are created in. @default PLACEHOLDER_GUID */
  readonly azure_subscription_id: string;
  /** The resource group holding the Event Hubs resources; the guide recommends keeping the default. @default 'SCWX-TDR-RG' */
  readonly resource_group_name: string;
  /** Put the namespace on a dedicated cluster; this overrides eventhub_tier. @default false */
  readonly require_dedicated_cluster: boolean;
  /** The namespace's tier, unless require_dedicated_cluster is set. @default 'Standard' */
  readonly eventhub_tier: 'Standard' | 'Premium';
  /** Standard tier: the throughput units allocated to the namespace. @default 2 */
  readonly eventhub_throughput_allocated: number;
  /** Standard tier: the auto-inflate maximum; equal to eventhub_throughput_allocated turns auto-inflate off. @default 4 */
  readonly eventhub_throughput_inflate_cap: number;
  /** Premium tier: the namespace's processing units (1, 2, 4, 8 or 16). @default 8 */
  readonly eventhub_processing_units: number;
  /** The event hub's partition count, which cannot be changed once the hub exists. @default 4 */
  readonly eventhub_partition_count: number;
  /** Days the event hub keeps events; XDR needs only one. @default 1 */
  readonly data_retention_length: number;
  /**
   * Deploy a replacement next to an existing deployment: a new namespace and event hub in the existing
   * resource group, which is read rather than owned; the application is left alone.
   * @default false
   */
  readonly replacement_eventhub: boolean;
}

/** The name of one of the guide's terraform.tfvars variables. */
export type VariableName = keyof GuideVariables;

/** Stands in for the customer's IDs in the shipped example; synthesizes, but is flagged. */
export const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';

/** The guide's default for each variable, used for every variable a tfvars file does not set. */
export const GUIDE_DEFAULTS: GuideVariables = {
  client_name: 'CustomerName',
  azure_region: 'eastus',
  azure_tenant_id: PLACEHOLDER_GUID,
  azure_subscription_id: PLACEHOLDER_GUID,
  resource_group_name: DEFAULT_RESOURCE_GROUP_NAME,
  require_dedicated_cluster: false,
  eventhub_tier: 'Standard',
  eventhub_throughput_allocated: 2,
  eventhub_throughput_inflate_cap: 4,
  eventhub_processing_units: 8,
  eventhub_partition_count: 4,
  data_retention_length: 1,
  replacement_eventhub: false,
};

/** Every variable the guide's terraform.tfvars may set, in the order of `GUIDE_DEFAULTS`. */
export const VARIABLE_NAMES = Object.keys(GUIDE_DEFAULTS) as VariableName[];

/** Which tiers read a variable; the others ignore it with a warning. */
const APPLIES_TO: Partial<Record<VariableName, readonly EventHubTier[]>> = {
  eventhub_tier: ['Standard', 'Premium'],
  eventhub_throughput_allocated: ['Standard'],
  eventhub_throughput_inflate_cap: ['Standard'],
  eventhub_processing_units: ['Premium'],
};

/** What `validateGuideVariables` returns: the variables, or every problem with them. */
export interface VariablesResult {
  /** Present exactly when `errors` is empty. */
  readonly variables?: GuideVariables;
  /** Every problem that stops the variables from being used, one line each. */
  readonly errors: readonly string[];
  /** Problems that do not stop a deploy (such as a quoted number or an ignored variable), one line each. */
  readonly warnings: readonly string[];
}

/** The tier the namespace runs on: a required dedicated cluster overrides `eventhub_tier`. */
export function effectiveTier(variables: Pick<GuideVariables, 'require_dedicated_cluster' | 'eventhub_tier'>): EventHubTier {
  return variables.require_dedicated_cluster ? 'Dedicated' : variables.eventhub_tier;
}

/** The longest value any guide variable allows (resource_group_name); a longer one is never a name. */
const MAX_VALUE_CHARS = 90;

/**
 * Converts one raw value to the default's type the way Terraform converts tfvars values (a quoted
 * "4" is a number, a quoted "true" a bool), with a warning so the customer can tidy the file.
 */
function coerce(name: VariableName, raw: unknown, errors: string[], warnings: string[]): unknown {
  const expected = typeof GUIDE_DEFAULTS[name];
  if (raw === null) {
    errors.push(problem(name, raw, `must not be null; remove the line to use the default ${showValue(GUIDE_DEFAULTS[name])}`));
    return undefined;
  }
  if (typeof raw === expected) return raw;
  if (expected === 'number' && typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) {
    warnings.push(`${name} = ${showValue(raw)} is a quoted number; it is read as ${Number(raw)} (write it without quotes)`);
    return Number(raw);
  }
  if (expected === 'boolean' && (raw === 'true' || raw === 'false')) {
    warnings.push(`${name} = ${showValue(raw)} is a quoted bool; it is read as ${raw} (write it without quotes)`);
    return raw === 'true';
  }
  const article = expected === 'boolean' ? 'true or false' : expected === 'number' ? 'a number' : 'a quoted string';
  errors.push(problem(name, raw, `must be ${article}`));
  return undefined;
}

/** Names of credentials some other template's tfvars carries; their values are never echoed into a log. */
const CREDENTIAL_NAME = /secret|password|passwd|token|key|credential|sas|connection_string/i;

/** Letters, digits, "_" and "-" as HCL allows in names, but none of the invisible ones (U+3164 is a letter too). */
const VISIBLE_NAME = /^(?:(?!\p{Default_Ignorable_Code_Point})[\p{L}\p{N}_-])+$/u;

/** At most this many unknown variables are listed; a file of thousands is the wrong file, not thousands of typos. */
const MAX_UNKNOWN_LISTED = 20;

/**
 * The hint for a name that is not one of `known`: the closest known name when it is near enough to be
 * a typo, else the whole list (`listLabel` says what they are, such as "the variables"). A letter of
 * another script among Latin ones is named with its code point, as the two names print alike.
 */
export function didYouMean(name: string, known: readonly string[], listLabel: string): string {
  const odd = oddLetters(name)[0];
  const lookalike = latinSkeleton(name);
  if (odd !== undefined && lookalike !== name && known.includes(lookalike)) {
    return `did you mean "${lookalike}"? The two print alike, but this name holds ${describeCharacter(odd)} where "${lookalike}" has a Latin letter: retype it`;
  }
  const named = odd === undefined ? '' : ` (this name holds ${describeCharacter(odd)} among Latin letters)`;
  const suggestion = nearest(name, known, Math.max(3, Math.floor(name.length / 3)));
  return suggestion !== undefined ? `did you mean "${suggestion}"?${named}` : `${listLabel} are ${known.join(', ')}${named}`;
}

/**
 * The line for a name in an HCL file that is not one of `known` (`what` says what it is not, such as
 * "is not a variable of the guide's terraform.tfvars"): shortened, its value masked when the name
 * looks like a credential's, with a did-you-mean.
 */
export function unknownName(name: string, value: unknown, known: readonly string[], listLabel: string, what: string): string {
  // a name is shown bare only when it is a plain identifier: escaped, an invisible difference shows
  const shown = VISIBLE_NAME.test(name) && name.length <= MAX_VALUE_CHARS ? name : showValue(name);
  return problem(shown, CREDENTIAL_NAME.test(name) ? '***' : visible(value), `${what}; ${didYouMean(name, known, listLabel)}`);
}

function unknownVariable(name: string, value: unknown): string {
  return unknownName(name, value, VARIABLE_NAMES, 'the variables', "is not a variable of the guide's terraform.tfvars");
}

function tierRules(v: GuideVariables, tier: EventHubTier): string[] {
  const found = failures(
    checkPartitionCount(
      'eventhub_partition_count',
      v.eventhub_partition_count,
      tier,
      tier === 'Premium' ? v.eventhub_processing_units : undefined,
    ),
    checkRetentionDays('data_retention_length', v.data_retention_length, tier),
  );
  if (tier === 'Standard') {
    found.push(
      ...failures(
        checkThroughputUnits('eventhub_throughput_allocated', v.eventhub_throughput_allocated, GUIDE_MAX_THROUGHPUT_UNITS),
        checkInflateCap(
          'eventhub_throughput_inflate_cap',
          v.eventhub_throughput_inflate_cap,
          'eventhub_throughput_allocated',
          v.eventhub_throughput_allocated,
        ),
      ),
    );
  }
  if (tier === 'Premium') found.push(...failures(checkProcessingUnits('eventhub_processing_units', v.eventhub_processing_units)));
  return found;
}

function advisories(v: GuideVariables, tier: EventHubTier, given: ReadonlySet<string>): string[] {
  const notes: string[] = [];
  for (const [name, tiers] of Object.entries(APPLIES_TO) as Array<[VariableName, EventHubTier[]]>) {
    if (given.has(name) && !tiers.includes(tier)) {
      notes.push(
        `${name} = ${showValue(v[name])} is ignored: it applies only to the ${tiers.join(' and ')} tier${tiers.length > 1 ? 's' : ''}, and this file selects ${tier}`,
      );
    }
  }
  if (tier === 'Standard' && v.eventhub_throughput_inflate_cap === v.eventhub_throughput_allocated) {
    notes.push(
      `eventhub_throughput_inflate_cap = ${v.eventhub_throughput_inflate_cap} equals eventhub_throughput_allocated, so auto-inflate is off; the guide advises a larger cap (for example ${Math.min(STANDARD_MAX_INFLATE_CAP, 2 * v.eventhub_throughput_allocated)})`,
    );
  }
  if (!SUPPORTED_REGIONS.has(v.azure_region)) {
    notes.push(
      `azure_region = ${showValue(v.azure_region)} is outside the US and EU regions the guide supports; check with Microsoft that the integration works there`,
    );
  }
  for (const name of ['azure_tenant_id', 'azure_subscription_id'] as const) {
    if (v[name] === PLACEHOLDER_GUID) notes.push(`${name} is the placeholder ${PLACEHOLDER_GUID}; set your own before deploying`);
  }
  return notes;
}

/**
 * Validates the variables a tfvars file sets; unset variables take the guide's defaults.
 * Returns every error and warning at once; `variables` only when there is no error.
 */
export function validateGuideVariables(raw: Readonly<Record<string, unknown>>): VariablesResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const merged: Record<string, unknown> = { ...GUIDE_DEFAULTS };
  // Variables already refused for their type or text: the rules below skip what depends on them, so
  // every other problem is still reported, and none twice or against a default the file did not choose.
  const unreadable = new Set<string>();
  let unknown = 0;
  for (const [name, value] of Object.entries(raw)) {
    // Own properties only: `constructor` or `__proto__` in a file must be unknown variables, not inherited ones.
    if (!Object.prototype.hasOwnProperty.call(GUIDE_DEFAULTS, name)) {
      if (++unknown <= MAX_UNKNOWN_LISTED) errors.push(unknownVariable(name, value));
      continue;
    }
    const textProblem =
      typeof value === 'string' ? checkText(name, value, MAX_VALUE_CHARS, ', the longest any of these variables allows') : undefined;
    if (textProblem !== undefined) errors.push(textProblem);
    const converted = textProblem === undefined ? coerce(name as VariableName, value, errors, warnings) : undefined;
    if (converted === undefined) unreadable.add(name);
    else merged[name] = converted;
  }
  if (unknown > MAX_UNKNOWN_LISTED) {
    errors.push(
      `${unknown - MAX_UNKNOWN_LISTED} more variables that are not the guide's are not listed (${unknown} in all); is this the right file?`,
    );
  }
  const readable = (...names: VariableName[]) => names.every((name) => !unreadable.has(name));

  const v = merged as unknown as GuideVariables;
  const tier = effectiveTier(v);
  const tierChoice = tier === 'Dedicated' ? undefined : checkOneOf('eventhub_tier', v.eventhub_tier, ['Standard', 'Premium'] as const);
  const ruleErrors = [
    ...failures(tierChoice),
    ...failures(
      checkClientName(v.client_name),
      checkAzureRegion(v.azure_region),
      readable('client_name', 'azure_region') ? checkNameLength(v.client_name, v.azure_region) : undefined,
      checkGuid('azure_tenant_id', v.azure_tenant_id),
      checkGuid('azure_subscription_id', v.azure_subscription_id),
      checkResourceGroupName('resource_group_name', v.resource_group_name),
    ),
  ];
  if (
    tierChoice === undefined &&
    readable('require_dedicated_cluster', 'eventhub_tier', 'eventhub_processing_units', 'eventhub_throughput_allocated')
  ) {
    ruleErrors.push(...tierRules(v, tier));
  }
  errors.push(...ruleErrors.filter((line) => !unreadable.has(line.slice(0, line.indexOf(' = ')))));
  if (errors.length > 0) return { errors, warnings };
  return { variables: v, errors, warnings: [...warnings, ...advisories(v, tier, new Set(Object.keys(raw)))] };
}
