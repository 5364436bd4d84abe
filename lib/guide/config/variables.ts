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
  readonly client_name: string;
  readonly azure_region: string;
  readonly azure_tenant_id: string;
  readonly azure_subscription_id: string;
  readonly resource_group_name: string;
  readonly require_dedicated_cluster: boolean;
  readonly eventhub_tier: 'Standard' | 'Premium';
  readonly eventhub_throughput_allocated: number;
  readonly eventhub_throughput_inflate_cap: number;
  readonly eventhub_processing_units: number;
  readonly eventhub_partition_count: number;
  readonly data_retention_length: number;
  readonly replacement_eventhub: boolean;
}

export type VariableName = keyof GuideVariables;

/** Stands in for the customer's IDs in the shipped example; synthesizes, but is flagged. */
export const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';

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

export const VARIABLE_NAMES = Object.keys(GUIDE_DEFAULTS) as VariableName[];

/** Which tiers read a variable; the others ignore it with a warning. */
const APPLIES_TO: Partial<Record<VariableName, readonly EventHubTier[]>> = {
  eventhub_tier: ['Standard', 'Premium'],
  eventhub_throughput_allocated: ['Standard'],
  eventhub_throughput_inflate_cap: ['Standard'],
  eventhub_processing_units: ['Premium'],
};

export interface VariablesResult {
  /** Present exactly when `errors` is empty. */
  readonly variables?: GuideVariables;
  readonly errors: readonly string[];
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
