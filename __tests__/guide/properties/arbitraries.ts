/**
 * Generators of guide tfvars contents as the HCL parser hands them over (a record of raw values),
 * valid ones per tier and ones broken in exactly one variable. Shared by the property tests.
 */
import fc from 'fast-check';
import { VARIABLE_NAMES, VariableName } from '../../../lib/guide/config/variables';
import { EventHubTier, PREMIUM_PROCESSING_UNITS } from '../../../lib/rules/limits';
import { SUPPORTED_REGIONS } from '../../../lib/rules/naming';
import { AZURE_PUBLIC_REGIONS } from '../../../lib/rules/regions';

export type RawTfvars = Record<string, unknown>;

/** Region codes the guide supports, and any other Azure public-cloud region (accepted with a warning). */
const region = fc.oneof(fc.constantFrom(...SUPPORTED_REGIONS), fc.constantFrom(...Object.keys(AZURE_PUBLIC_REGIONS)));

/** A number as Terraform accepts it in tfvars: mostly bare, sometimes quoted. */
function number(min: number, max: number): fc.Arbitrary<number | string> {
  return fc.integer({ min, max }).chain((n) => fc.oneof({ weight: 4, arbitrary: fc.constant<number | string>(n) }, fc.constant(String(n))));
}

/**
 * Client names of 1 to `maxLength` characters, one arbitrary per length: building a stringMatching
 * arbitrary analyses its pattern (about a millisecond), which once per generated record took two seconds
 * of the property tests.
 */
const clientNamesUpTo = new Map<number, fc.Arbitrary<string>>();
function clientName(maxLength: number): fc.Arbitrary<string> {
  let names = clientNamesUpTo.get(maxLength);
  if (names === undefined) {
    names = fc.stringMatching(new RegExp(`^[A-Za-z0-9-]{1,${maxLength}}$`));
    clientNamesUpTo.set(maxLength, names);
  }
  return names;
}
const resourceGroupName = fc.stringMatching(/^[-\w.()]{0,89}[-\w()]$/);

/** What every tier shares: names, IDs, resource group, replacement flag. */
const common = region.chain((azureRegion) =>
  fc.record({
    client_name: clientName(30 - azureRegion.length),
    azure_region: fc.constant(azureRegion),
    azure_tenant_id: fc.uuid(),
    azure_subscription_id: fc.uuid(),
    resource_group_name: resourceGroupName,
    replacement_eventhub: fc.boolean(),
  }),
);

/** Throughput settings that a Premium or dedicated namespace ignores: any number at all. */
const ignoredNumber = fc.integer({ min: -100, max: 1000 });

const tierSettings: Record<EventHubTier, fc.Arbitrary<RawTfvars>> = {
  Standard: fc.integer({ min: 1, max: 32 }).chain((allocated) =>
    fc.record(
      {
        require_dedicated_cluster: fc.constant(false),
        eventhub_tier: fc.constant('Standard'),
        eventhub_throughput_allocated: fc.constant(allocated),
        eventhub_throughput_inflate_cap: number(allocated, 40),
        eventhub_partition_count: number(1, 32),
        data_retention_length: number(1, 7),
      },
      { requiredKeys: ['require_dedicated_cluster', 'eventhub_tier', 'eventhub_throughput_allocated', 'eventhub_throughput_inflate_cap'] },
    ),
  ),
  Premium: fc.record(
    {
      require_dedicated_cluster: fc.constant(false),
      eventhub_tier: fc.constant('Premium'),
      eventhub_processing_units: fc.constantFrom(...PREMIUM_PROCESSING_UNITS),
      eventhub_partition_count: number(1, 100),
      data_retention_length: number(1, 90),
      eventhub_throughput_allocated: ignoredNumber,
      eventhub_throughput_inflate_cap: ignoredNumber,
    },
    { requiredKeys: ['require_dedicated_cluster', 'eventhub_tier', 'eventhub_processing_units'] },
  ),
  Dedicated: fc.record(
    {
      require_dedicated_cluster: fc.constant(true),
      eventhub_tier: fc.constantFrom('Standard', 'Premium', 'Basic'),
      eventhub_partition_count: number(1, 1024),
      data_retention_length: number(1, 90),
      eventhub_processing_units: ignoredNumber,
      eventhub_throughput_allocated: ignoredNumber,
      eventhub_throughput_inflate_cap: ignoredNumber,
    },
    { requiredKeys: ['require_dedicated_cluster'] },
  ),
};

/** A valid tfvars record for a tier; unset optional variables take the guide's defaults. */
export function validTfvars(tier: EventHubTier): fc.Arbitrary<RawTfvars> {
  return fc.tuple(common, tierSettings[tier]).map(([a, b]) => ({ ...a, ...b }));
}

export const anyValidTfvars = fc
  .constantFrom<EventHubTier>('Standard', 'Premium', 'Dedicated')
  .chain((tier) => validTfvars(tier).map((raw) => ({ tier, raw })));

/** Values of the wrong kind for any variable (HCL can produce every one of them). */
const wrongKind = fc.oneof(
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const templated = fc
  .tuple(fc.string({ maxLength: 5 }), fc.constantFrom('${', '%{', '$${'), fc.string({ maxLength: 5 }))
  .map((p) => p.join(''));
/** Characters no name built from these variables allows: whitespace, look-alikes, controls, invisibles. */
const FOREIGN = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u009b',
  '\u202e',
  '\u200b',
  '\ufeff',
  'С',
  'е',
  'ｏ',
  '１',
  'é',
  '/',
  '@',
];
function withForeign(extra: string[] = []): fc.Arbitrary<string> {
  const around = fc.stringMatching(/^[A-Za-z0-9]{0,6}$/);
  return fc.tuple(around, fc.constantFrom(...FOREIGN, ...extra), around).map((p) => p.join(''));
}
const notABool = fc.oneof(fc.integer(), fc.constantFrom('yes', 'no', 'True', 'FALSE', '1', '0', ''), wrongKind);
/** Numbers no tier allows anywhere, and strings that are not numbers. */
const badNumberAnywhere = fc.oneof(
  fc.integer({ max: 0 }),
  fc.integer({ min: 1, max: 1000 }).map((n) => n + 0.5),
  fc.integer({ min: 1025 }),
  fc.constantFrom('four', '4 ', ' 4', '0x10', '1e1', '４', '', '+4'),
  wrongKind,
  fc.boolean(),
);

/** One variable broken so that no tier accepts it, and the name the refusal must carry. */
const breakers: Record<VariableName, fc.Arbitrary<unknown>> = {
  client_name: fc.oneof(
    fc.constant(''),
    withForeign(['_', '.']),
    fc.stringMatching(/^[A-Za-z0-9-]{31,60}$/),
    templated,
    fc.integer(),
    fc.boolean(),
    wrongKind,
  ),
  azure_region: fc.oneof(
    fc.constant(''),
    fc.constantFrom('EastUS', 'east us', '1eastus', 'westeurope '),
    withForeign(['_', '.', '-']),
    templated,
    fc.integer(),
    wrongKind,
  ),
  azure_tenant_id: fc.oneof(
    fc.constant(''),
    fc.constantFrom('tenant', '00000000-0000-0000-0000-00000000000', '{00000000-0000-0000-0000-000000000000}'),
    withForeign(),
    templated,
    fc.integer(),
    wrongKind,
  ),
  azure_subscription_id: fc.oneof(
    fc.constant(''),
    fc.constantFrom('sub', 'g0000000-0000-0000-0000-000000000000'),
    templated,
    fc.integer(),
    wrongKind,
  ),
  resource_group_name: fc.oneof(
    fc.constant(''),
    fc.constantFrom('rg.', 'my rg', 'rg/x'),
    fc.stringMatching(/^[a-z]{91,120}$/),
    withForeign(),
    templated,
    fc.integer(),
    wrongKind,
  ),
  require_dedicated_cluster: notABool,
  replacement_eventhub: notABool,
  eventhub_tier: fc.oneof(fc.integer(), fc.boolean(), wrongKind, templated),
  eventhub_throughput_allocated: fc.oneof(fc.constantFrom('four', '４', ''), fc.boolean(), wrongKind),
  eventhub_throughput_inflate_cap: fc.oneof(fc.constantFrom('four', '４', ''), fc.boolean(), wrongKind),
  eventhub_processing_units: fc.oneof(fc.constantFrom('eight', '８', ''), fc.boolean(), wrongKind),
  eventhub_partition_count: badNumberAnywhere,
  data_retention_length: fc.oneof(
    fc.integer({ max: 0 }),
    fc.integer({ min: 91 }),
    fc.constant(1.5),
    fc.constantFrom('one', ''),
    fc.boolean(),
    wrongKind,
  ),
};

/** Variable names that are not the guide's: typos, other casing, look-alikes, inherited names. */
const unknownName = fc.oneof(
  fc.constantFrom(
    'clientname',
    'Client_Name',
    'сlient_name',
    'eventhub_partitions',
    'region',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
  ),
  fc.stringMatching(/^[a-z][a-z_]{0,20}$/).filter((n) => !(VARIABLE_NAMES as readonly string[]).includes(n)),
);

export interface BrokenTfvars {
  readonly raw: RawTfvars;
  /** The name every refusal of this record must mention first on at least one line. */
  readonly culprit: string;
}

/** A valid record of any tier with exactly one variable broken, or one unknown variable added. */
export const brokenTfvars: fc.Arbitrary<BrokenTfvars> = fc.oneof(
  anyValidTfvars.chain(({ raw }) =>
    fc.constantFrom(...VARIABLE_NAMES).chain((name) =>
      breakers[name].map((value) => ({
        raw: { ...raw, [name]: value },
        culprit: name,
      })),
    ),
  ),
  fc.tuple(anyValidTfvars, unknownName, fc.oneof(fc.string({ maxLength: 8 }), fc.integer())).map(([{ raw }, name, value]) => {
    const record: RawTfvars = { ...raw };
    // A real own property even for "__proto__", as JSON.parse of the parser's output makes it.
    Object.defineProperty(record, name, { value, enumerable: true, configurable: true, writable: true });
    return { raw: record, culprit: name };
  }),
);

/** The record as a terraform.tfvars file; strings are written so the parser hands back the same value. */
export function toHcl(raw: RawTfvars): string {
  return (
    Object.entries(raw)
      .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
      .join('\n') + '\n'
  );
}

/**
 * Text as a settings file may hold it: letters and the characters that start or close a Terraform
 * template, so a valid value may put `$`, `%`, `{` and `}` anywhere but together.
 */
const templateish = (chars: string, maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...chars.split('')) },
      { weight: 1, arbitrary: fc.constantFrom('$', '%', '{', '}') },
    ),
    minLength: 1,
    maxLength,
  });
const TAG_CHARS = 'ab= .-';

/**
 * A settings file's attributes as the HCL parser hands them over, with any subset of the persisted
 * keys; some of them are refused (a `${` in a tag), and the property tests keep only accepted ones.
 */
export const settingsFileValues: fc.Arbitrary<RawTfvars> = fc
  .tuple(
    fc.record(
      {
        alert_email: fc.tuple(templateish('ab', 8), templateish('ab', 8)).map(([user, host]) => `${user}@${host}.example`),
        allowed_ip_ranges: fc.uniqueArray(
          fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `${a}.${b}.0.0/16`),
          { minLength: 1, maxLength: 4 },
        ),
        // below the default lifetime (210) and above the default rotation (180), so either may be alone
        secret_rotation_days: fc.integer({ min: 1, max: 200 }),
        secret_lifetime_days: fc.integer({ min: 201, max: 730 }),
        adopt_existing: fc.boolean(),
        tags: fc.dictionary(
          fc
            .oneof(
              { weight: 5, arbitrary: templateish(TAG_CHARS, 6).map((name) => name.replace(/%/g, '')) },
              // names every JavaScript object has: tags like any other (settings-maps.test.ts has __proto__ too)
              { weight: 1, arbitrary: fc.constantFrom('constructor', 'toString', 'valueOf') },
            )
            .filter((name) => name !== ''),
          fc.oneof(fc.constant(''), templateish(TAG_CHARS, 8)),
          { maxKeys: 4 },
        ),
        grant_admin_consent: fc.boolean(),
        streaming_api_principal_id: fc.uuid(),
      },
      { requiredKeys: [] },
    ),
    // the azurerm backend: all of its settings or none
    fc.option(
      fc.record(
        {
          state_resource_group: fc.constant('rg-tfstate'),
          state_storage_account: fc.stringMatching(/^[a-z0-9]{3,24}$/),
          state_container: fc.constant('tfstate'),
          state_key_prefix: fc.constantFrom('xdr', 'customers/contoso', 'a.b/c-d_e/'),
        },
        { requiredKeys: ['state_resource_group', 'state_storage_account', 'state_container'] },
      ),
      { nil: undefined },
    ),
  )
  // an allow-list needs XDR's addresses (xdr_egress_ranges) or it is refused
  .map(([settings, state]) => ({
    ...settings,
    ...('allowed_ip_ranges' in settings ? { xdr_egress_ranges: ['192.0.2.64/26'] } : {}),
    ...state,
  }));
