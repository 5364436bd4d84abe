import { Construct, IConstruct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Eventhub } from '@cdktf/provider-azurerm/lib/eventhub';
import { EventhubAuthorizationRule } from '@cdktf/provider-azurerm/lib/eventhub-authorization-rule';
import { EventhubConsumerGroup } from '@cdktf/provider-azurerm/lib/eventhub-consumer-group';
import { destroyGuard } from '../rules/destroy-guard';
import { preventDestroyOf } from '../destroy-guards';
import { checkPartitionCount, checkRetentionDays } from '../rules/capacity';
import { failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { EventHubTier } from '../rules/limits';
import { CONSUMER_GROUP_NAME, EVENT_HUB_NAME, LISTEN_POLICY_NAME, checkEventHubChildName, checkEventHubName } from '../rules/naming';
import { EventHubsRole, GrantOptions, GrantableConstruct, grantRole } from '../azure/role-assignment';
import { checkKnown, isKnown, missingProps } from '../tokens';
import { IEventHubNamespace, beforeNamespaceLock } from './eventhub-namespace';

/** Props of a `DefenderConsumer`: the namespace, the hub's size and names. */
export interface DefenderConsumerProps {
  /**
   * The namespace the event hub lives in, created here (`EventHubNamespace`) or existing
   * (`EventHubNamespace.fromNamespaceAttributes`); its tier sets the partition and retention limits.
   */
  readonly namespace: IEventHubNamespace;
  /** Partitions: Standard 1-32, Premium 1-100 (and 200 per processing unit), dedicated 1-1024. */
  readonly partitionCount: number;
  /**
   * Days the hub keeps events: Standard 1-7, Premium and dedicated 1-90.
   * @default 1 (XDR needs one day)
   */
  readonly retentionDays?: number;
  /** Name of the event hub. @default "SCWX-TDR-EventHub" */
  readonly eventHubName?: string;
  /** Name of the consumer group XDR reads with. @default "SCWX-TDR-ConsumerGroup" */
  readonly consumerGroupName?: string;
  /** Name of the listen-only shared access policy whose key XDR holds. @default "SCWX-TDR-ListenPolicy" */
  readonly listenPolicyName?: string;
  /**
   * Terraform `prevent_destroy` on the event hub, the consumer group and the listen policy: the hub holds
   * unread events and the policy's key is typed into XDR by hand, so a plan that would delete or
   * replace them fails instead. Must be known at synth.
   * @default true, or `false` under `setDestroyGuards(scope, false)`
   */
  readonly preventDestroy?: boolean;
  /** The azurerm provider the hub, consumer group and policy are created with. @default the namespace's provider */
  readonly provider?: TerraformProvider;
}

/**
 * The event hub Defender's Streaming API writes to, with the non-default consumer group and the
 * listen-only shared access policy XDR reads through. The policy can never send or manage, and the
 * namespace's RootManageSharedAccessKey is never used.
 */
export class DefenderConsumer extends GrantableConstruct {
  /** The `azurerm_eventhub` (L1) Defender writes to; also `node.defaultChild`. */
  readonly eventHub: Eventhub;
  /** The `azurerm_eventhub_consumer_group` XDR reads with. */
  readonly consumerGroup: EventhubConsumerGroup;
  /** The listen-only `azurerm_eventhub_authorization_rule` whose key XDR holds. */
  readonly listenPolicy: EventhubAuthorizationRule;
  /** The namespace the hub is in. */
  readonly namespace: IEventHubNamespace;

  constructor(scope: Construct, id: string, props: DefenderConsumerProps) {
    super(scope, id);
    const missing = missingProps(props, REQUIRED_CONSUMER_PROPS);
    assertNoProblems(
      missing.length > 0 ? missing : validateConsumerProps(props, props.namespace.tier, props.namespace.processingUnits),
      `DefenderConsumer ${id}`,
    );
    const { namespace } = props;
    claimHubName(this, namespace, props.eventHubName ?? EVENT_HUB_NAME);
    const lifecycle = destroyGuard(preventDestroyOf(this, props.preventDestroy));
    const provider = props.provider ?? namespace.provider;
    this.eventHub = new Eventhub(this, 'event-hub', {
      name: props.eventHubName ?? EVENT_HUB_NAME,
      namespaceId: namespace.id,
      partitionCount: props.partitionCount,
      messageRetention: props.retentionDays ?? 1,
      lifecycle,
      provider,
    });
    const onHub = {
      eventhubName: this.eventHub.name,
      namespaceName: namespace.name,
      resourceGroupName: namespace.resourceGroupName,
      lifecycle,
      provider,
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
    this.node.defaultChild = this.eventHub;
    for (const resource of [this.eventHub, this.consumerGroup, this.listenPolicy]) beforeNamespaceLock(namespace, resource);
    this.namespace = namespace;
  }

  /** An Azure role on this event hub only, for a user, group or managed identity. */
  grant(principalId: string, role: EventHubsRole, options: GrantOptions = {}): RoleAssignment {
    const withProvider = { ...options, provider: options.provider ?? this.eventHub.provider };
    return beforeNamespaceLock(
      this.namespace,
      grantRole(this, this.eventHub.id, principalId, role, withProvider, `DefenderConsumer ${this.node.id} grant`),
    );
  }
}

/** The props without which no consumer can be created, and what each is. */
const REQUIRED_CONSUMER_PROPS = {
  namespace: 'the namespace the hub is created in, an EventHubNamespace or one from fromNamespaceAttributes',
  partitionCount: 'the number of partitions of the hub',
};

/** Per app: which consumer holds each hub name of a namespace, by its Azure name where known. */
const hubNames = new WeakMap<IConstruct, Map<string, DefenderConsumer>>();

/**
 * Two consumers that would create the same hub on one namespace are refused now, naming both, rather
 * than by Azure halfway through an apply. Names are compared as Azure does, ignoring case; a name known
 * only at plan time is left to Azure.
 */
function claimHubName(consumer: DefenderConsumer, namespace: IEventHubNamespace, hubName: string): void {
  if (!isKnown(hubName)) return;
  const where =
    isKnown(namespace.name) && isKnown(namespace.resourceGroupName)
      ? `${namespace.resourceGroupName}/${namespace.name}`.toLowerCase()
      : `construct ${namespace.node.path}`;
  const key = `${where}/${hubName.toLowerCase()}`;
  const root = consumer.node.root;
  const claimed = hubNames.get(root) ?? new Map<string, DefenderConsumer>();
  hubNames.set(root, claimed);
  const holder = claimed.get(key);
  if (holder !== undefined) {
    assertNoProblems(
      [
        problem(
          'eventHubName',
          hubName,
          `is already the hub of ${holder.node.path} on the same namespace; give ${consumer.node.path} another eventHubName`,
        ),
      ],
      `DefenderConsumer ${consumer.node.id}`,
    );
  }
  claimed.set(key, consumer);
}

/**
 * Every problem with consumer props for a namespace of the given tier; empty when valid. A value that
 * is a Terraform reference is not judged: Azure checks it at apply.
 */
export function validateConsumerProps(
  props: Omit<DefenderConsumerProps, 'namespace'>,
  tier: EventHubTier,
  processingUnits?: number,
): string[] {
  const units = isKnown(processingUnits) ? processingUnits : undefined;
  // An imported namespace's tier may be read at plan: its limits are then Azure's to check.
  const limits = isKnown(tier);
  return failures(
    checkKnown('preventDestroy', props.preventDestroy, 'true or false'),
    limits && isKnown(props.partitionCount) ? checkPartitionCount('partitionCount', props.partitionCount, tier, units) : undefined,
    limits && isKnown(props.retentionDays) ? checkRetentionDays('retentionDays', props.retentionDays, tier) : undefined,
    isKnown(props.eventHubName) ? checkEventHubName('eventHubName', props.eventHubName) : undefined,
    isKnown(props.consumerGroupName) ? checkEventHubChildName('consumerGroupName', props.consumerGroupName) : undefined,
    isKnown(props.listenPolicyName) ? checkEventHubChildName('listenPolicyName', props.listenPolicyName) : undefined,
  );
}
