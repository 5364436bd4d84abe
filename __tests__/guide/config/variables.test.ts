import { GUIDE_DEFAULTS, PLACEHOLDER_GUID, validateGuideVariables } from '../../../lib/guide/config/variables';
import { SUBSCRIPTION, TENANT } from '../../helpers';

const IDS = { azure_tenant_id: TENANT, azure_subscription_id: SUBSCRIPTION };

function errorsFor(raw: Record<string, unknown>): readonly string[] {
  return validateGuideVariables({ ...IDS, ...raw }).errors;
}

function warningsFor(raw: Record<string, unknown>): readonly string[] {
  const result = validateGuideVariables({ ...IDS, ...raw });
  expect(result.errors).toEqual([]);
  return result.warnings;
}

describe('the guide defaults', () => {
  test('an empty file takes every default of the guide tfvars', () => {
    const result = validateGuideVariables(IDS);
    expect(result.errors).toEqual([]);
    expect(result.variables).toEqual({ ...GUIDE_DEFAULTS, ...IDS });
    expect(result.warnings).toEqual([]);
  });

  test('the placeholder IDs synthesize but are flagged', () => {
    const result = validateGuideVariables({});
    expect(result.variables?.azure_tenant_id).toBe(PLACEHOLDER_GUID);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^azure_tenant_id is the placeholder/),
      expect.stringMatching(/^azure_subscription_id is the placeholder/),
    ]);
  });
});

describe('one rule, one refusal: the message names the variable, the value and the bound', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['client_name characters', { client_name: 'Contoso Ltd' }, 'client_name = "Contoso Ltd": must be letters, digits and hyphens only'],
    ['client_name + azure_region <= 30', { client_name: 'ContosoInternational-Holdings' }, 'together must be at most 30 characters'],
    ['azure_region is a code', { azure_region: 'East US' }, 'azure_region = "East US": must be an Azure region code'],
    [
      'azure_tenant_id is a GUID',
      { azure_tenant_id: 'contoso.onmicrosoft.com' },
      'azure_tenant_id = "contoso.onmicrosoft.com": must be a GUID',
    ],
    ['azure_subscription_id is a GUID', { azure_subscription_id: '1234' }, 'azure_subscription_id = "1234": must be a GUID'],
    ['resource_group_name characters', { resource_group_name: 'rg.' }, 'resource_group_name = "rg.": a resource group name must be 1-90'],
    ['eventhub_tier values', { eventhub_tier: 'Basic' }, 'eventhub_tier = "Basic": must be one of "Standard", "Premium"'],
    [
      'Standard TUs 1-32',
      { eventhub_throughput_allocated: 33, eventhub_throughput_inflate_cap: 40 },
      'eventhub_throughput_allocated = 33: must be a whole number from 1 to 32 on the Standard tier',
    ],
    [
      'Standard TUs are whole',
      { eventhub_throughput_allocated: 2.5 },
      'eventhub_throughput_allocated = 2.5: must be a whole number from 1 to 32',
    ],
    [
      'inflate cap >= allocated',
      { eventhub_throughput_allocated: 8, eventhub_throughput_inflate_cap: 4 },
      'eventhub_throughput_inflate_cap = 4: must be a whole number from 8 to 40 (at least eventhub_throughput_allocated)',
    ],
    [
      'inflate cap <= 40',
      { eventhub_throughput_inflate_cap: 41 },
      'eventhub_throughput_inflate_cap = 41: must be a whole number from 2 to 40',
    ],
    [
      'Premium PUs',
      { eventhub_tier: 'Premium', eventhub_processing_units: 3 },
      'eventhub_processing_units = 3: must be one of 1, 2, 4, 8, 16 on the Premium tier',
    ],
    [
      'Standard partitions 1-32',
      { eventhub_partition_count: 33 },
      'eventhub_partition_count = 33: must be a whole number from 1 to 32 on the Standard tier',
    ],
    ['partitions at least 1', { eventhub_partition_count: 0 }, 'eventhub_partition_count = 0: must be a whole number from 1 to 32'],
    [
      'Premium partitions 1-100',
      { eventhub_tier: 'Premium', eventhub_partition_count: 101 },
      'eventhub_partition_count = 101: must be a whole number from 1 to 100 on the Premium tier',
    ],
    [
      'dedicated partitions 1-1024',
      { require_dedicated_cluster: true, eventhub_partition_count: 1025 },
      'eventhub_partition_count = 1025: must be a whole number from 1 to 1024 on the Dedicated tier',
    ],
    [
      'Standard retention 1-7',
      { data_retention_length: 8 },
      'data_retention_length = 8: must be a whole number from 1 to 7 (days) on the Standard tier',
    ],
    [
      'Premium retention 1-90',
      { eventhub_tier: 'Premium', data_retention_length: 91 },
      'data_retention_length = 91: must be a whole number from 1 to 90 (days) on the Premium tier',
    ],
    [
      'dedicated retention 1-90',
      { require_dedicated_cluster: true, data_retention_length: 0 },
      'data_retention_length = 0: must be a whole number from 1 to 90 (days) on the Dedicated tier',
    ],
    ['bools are bools', { replacement_eventhub: 'yes' }, 'replacement_eventhub = "yes": must be true or false'],
    ['numbers are numbers', { eventhub_partition_count: 'four' }, 'eventhub_partition_count = "four": must be a number'],
    ['strings are strings', { client_name: ['a'] }, 'client_name = ["a"]: must be a quoted string'],
    [
      'null is refused',
      { eventhub_partition_count: null },
      'eventhub_partition_count = null: must not be null; remove the line to use the default 4',
    ],
    ['no template sequences', { client_name: '${var.x}' }, 'client_name = "${var.x}": must not contain "${" or "%{"'],
  ])('%s', (_rule, raw, message) => {
    const errors = errorsFor(raw);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  test('an unknown variable is an error that suggests the closest name', () => {
    expect(errorsFor({ eventhub_partitions: 4 })).toEqual([
      'eventhub_partitions = 4: is not a variable of the guide\'s terraform.tfvars; did you mean "eventhub_partition_count"?',
    ]);
  });

  test('an unknown variable far from every name lists the known ones', () => {
    expect(errorsFor({ colour: 'blue' })[0]).toMatch(
      /^colour = "blue": is not a variable .*; the variables are client_name, azure_region,/,
    );
  });

  test('every problem is reported at once', () => {
    const errors = errorsFor({ client_name: 'bad name', azure_region: 'East US', eventhub_partition_count: 64, data_retention_length: 30 });
    expect(errors.map((e) => e.split(' ')[0])).toEqual([
      'client_name',
      'azure_region',
      'eventhub_partition_count',
      'data_retention_length',
    ]);
  });

  test('an unknown or mistyped variable does not hide the problems of the others', () => {
    const errors = errorsFor({ eventhub_partitions: 4, client_name: 'bad name', eventhub_tier: 5, data_retention_length: 'long' });
    expect(errors.map((e) => e.split(' ')[0]).sort()).toEqual([
      'client_name',
      'data_retention_length',
      'eventhub_partitions',
      'eventhub_tier',
    ]);
  });

  test('a mistyped client_name does not hide a bad azure_region', () => {
    expect(errorsFor({ client_name: 5, azure_region: 'East US' }).map((e) => e.split(' ')[0])).toEqual(['client_name', 'azure_region']);
  });

  test('a mistyped variable is reported once, not again against the default that stood in for it', () => {
    expect(errorsFor({ eventhub_throughput_allocated: 'two', eventhub_throughput_inflate_cap: 1 })).toEqual([
      'eventhub_throughput_allocated = "two": must be a number',
    ]);
  });

  test('a Premium namespace is held to 200 partitions per processing unit as well as 100 per hub', () => {
    expect(errorsFor({ eventhub_tier: 'Premium', eventhub_processing_units: 1, eventhub_partition_count: 100 })).toEqual([]);
  });
});

describe('variables that do not apply warn instead of failing', () => {
  test('processing units on Standard', () => {
    expect(warningsFor({ eventhub_processing_units: 3 })).toEqual([
      'eventhub_processing_units = 3 is ignored: it applies only to the Premium tier, and this file selects Standard',
    ]);
  });

  test('throughput settings on Premium, even out of range', () => {
    const warnings = warningsFor({ eventhub_tier: 'Premium', eventhub_throughput_allocated: 99, eventhub_throughput_inflate_cap: 4 });
    expect(warnings).toEqual([
      expect.stringMatching(/^eventhub_throughput_allocated = 99 is ignored: it applies only to the Standard tier/),
      expect.stringMatching(/^eventhub_throughput_inflate_cap = 4 is ignored/),
    ]);
  });

  test('eventhub_tier on a dedicated cluster, even an invalid one', () => {
    expect(warningsFor({ require_dedicated_cluster: true, eventhub_tier: 'Basic' })[0]).toMatch(
      /^eventhub_tier = "Basic" is ignored: .* this file selects Dedicated/,
    );
  });

  test('an inflate cap equal to the allocation turns auto-inflate off, with advice', () => {
    expect(warningsFor({ eventhub_throughput_allocated: 3, eventhub_throughput_inflate_cap: 3 })).toEqual([
      expect.stringMatching(
        /^eventhub_throughput_inflate_cap = 3 equals eventhub_throughput_allocated, so auto-inflate is off; .*for example 6/,
      ),
    ]);
  });

  test('a region outside the US and EU is allowed with a warning', () => {
    expect(warningsFor({ azure_region: 'japaneast' })[0]).toMatch(/^azure_region = "japaneast" is outside the US and EU regions/);
  });

  test('quoted numbers and bools are read as Terraform reads them, with a warning', () => {
    const result = validateGuideVariables({ ...IDS, eventhub_partition_count: '8', replacement_eventhub: 'false' });
    expect(result.errors).toEqual([]);
    expect(result.variables?.eventhub_partition_count).toBe(8);
    expect(result.variables?.replacement_eventhub).toBe(false);
    expect(result.warnings).toHaveLength(2);
  });
});
