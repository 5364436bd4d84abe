import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { loadGuideVariables } from '../../../lib/guide/config/tfvars';
import { GUIDE_DEFAULTS, effectiveTier, validateGuideVariables } from '../../../lib/guide/config/variables';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import { SizingRecommendation, recommendSizing } from '../../../lib/sizing/recommend';
import { renderTfvarsBlock, sizingVariables } from '../../../lib/guide/sizing/tfvars-block';
import { onlyResource } from '../../helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sizing-block-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sizingVariables: the guide's table for the recommended tier", () => {
  it('Standard', () => {
    expect(sizingVariables(recommendSizing({ eventsPerMinute: 120_000 }))).toEqual({
      require_dedicated_cluster: false,
      eventhub_tier: 'Standard',
      eventhub_throughput_allocated: 7,
      eventhub_throughput_inflate_cap: 14,
      eventhub_partition_count: 7,
      data_retention_length: 1,
    });
  });

  it('Premium', () => {
    expect(sizingVariables(recommendSizing({ eventsPerMinute: 700_000 }))).toEqual({
      require_dedicated_cluster: false,
      eventhub_tier: 'Premium',
      eventhub_processing_units: 8,
      eventhub_partition_count: 36,
      data_retention_length: 1,
    });
  });

  it('Dedicated', () => {
    expect(sizingVariables(recommendSizing({ eventsPerMinute: 700_000, endpoints: 50_001 }))).toEqual({
      require_dedicated_cluster: true,
      eventhub_partition_count: 36,
      data_retention_length: 1,
    });
  });
});

describe('renderTfvarsBlock', () => {
  it('writes the variables aligned, under comments with the input and the reasons', () => {
    const recommendation = recommendSizing({ eventsPerMinute: 120_000, endpoints: 20_000 });
    const block = renderTfvarsBlock(recommendation, ['a note']);
    const lines = block.trimEnd().split('\n');
    expect(lines[0]).toBe('# Sized for 120,000 events per minute and 20,000 endpoints: the Standard tier.');
    expect(lines).toContain(`#   ${recommendation.reasons[0]}`);
    expect(lines).toContain('#   a note');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual([
      'require_dedicated_cluster       = false',
      'eventhub_tier                   = "Standard"',
      'eventhub_throughput_allocated   = 7',
      'eventhub_throughput_inflate_cap = 14',
      'eventhub_partition_count        = 7',
      'data_retention_length           = 1',
    ]);
  });
});

const rate = fc.oneof(
  fc.integer({ min: 0, max: 30_000_000 }),
  fc.constantFrom(0, 634_880, 634_881, 1_617_920, 1_617_921, 20_951_040, 20_951_041),
);
const endpoints = fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined });

function expectSized(synth: any, recommendation: SizingRecommendation): void {
  const namespace = onlyResource(synth, 'azurerm_eventhub_namespace');
  const hub = onlyResource(synth, 'azurerm_eventhub');
  expect(hub.partition_count).toBe(recommendation.partitions);
  expect(hub.message_retention).toBe(1);
  if (recommendation.tier === 'Standard') {
    expect(namespace).toMatchObject({
      sku: 'Standard',
      capacity: recommendation.throughputUnits,
      auto_inflate_enabled: true,
      maximum_throughput_units: recommendation.inflateCap,
    });
  } else if (recommendation.tier === 'Premium') {
    expect(namespace).toMatchObject({ sku: 'Premium', capacity: recommendation.processingUnits });
  } else {
    expect(onlyResource(synth, 'azurerm_eventhub_cluster').sku_name).toBe('Dedicated_1');
    expect(namespace.dedicated_cluster_id).toBeDefined();
  }
}

describe('every recommendation', () => {
  it('passes validateGuideVariables, with no variable ignored, and selects the recommended tier', () => {
    fc.assert(
      fc.property(rate, endpoints, (r, n) => {
        const recommendation = recommendSizing({ eventsPerMinute: r, endpoints: n });
        const result = validateGuideVariables(sizingVariables(recommendation));
        expect(result.errors).toEqual([]);
        expect(result.warnings.filter((w) => /ignored/.test(w))).toEqual([]);
        expect(effectiveTier(result.variables!)).toBe(recommendation.tier);
      }),
    );
  });

  it("renders a block the project's loader reads back to the same values, and that synthesizes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(rate, endpoints, async (r, n) => {
        const recommendation = recommendSizing({ eventsPerMinute: r, endpoints: n });
        const file = join(dir, `block-${run++}.tfvars`);
        writeFileSync(file, renderTfvarsBlock(recommendation));
        const { variables } = await loadGuideVariables(file);
        expect(variables).toEqual({ ...GUIDE_DEFAULTS, ...sizingVariables(recommendation) });
        const stack = new DefenderIntegrationStack(Testing.app(), 'defender-integration', { variables });
        expectSized(JSON.parse(Testing.synth(stack)), recommendation);
      }),
      { numRuns: 25 },
    );
  });
});
