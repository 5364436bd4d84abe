/**
 * A recommendation as construct props, so a platform team sizes from a measured rate in code:
 *
 *   const sized = sizedEventHubProps(recommendSizing({ eventsPerMinute, endpoints }), { clusterName });
 *   const namespace = new EventHubNamespace(this, 'ns', { name, resourceGroupName, location, capacity: sized.namespace.capacity });
 *   new DefenderConsumer(this, 'consumer', { namespace, ...sized.consumer });
 */
import type { DefenderConsumerProps } from '../eventhub/defender-consumer';
import type { EventHubNamespaceProps } from '../eventhub/eventhub-namespace';
import { problem } from '../rules/checks';
import { InvalidSettingsError } from '../rules/errors';
import { SizingRecommendation } from './recommend';

/** Construct props sized from a recommendation. */
export interface SizedEventHubProps {
  /** The namespace's capacity. */
  readonly namespace: Pick<EventHubNamespaceProps, 'capacity'>;
  /** The consumer's partitions and retention. */
  readonly consumer: Pick<DefenderConsumerProps, 'partitionCount' | 'retentionDays'>;
}

/** Options of `sizedEventHubProps`. */
export interface SizedEventHubOptions {
  /** Name of the cluster to create; required when the recommendation is a dedicated cluster, ignored otherwise. */
  readonly clusterName?: string;
}

/** Throws InvalidSettingsError when a dedicated cluster is recommended and no `clusterName` is given. */
export function sizedEventHubProps(recommendation: SizingRecommendation, options: SizedEventHubOptions = {}): SizedEventHubProps {
  const consumer = { partitionCount: recommendation.partitions, retentionDays: recommendation.retentionDays };
  switch (recommendation.tier) {
    case 'Standard':
      return {
        namespace: {
          capacity: {
            tier: 'Standard',
            throughputUnits: recommendation.throughputUnits,
            autoInflateMaximumThroughputUnits: recommendation.inflateCap,
          },
        },
        consumer,
      };
    case 'Premium':
      return { namespace: { capacity: { tier: 'Premium', processingUnits: recommendation.processingUnits } }, consumer };
    case 'Dedicated':
      if (options.clusterName === undefined) {
        throw new InvalidSettingsError(
          [
            problem(
              'clusterName',
              undefined,
              `is required: ${recommendation.throughputUnits} throughput units call for a dedicated cluster, which needs a name (clusterName() in lib/rules/naming.ts gives the guide's)`,
            ),
          ],
          'sizedEventHubProps',
        );
      }
      return { namespace: { capacity: { tier: 'Dedicated', clusterName: options.clusterName } }, consumer };
  }
}
