import { Construct } from 'constructs';
import { EventhubCluster } from '@cdktf/provider-azurerm/lib/eventhub-cluster';
import { EventhubNamespace, EventhubNamespaceNetworkRulesets } from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import { destroyGuard, guardedLifecycle } from '../rules/destroy-guard';
import { checkInflateCap, checkProcessingUnits, checkThroughputUnits } from '../rules/capacity';
import { failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { DEDICATED_CLUSTER_SKU, EventHubTier, STANDARD_MAX_THROUGHPUT_UNITS } from '../rules/limits';
import { checkClusterName, checkNamespaceName } from '../rules/naming';
import { checkAllowedIpRanges } from '../rules/network';
import { checkTags } from '../rules/tags';

/** Standard: throughput units, with auto-inflate when a larger maximum is given. */
export interface StandardCapacity {
  readonly tier: 'Standard';
  /** Throughput units allocated, 1-40. */
  readonly throughputUnits: number;
  /**
   * Auto-inflate ceiling, `throughputUnits`-40. Larger than `throughputUnits` turns auto-inflate on;
   * equal turns it off.
   * @default throughputUnits (auto-inflate off)
   */
  readonly autoInflateMaximumThroughputUnits?: number;
}

/** Premium: processing units (1, 2, 4, 8 or 16); no auto-inflate. */
export interface PremiumCapacity {
  readonly tier: 'Premium';
  readonly processingUnits: number;
}

/** A Standard namespace on its own `Dedicated_1` Event Hubs cluster. */
export interface DedicatedCapacity {
  readonly tier: 'Dedicated';
  /** Name of the `azurerm_eventhub_cluster` this construct creates. */
  readonly clusterName: string;
}

export type NamespaceCapacity = StandardCapacity | PremiumCapacity | DedicatedCapacity;

export interface EventHubNamespaceProps {
  /** Globally unique namespace name (6-50 letters, digits, hyphens). */
  readonly name: string;
  readonly resourceGroupName: string;
  /** Azure region code, such as `eastus`. */
  readonly location: string;
  readonly capacity: NamespaceCapacity;
  /**
   * IPv4 addresses or CIDR ranges (1-128) that may reach the namespace: every other address is denied.
   * Trusted Microsoft services stay allowed, since Defender's Streaming API writes through Azure Monitor.
   * @default every address, as the guide deploys it (no network rule set)
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Terraform `prevent_destroy` on the namespace and the cluster: a plan that would delete them (and the
   * events not yet read), including a replacement forced by an input change, fails instead.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Azure tags on the namespace and, on the dedicated tier, the cluster: at most 50, names of 1-512
   * characters without `<>%&\?/`, values of at most 256 characters. Changing them updates in place.
   * @default no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * With auto-inflate on, Azure raises the allocation under load and azurerm reads the raised value back
   * into `capacity`; Terraform therefore ignores `capacity` (`ignore_changes`), so no deploy scales an
   * inflated namespace down. `true` drops that for one deploy, to apply a deliberate change of
   * `throughputUnits` (which then replaces whatever auto-inflate has reached). No effect without auto-inflate.
   * @default false
   */
  readonly applyThroughputUnits?: boolean;
}

/**
 * An Event Hubs namespace sized for the Defender stream: Standard, Premium, or Standard on a dedicated
 * cluster. Always TLS 1.2; local (SAS) authentication stays on because XDR reads with a SAS key.
 */
export class EventHubNamespace extends Construct {
  readonly namespace: EventhubNamespace;
  /** Present on the dedicated tier only. */
  readonly cluster?: EventhubCluster;
  readonly tier: EventHubTier;
  /** Processing units on Premium; the per-namespace partition limit depends on it. */
  readonly processingUnits?: number;
  readonly resourceGroupName: string;

  constructor(scope: Construct, id: string, props: EventHubNamespaceProps) {
    super(scope, id);
    assertNoProblems(validateNamespaceProps(props), `EventHubNamespace ${id}`);
    const { capacity } = props;
    this.tier = capacity.tier;
    this.resourceGroupName = props.resourceGroupName;

    const common = {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      minimumTlsVersion: '1.2',
      localAuthenticationEnabled: true,
      lifecycle: destroyGuard(props.preventDestroy),
      networkRulesets: props.allowedIpRanges === undefined ? undefined : [allowListRuleset(props.allowedIpRanges)],
      tags: props.tags,
    };
    if (capacity.tier === 'Standard') {
      const maximum = capacity.autoInflateMaximumThroughputUnits ?? capacity.throughputUnits;
      const inflate = maximum > capacity.throughputUnits;
      this.namespace = new EventhubNamespace(this, 'namespace', {
        ...common,
        lifecycle: guardedLifecycle(props.preventDestroy, inflate && !props.applyThroughputUnits ? ['capacity'] : []),
        sku: 'Standard',
        capacity: capacity.throughputUnits,
        autoInflateEnabled: inflate,
        maximumThroughputUnits: inflate ? maximum : undefined,
      });
    } else if (capacity.tier === 'Premium') {
      this.processingUnits = capacity.processingUnits;
      this.namespace = new EventhubNamespace(this, 'namespace', { ...common, sku: 'Premium', capacity: capacity.processingUnits });
    } else {
      this.cluster = new EventhubCluster(this, 'cluster', {
        name: capacity.clusterName,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        skuName: DEDICATED_CLUSTER_SKU,
        lifecycle: destroyGuard(props.preventDestroy),
        tags: props.tags,
      });
      this.namespace = new EventhubNamespace(this, 'namespace', {
        ...common,
        sku: 'Standard',
        dedicatedClusterId: this.cluster.id,
        autoInflateEnabled: false,
      });
    }
  }

  /** The namespace name, as a Terraform reference so dependents wait for it. */
  get name(): string {
    return this.namespace.name;
  }

  get id(): string {
    return this.namespace.id;
  }
}

/** Deny by default, allow the listed ranges; public access stays on, since XDR reads over the internet. */
function allowListRuleset(ranges: readonly string[]): EventhubNamespaceNetworkRulesets {
  return {
    defaultAction: 'Deny',
    publicNetworkAccessEnabled: true,
    trustedServiceAccessEnabled: true,
    ipRule: ranges.map((ipMask) => ({ ipMask, action: 'Allow' })),
    virtualNetworkRule: [],
  };
}

/** Every problem with a set of namespace props (Azure's limits, help/guide-facts.md#azures-limits); empty when valid. */
export function validateNamespaceProps(props: EventHubNamespaceProps): string[] {
  const { capacity } = props;
  const found = failures(checkNamespaceName('name', props.name));
  if (props.allowedIpRanges !== undefined) found.push(...checkAllowedIpRanges('allowedIpRanges', props.allowedIpRanges));
  if (props.tags !== undefined) found.push(...checkTags('tags', props.tags));
  if (capacity.tier === 'Standard') {
    const maximum = capacity.autoInflateMaximumThroughputUnits;
    found.push(
      ...failures(
        checkThroughputUnits('capacity.throughputUnits', capacity.throughputUnits, STANDARD_MAX_THROUGHPUT_UNITS),
        maximum === undefined
          ? undefined
          : checkInflateCap('capacity.autoInflateMaximumThroughputUnits', maximum, 'capacity.throughputUnits', capacity.throughputUnits),
      ),
    );
  } else if (capacity.tier === 'Premium') {
    found.push(...failures(checkProcessingUnits('capacity.processingUnits', capacity.processingUnits)));
  } else if (capacity.tier === 'Dedicated') {
    found.push(...failures(checkClusterName('capacity.clusterName', capacity.clusterName)));
  } else {
    found.push(problem('capacity.tier', (capacity as { tier: unknown }).tier, 'must be one of "Standard", "Premium", "Dedicated"'));
  }
  return found;
}
