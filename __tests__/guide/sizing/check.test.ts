import fc from 'fast-check';
import { GuideVariables } from '../../../lib/guide/config/variables';
import { SizingCheck, checkSizing } from '../../../lib/guide/sizing/check';
import { recommendSizing } from '../../../lib/sizing/recommend';
import { sizingVariables } from '../../../lib/guide/sizing/tfvars-block';
import { DEDICATED, guideVariables } from '../../helpers';

function statuses(check: SizingCheck): Record<string, string> {
  return Object.fromEntries(check.variables.map((r) => [r.variable, r.status]));
}

describe('checkSizing', () => {
  it("the guide's default file for 120,000 events per minute: TUs, cap and partitions under-provisioned", () => {
    const check = checkSizing(guideVariables(), recommendSizing({ eventsPerMinute: 120_000, endpoints: 20_000 }));
    expect(statuses(check)).toEqual({
      eventhub_tier: 'fine',
      eventhub_throughput_allocated: 'under-provisioned',
      eventhub_throughput_inflate_cap: 'under-provisioned',
      eventhub_partition_count: 'under-provisioned',
      data_retention_length: 'fine',
    });
    expect(check.underProvisioned).toBe(true);
    const allocated = check.variables.find((r) => r.variable === 'eventhub_throughput_allocated')!;
    expect(allocated).toMatchObject({ actual: 2, recommended: 7, note: "recommended 7: the guide's formula asks for 7 throughput units" });
  });

  it("the guide's default file for a quiet tenant: over-provisioned, which is not a failure", () => {
    const check = checkSizing(guideVariables(), recommendSizing({ eventsPerMinute: 0 }));
    expect(statuses(check)).toMatchObject({
      eventhub_throughput_allocated: 'over-provisioned',
      eventhub_throughput_inflate_cap: 'over-provisioned',
      eventhub_partition_count: 'over-provisioned',
    });
    expect(check.underProvisioned).toBe(false);
  });

  it('only the partitions short by one is enough to fail', () => {
    const recommendation = recommendSizing({ eventsPerMinute: 120_000 });
    const check = checkSizing(guideVariables({ ...sizingVariables(recommendation), eventhub_partition_count: 6 }), recommendation);
    expect(check.variables.filter((r) => r.status !== 'fine').map((r) => r.variable)).toEqual(['eventhub_partition_count']);
    expect(check.underProvisioned).toBe(true);
  });

  it('a Standard file where the rate needs Premium: the tier and the units are under-provisioned', () => {
    const check = checkSizing(
      guideVariables({ eventhub_throughput_allocated: 32, eventhub_throughput_inflate_cap: 40, eventhub_partition_count: 32 }),
      recommendSizing({ eventsPerMinute: 700_000, endpoints: 10_000 }),
    );
    expect(statuses(check)).toEqual({
      eventhub_tier: 'under-provisioned',
      eventhub_throughput_allocated: 'under-provisioned',
      eventhub_partition_count: 'under-provisioned',
      data_retention_length: 'fine',
    });
    expect(check.variables[0].note).toBe('the file selects the Standard tier; the rate calls for the Premium tier');
  });

  it('a Premium file too small for a Standard-sized rate: the tier is over, the processing units under', () => {
    const check = checkSizing(
      guideVariables({ eventhub_tier: 'Premium', eventhub_processing_units: 1, eventhub_partition_count: 16, data_retention_length: 3 }),
      recommendSizing({ eventsPerMinute: 300_000 }),
    );
    expect(statuses(check)).toEqual({
      eventhub_tier: 'over-provisioned',
      eventhub_processing_units: 'under-provisioned',
      eventhub_partition_count: 'fine',
      data_retention_length: 'over-provisioned',
    });
    expect(check.variables[1]).toMatchObject({ actual: 1, recommended: 4 });
  });

  it('a Premium file for a rate beyond 16 PUs: no processing-unit count suffices', () => {
    const v: GuideVariables = guideVariables({ eventhub_tier: 'Premium', eventhub_processing_units: 16, eventhub_partition_count: 100 });
    const check = checkSizing(v, recommendSizing({ eventsPerMinute: 2_000_000 }));
    expect(check.variables[0]).toMatchObject({
      variable: 'require_dedicated_cluster',
      actual: false,
      recommended: true,
      status: 'under-provisioned',
    });
    expect(check.variables[1]).toMatchObject({ variable: 'eventhub_processing_units', status: 'under-provisioned' });
    expect(check.variables[1].recommended).toBeUndefined();
  });

  it('a dedicated file for a Standard-sized rate: over-provisioned, with no capacity rows', () => {
    const check = checkSizing(guideVariables(DEDICATED), recommendSizing({ eventsPerMinute: 120_000 }));
    expect(statuses(check)).toEqual({
      require_dedicated_cluster: 'over-provisioned',
      eventhub_partition_count: 'over-provisioned',
      data_retention_length: 'over-provisioned',
    });
    expect(check.tier).toBe('Dedicated');
  });

  it('a file written from the recommendation is fine on every variable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000_000 }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        (rate, endpoints) => {
          const recommendation = recommendSizing({ eventsPerMinute: rate, endpoints });
          const check = checkSizing(guideVariables(sizingVariables(recommendation)), recommendation);
          expect(check.variables.filter((r) => r.status !== 'fine')).toEqual([]);
          expect(check.tier).toBe(recommendation.tier);
        },
      ),
    );
  });
});
