import { Construct } from 'constructs';
import { Eventhub } from '@cdktf/provider-azurerm/lib/eventhub';
import { EventhubAuthorizationRule } from '@cdktf/provider-azurerm/lib/eventhub-authorization-rule';
import { EventhubConsumerGroup } from '@cdktf/provider-azurerm/lib/eventhub-consumer-group';
import { destroyGuard } from '../rules/destroy-guard';
import { checkPartitionCount, checkRetentionDays } from '../rules/capacity';
import { failures } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { EventHubTier } from '../rules/limits';
import { CONSUMER_GROUP_NAME, EVENT_HUB_NAME, LISTEN_POLICY_NAME, checkEventHubChildName, checkEventHubName } from '../rules/naming';
import { EventHubNamespace } from './eventhub-namespace';

export interface DefenderConsumerProps {
  /** The namespace the event hub lives in; its tier sets the partition and retention limits. */
  readonly namespace: EventHubNamespace;
  /** Partitions: Standard 1-32, Premium 1-100 (and 200 per processing unit), dedicated 1-1024. */
  readonly partitionCount: number;
  /**
   * Days the hub keeps events: Standard 1-7, Premium and dedicated 1-90.
   * @default 1 (XDR needs one day)
   */
  readonly retentionDays?: number;
  /** @default "SCWX-TDR-EventHub" */
  readonly eventHubName?: string;
  /** @default "SCWX-TDR-ConsumerGroup" */
  readonly consumerGroupName?: string;
  /** @default "SCWX-TDR-ListenPolicy" */
  readonly listenPolicyName?: string;
  /**
   * Terraform `prevent_destroy` on the event hub, the consumer group and the listen policy: the hub holds
   * unread events and the policy's key is typed into XDR by hand, so a plan that would delete or
   * replace them fails instead.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The event hub Defender's Streaming API writes to, with the non-default consumer group and the
 * listen-only shared access policy XDR reads through. The policy can never send or manage, and the
 * namespace's RootManageSharedAccessKey is never used.
 */
export class DefenderConsumer extends Construct {
  readonly eventHub: Eventhub;
  readonly consumerGroup: EventhubConsumerGroup;
  readonly listenPolicy: EventhubAuthorizationRule;

  constructor(scope: Construct, id: string, props: DefenderConsumerProps) {
    super(scope, id);
    assertNoProblems(validateConsumerProps(props, props.namespace.tier, props.namespace.processingUnits), `DefenderConsumer ${id}`);
    const { namespace } = props;
    const lifecycle = destroyGuard(props.preventDestroy);
    this.eventHub = new Eventhub(this, 'event-hub', {
      name: props.eventHubName ?? EVENT_HUB_NAME,
      namespaceId: namespace.id,
      partitionCount: props.partitionCount,
      messageRetention: props.retentionDays ?? 1,
      lifecycle,
    });
    const onHub = {
      eventhubName: this.eventHub.name,
      namespaceName: namespace.name,
      resourceGroupName: namespace.resourceGroupName,
      lifecycle,
    };
    this.consumerGroup = new EventhubConsumerGroup(this, 'consumer-group', {
      ...onHub,
      name: props.consumerGroupName ?? CONSUMER_GROUP_NAME,
    });
    this.listenPolicy = new EventhubAuthorizationRule(this, 'listen-policy', {
      ...onHub,
      name: props.listenPolicyName ?? LISTEN_POLICY_NAME,
      listen: true,
      send: false,
      manage: false,
    });
  }
}

type ConsumerSettings = Omit<DefenderConsumerProps, 'namespace'>;

/** Every problem with consumer props for a namespace of the given tier; empty when valid. */
export function validateConsumerProps(props: ConsumerSettings, tier: EventHubTier, processingUnits?: number): string[] {
  return failures(
    checkPartitionCount('partitionCount', props.partitionCount, tier, processingUnits),
    props.retentionDays === undefined ? undefined : checkRetentionDays('retentionDays', props.retentionDays, tier),
    props.eventHubName === undefined ? undefined : checkEventHubName('eventHubName', props.eventHubName),
    props.consumerGroupName === undefined ? undefined : checkEventHubChildName('consumerGroupName', props.consumerGroupName),
    props.listenPolicyName === undefined ? undefined : checkEventHubChildName('listenPolicyName', props.listenPolicyName),
  );
}
