import { Testing } from 'cdktf';
import { DefenderConsumer } from '../../lib/eventhub/defender-consumer';
import { EventHubNamespace } from '../../lib/eventhub/eventhub-namespace';
import { InvalidSettingsError } from '../../lib/rules/errors';
import { SizingInput, recommendSizing } from '../../lib/sizing/recommend';
import { sizedEventHubProps } from '../../lib/sizing/props';
import { onlyResource } from '../helpers';

/** What a platform team writes: size from a rate, then build the two constructs. */
function synthSized(input: SizingInput, clusterName?: string): any {
  const sized = sizedEventHubProps(recommendSizing(input), { clusterName });
  return JSON.parse(
    Testing.synthScope((scope) => {
      const namespace = new EventHubNamespace(scope, 'ns', {
        name: 'SCWX-TDR-Namespace-Platform-eastus',
        resourceGroupName: 'rg',
        location: 'eastus',
        capacity: sized.namespace.capacity,
      });
      new DefenderConsumer(scope, 'consumer', { namespace, ...sized.consumer });
    }),
  );
}

describe('sizedEventHubProps', () => {
  it('Standard: throughput units with auto-inflate up to the cap', () => {
    const synth = synthSized({ eventsPerMinute: 120_000, endpoints: 20_000 });
    expect(onlyResource(synth, 'azurerm_eventhub_namespace')).toMatchObject({
      sku: 'Standard',
      capacity: 7,
      auto_inflate_enabled: true,
      maximum_throughput_units: 14,
    });
    expect(onlyResource(synth, 'azurerm_eventhub')).toMatchObject({ partition_count: 7, message_retention: 1 });
  });

  it('Premium: processing units', () => {
    const synth = synthSized({ eventsPerMinute: 1_000_000, endpoints: 20_000 });
    expect(onlyResource(synth, 'azurerm_eventhub_namespace')).toMatchObject({ sku: 'Premium', capacity: 16 });
    expect(onlyResource(synth, 'azurerm_eventhub')).toMatchObject({ partition_count: 50, message_retention: 1 });
  });

  it('Dedicated: a cluster with the given name', () => {
    const synth = synthSized({ eventsPerMinute: 1_000_000, endpoints: 60_000 }, 'SCWX-TDR-Cluster-Platform-eastus');
    expect(onlyResource(synth, 'azurerm_eventhub_cluster')).toMatchObject({
      name: 'SCWX-TDR-Cluster-Platform-eastus',
      sku_name: 'Dedicated_1',
    });
    expect(onlyResource(synth, 'azurerm_eventhub')).toMatchObject({ partition_count: 50 });
  });

  it('ignores clusterName when no cluster is recommended', () => {
    expect(sizedEventHubProps(recommendSizing({ eventsPerMinute: 0 }), { clusterName: 'unused-cluster' }).namespace.capacity).toEqual({
      tier: 'Standard',
      throughputUnits: 1,
      autoInflateMaximumThroughputUnits: 2,
    });
  });

  it('refuses a dedicated recommendation without a cluster name', () => {
    const dedicated = recommendSizing({ eventsPerMinute: 2_000_000 });
    expect(() => sizedEventHubProps(dedicated)).toThrow(InvalidSettingsError);
    expect(() => sizedEventHubProps(dedicated)).toThrow(
      /clusterName = undefined: is required: 99 throughput units call for a dedicated cluster/,
    );
  });
});
