import { Testing } from 'cdktf';
import { Eventhub } from '@cdktf/provider-azurerm/lib/eventhub';
import { EventhubAuthorizationRule } from '@cdktf/provider-azurerm/lib/eventhub-authorization-rule';
import { EventhubConsumerGroup } from '@cdktf/provider-azurerm/lib/eventhub-consumer-group';
import { DefenderConsumer, DefenderConsumerProps } from '../../lib/eventhub/defender-consumer';
import { EventHubNamespace, NamespaceCapacity } from '../../lib/eventhub/eventhub-namespace';

type ConsumerSettings = Omit<DefenderConsumerProps, 'namespace'>;
const STANDARD: NamespaceCapacity = { tier: 'Standard', throughputUnits: 2 };

function synth(settings: ConsumerSettings, capacity: NamespaceCapacity = STANDARD): string {
  return Testing.synthScope((scope) => {
    const namespace = new EventHubNamespace(scope, 'ns', {
      name: 'SCWX-TDR-Namespace-Contoso-eastus',
      resourceGroupName: 'rg',
      location: 'eastus',
      capacity,
    });
    new DefenderConsumer(scope, 'consumer', { namespace, ...settings });
  });
}

function refusal(settings: ConsumerSettings, capacity: NamespaceCapacity = STANDARD): string {
  try {
    synth(settings, capacity);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the props to be refused');
}

describe('DefenderConsumer', () => {
  test("the guide's event hub, consumer group and listen-only policy, with its defaults", () => {
    const out = synth({ partitionCount: 4 });
    expect(out).toHaveResourceWithProperties(Eventhub, { name: 'SCWX-TDR-EventHub', partition_count: 4, message_retention: 1 });
    expect(out).toHaveResourceWithProperties(EventhubConsumerGroup, { name: 'SCWX-TDR-ConsumerGroup' });
    expect(out).toHaveResourceWithProperties(EventhubAuthorizationRule, {
      name: 'SCWX-TDR-ListenPolicy',
      listen: true,
      send: false,
      manage: false,
    });
  });

  test('the hub references the namespace by id (not the deprecated namespace_name)', () => {
    const hub = Object.values(JSON.parse(synth({ partitionCount: 4 })).resource.azurerm_eventhub)[0] as any;
    expect(hub.namespace_id).toMatch(/^\$\{azurerm_eventhub_namespace\..+\.id\}$/);
    expect(hub).not.toHaveProperty('namespace_name');
  });

  test('the consumer group and policy hang off the hub, so they are created after it', () => {
    const out = JSON.parse(synth({ partitionCount: 4 }));
    for (const type of ['azurerm_eventhub_consumer_group', 'azurerm_eventhub_authorization_rule']) {
      const child = Object.values(out.resource[type])[0] as any;
      expect(child.eventhub_name).toMatch(/^\$\{azurerm_eventhub\..+\.name\}$/);
      expect(child.namespace_name).toMatch(/^\$\{azurerm_eventhub_namespace\..+\.name\}$/);
    }
  });

  test('names and retention can be set', () => {
    const out = synth({ partitionCount: 2, retentionDays: 7, eventHubName: 'hub', consumerGroupName: 'xdr', listenPolicyName: 'read' });
    expect(out).toHaveResourceWithProperties(Eventhub, { name: 'hub', message_retention: 7 });
    expect(out).toHaveResourceWithProperties(EventhubConsumerGroup, { name: 'xdr' });
    expect(out).toHaveResourceWithProperties(EventhubAuthorizationRule, { name: 'read' });
  });

  test.each<[string, ConsumerSettings, NamespaceCapacity, string]>([
    [
      '33 partitions on Standard',
      { partitionCount: 33 },
      STANDARD,
      'partitionCount = 33: must be a whole number from 1 to 32 on the Standard tier',
    ],
    [
      '101 partitions on Premium',
      { partitionCount: 101 },
      { tier: 'Premium', processingUnits: 1 },
      'partitionCount = 101: must be a whole number from 1 to 100 on the Premium tier',
    ],
    [
      '1025 partitions on a cluster',
      { partitionCount: 1025 },
      { tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-x' },
      'partitionCount = 1025: must be a whole number from 1 to 1024 on the Dedicated tier',
    ],
    [
      '8 days on Standard',
      { partitionCount: 4, retentionDays: 8 },
      STANDARD,
      'retentionDays = 8: must be a whole number from 1 to 7 (days) on the Standard tier',
    ],
    [
      '91 days on Premium',
      { partitionCount: 4, retentionDays: 91 },
      { tier: 'Premium', processingUnits: 1 },
      'retentionDays = 91: must be a whole number from 1 to 90 (days) on the Premium tier',
    ],
    ['a bad hub name', { partitionCount: 4, eventHubName: '-hub' }, STANDARD, 'eventHubName = "-hub": an event hub name must be 1-256'],
    ['a bad policy name', { partitionCount: 4, listenPolicyName: 'p'.repeat(51) }, STANDARD, 'listenPolicyName = "ppppp'],
  ])('refuses %s', (_case, settings, capacity, message) => {
    expect(refusal(settings, capacity)).toContain(`DefenderConsumer consumer: ${message}`);
  });

  test('1024 partitions and 90 days are allowed on a dedicated cluster', () => {
    expect(
      synth({ partitionCount: 1024, retentionDays: 90 }, { tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-x' }),
    ).toHaveResourceWithProperties(Eventhub, { partition_count: 1024, message_retention: 90 });
  });
});
