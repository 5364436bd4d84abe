/**
 * A recommendation as `terraform.tfvars` lines. Only the sizing variables the guide's tier tables
 * list are written: pasted over those lines of a customer's file, the client name, region, IDs and
 * resource group stay theirs; on its own, the block is still a valid file in which those take the
 * guide's defaults.
 */
import type { GuideVariables } from '../config/variables';
import { SizingRecommendation } from '../../sizing/recommend';

/** Values of the guide's sizing variables; a variable the tier does not read is absent. */
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

/** Every sizing variable, in the order of the guide's file: what `--write` owns and the block shows. */
export const SIZING_VARIABLE_NAMES = [
  'require_dedicated_cluster',
  'eventhub_tier',
  'eventhub_throughput_allocated',
  'eventhub_throughput_inflate_cap',
  'eventhub_processing_units',
  'eventhub_partition_count',
  'data_retention_length',
] as const satisfies ReadonlyArray<keyof SizingVariables>;

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
 * Every sizing variable, aligned like the guide's file: the tier's values, and a comment line for each
 * one the tier does not read (delete that line from your file), so pasted over the sizing lines the
 * block replaces every one of them.
 */
export function renderSizingLines(values: SizingVariables, tierName: string): string[] {
  return SIZING_VARIABLE_NAMES.map((name) =>
    values[name] === undefined
      ? `# ${name.padEnd(SIZING_WIDTH)} : not read on ${tierName}; delete its line`
      : assignment(name, values[name]),
  );
}

/** The given sizing variables alone, aligned like the block. */
export function renderAssignments(values: SizingVariables): string[] {
  return SIZING_VARIABLE_NAMES.filter((name) => values[name] !== undefined).map((name) => assignment(name, values[name]));
}

const SIZING_WIDTH = Math.max(...SIZING_VARIABLE_NAMES.map((name) => name.length));
const assignment = (name: string, value: unknown): string => `${name.padEnd(SIZING_WIDTH)} = ${JSON.stringify(value)}`;

/** How the block names a tier, as in "not read on the Standard tier". */
export function tierName(tier: SizingRecommendation['tier']): string {
  return tier === 'Dedicated' ? 'a dedicated cluster' : `the ${tier} tier`;
}

/**
 * The sizing variables under comments giving the input, the reasons and any further notes, so the
 * whole text can be saved as or pasted into a tfvars file.
 */
export function renderTfvarsBlock(recommendation: SizingRecommendation, notes: readonly string[] = []): string {
  const comments = [`Sized for ${describeInput(recommendation)}: the ${recommendation.tier} tier.`, ...recommendation.reasons, ...notes];
  const lines = [
    ...comments.map((c, i) => (i === 0 ? `# ${c}` : `#   ${c}`)),
    ...renderSizingLines(sizingVariables(recommendation), tierName(recommendation.tier)),
  ];
  return lines.join('\n') + '\n';
}
