/**
 * A recommendation as `terraform.tfvars` lines. Only the sizing variables the guide's tier tables
 * list are written: pasted over those lines of a customer's file, the client name, region, IDs and
 * resource group stay theirs; on its own, the block is still a valid file in which those take the
 * guide's defaults.
 */
import type { GuideVariables } from '../config/variables';
import { SizingRecommendation } from '../../sizing/recommend';

export type SizingVariables = Partial<
  Pick<
    GuideVariables,
    | 'require_dedicated_cluster'
    | 'eventhub_tier'
    | 'eventhub_throughput_allocated'
    | 'eventhub_throughput_inflate_cap'
    | 'eventhub_processing_units'
    | 'eventhub_partition_count'
    | 'data_retention_length'
  >
>;

/** The variables the guide's table for the recommended tier lists, in its order. */
export function sizingVariables(recommendation: SizingRecommendation): SizingVariables {
  const shared = { eventhub_partition_count: recommendation.partitions, data_retention_length: recommendation.retentionDays };
  switch (recommendation.tier) {
    case 'Standard':
      return {
        require_dedicated_cluster: false,
        eventhub_tier: 'Standard',
        eventhub_throughput_allocated: recommendation.throughputUnits,
        eventhub_throughput_inflate_cap: recommendation.inflateCap,
        ...shared,
      };
    case 'Premium':
      return {
        require_dedicated_cluster: false,
        eventhub_tier: 'Premium',
        eventhub_processing_units: recommendation.processingUnits,
        ...shared,
      };
    case 'Dedicated':
      return { require_dedicated_cluster: true, ...shared };
  }
}

function describeInput(recommendation: SizingRecommendation): string {
  const rate = `${recommendation.eventsPerMinute.toLocaleString('en-US')} events per minute`;
  return recommendation.endpoints === undefined ? rate : `${rate} and ${recommendation.endpoints.toLocaleString('en-US')} endpoints`;
}

/**
 * The sizing variables, aligned like the guide's file, under comments giving the input, the reasons
 * and any further notes, so the whole text can be saved as or pasted into a tfvars file.
 */
export function renderTfvarsBlock(recommendation: SizingRecommendation, notes: readonly string[] = []): string {
  const entries = Object.entries(sizingVariables(recommendation));
  const width = Math.max(...entries.map(([name]) => name.length));
  const comments = [`Sized for ${describeInput(recommendation)}: the ${recommendation.tier} tier.`, ...recommendation.reasons, ...notes];
  const lines = [
    ...comments.map((c, i) => (i === 0 ? `# ${c}` : `#   ${c}`)),
    ...entries.map(([name, value]) => `${name.padEnd(width)} = ${JSON.stringify(value)}`),
  ];
  return lines.join('\n') + '\n';
}
