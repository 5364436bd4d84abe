import { Construct, IConstruct } from 'constructs';
import { Fn, TerraformProvider } from 'cdktf';
import type { TerraformResource } from 'cdktf';
import type { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import type { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { EventhubCluster } from '@cdktf/provider-azurerm/lib/eventhub-cluster';
import {
  EventhubNamespace,
  EventhubNamespaceIdentity,
  EventhubNamespaceNetworkRulesets,
} from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import type { EventhubNamespaceCustomerManagedKey } from '@cdktf/provider-azurerm/lib/eventhub-namespace-customer-managed-key';
import { destroyGuard, guardedLifecycle } from '../rules/destroy-guard';
import { checkInflateCap, checkProcessingUnits, checkThroughputUnits } from '../rules/capacity';
import { checkOneOf, failures, problem } from '../rules/checks';
import { assertNoProblems } from '../rules/errors';
import { DEDICATED_CLUSTER_SKU, EVENT_HUB_TIERS, EventHubTier, STANDARD_MAX_THROUGHPUT_UNITS } from '../rules/limits';
import { checkClusterName, checkNamespaceName, checkResourceGroupName } from '../rules/naming';
import { checkLocation } from '../rules/location';
import { checkText } from '../rules/text';
import { checkAllowedIpRanges, checkAllowedSubnetIds, checkResourceId } from '../rules/network';
import { DiagnosticSettingsOptions, addDiagnosticSettings } from '../azure/diagnostic-settings';
import { loadCustomerManagedKey, loadEventhubCluster, loadManagementLock, loadNamespaceData } from '../azure/load';
import { preventDestroyOf } from '../destroy-guards';
import { PrivateEndpointOptions, addPrivateEndpoint } from '../azure/private-endpoint';
import { EventHubsRole, GrantOptions, GrantableConstruct, IGrantable, grantRole } from '../azure/role-assignment';
import { EventHubsMetric, MetricOptions, eventHubsMetric } from '../monitoring/metrics';
import { checkKnown, isKnown, knownEntries, knownItems, listOf, missingProps, objectsOfList } from '../tokens';
import { checkTags } from '../rules/tags';

/** Standard: throughput units, with auto-inflate when a larger maximum is given. */
export interface StandardCapacity {
  /** The Standard tier. */
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
  /** The Premium tier. */
  readonly tier: 'Premium';
  /** Processing units: 1, 2, 4, 8 or 16. */
  readonly processingUnits: number;
}

/**
 * A Standard namespace on a dedicated cluster: on its own new `Dedicated_1` cluster, which this
 * construct creates (`clusterName`, the `azurerm_eventhub_cluster`'s name), or on a cluster that exists
 * already, created elsewhere and shared (`clusterId`, its resource ID
 * `/subscriptions/…/providers/Microsoft.EventHub/clusters/<name>`). Exactly one of the two.
 */
export type DedicatedCapacity =
  | { readonly tier: 'Dedicated'; readonly clusterName: string; readonly clusterId?: never }
  | { readonly tier: 'Dedicated'; readonly clusterId: string; readonly clusterName?: never };

/** The tier of a namespace and its units: Standard, Premium, or Standard on a dedicated cluster. */
export type NamespaceCapacity = StandardCapacity | PremiumCapacity | DedicatedCapacity;

/** Props of an `EventHubNamespace`: where it is, its capacity, network, lock and platform features. */
export interface EventHubNamespaceProps {
  /** Globally unique namespace name (6-50 letters, digits, hyphens). */
  readonly name: string;
  /** The resource group the namespace is created in. */
  readonly resourceGroupName: string;
  /** Azure region code, such as `eastus`. */
  readonly location: string;
  /** The tier and its units; must be known at synth (it chooses what is created). */
  readonly capacity: NamespaceCapacity;
  /**
   * IPv4 addresses or CIDR ranges (1-128) that may reach the namespace: every other address is denied.
   * Trusted Microsoft services stay allowed, since Defender's Streaming API writes through Azure Monitor.
   * @default every address, as the guide deploys it (no network rule set)
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Subnets (resource IDs) whose traffic may reach the namespace through a virtual network service
   * endpoint (`Microsoft.EventHub`): every other network is denied, as with `allowedIpRanges`, and
   * both lists may be given together.
   * @default no virtual network rule
   */
  readonly allowedSubnetIds?: readonly string[];
  /**
   * Whether the namespace answers on its public endpoint. `false` leaves private endpoints as the only
   * way in, and XDR, which reads the hub from Secureworks' cloud over the internet, can then no
   * longer connect: turn it off only for a namespace XDR does not read, or reads through a route you
   * provide. IP and subnet rules need public access, so they are refused with `false`. Must be known
   * at synth (it chooses the rule set).
   * @default true
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * An Azure management lock on the namespace, which stops a deletion from the portal, the CLI or
   * another Terraform state as well. Only `CanNotDelete`: a `ReadOnly` lock would block listing the
   * listen policy's keys, which XDR's setup needs. Must be known at synth. The lock also blocks deleting
   * role assignments, diagnostic settings and private endpoint connections at the namespace's scope
   * (`ScopeLocked`): it depends on those the library adds, so a destroy removes it first.
   * @default no lock
   */
  readonly lock?: NamespaceLock;
  /**
   * Terraform `prevent_destroy` on the namespace and the cluster: a plan that would delete them (and the
   * events not yet read), including a replacement forced by an input change, fails instead. Must be
   * known at synth.
   * @default true, or `false` under `setDestroyGuards(scope, false)`
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
   * `throughputUnits` (which then replaces whatever auto-inflate has reached). No effect without
   * auto-inflate. Must be known at synth.
   * @default false
   */
  readonly applyThroughputUnits?: boolean;
  /**
   * Trusted Microsoft services may pass the network rules (`trusted_service_access_enabled` of the rule
   * set written with `allowedIpRanges`, `allowedSubnetIds` or `publicNetworkAccess: false`). **Keep it on
   * for XDR**: Defender's Streaming API writes through Azure Monitor, a trusted service, so `false`
   * stops the stream whenever a rule set denies by default. Without a rule set it has no effect. Must
   * be known at synth.
   * @default true
   */
  readonly trustedServiceAccess?: boolean;
  /**
   * Managed identities of the namespace, which a customer-managed key needs to reach its key vault.
   * @default none
   */
  readonly identity?: ManagedIdentityOptions;
  /**
   * Encrypt the namespace with your own Key Vault key (`azurerm_eventhub_namespace_customer_managed_key`):
   * Premium or dedicated only, with `identity` (the key vault grants it wrap and unwrap on the key).
   * XDR is unaffected: it reads through the listen policy either way.
   * @default Microsoft-managed keys
   */
  readonly customerManagedKey?: CustomerManagedKeyOptions;
  /**
   * The azurerm provider the namespace, its cluster and lock, and everything added to it (grants,
   * private endpoints, diagnostics, the hubs of a `DefenderConsumer`, `ScalingAlerts`) are created with:
   * an aliased provider for a namespace in another subscription.
   * @default the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/** Managed identities, in the same shape on every construct that has one. */
export interface ManagedIdentityOptions {
  /** A system-assigned identity, created and deleted with the resource. @default false */
  readonly systemAssigned?: boolean;
  /** User-assigned identities (resource IDs), which outlive the resource. @default none */
  readonly userAssignedIdentityIds?: readonly string[];
}

/** A customer-managed key from Azure Key Vault. */
export interface CustomerManagedKeyOptions {
  /** Versionless or versioned Key Vault key ID (`https://<vault>.vault.azure.net/keys/<name>`). */
  readonly keyVaultKeyId: string;
  /**
   * One of `identity.userAssignedIdentityIds` that reads the key.
   * @default the system-assigned identity
   */
  readonly userAssignedIdentityId?: string;
  /** A second layer of encryption (changing it replaces the key resource). @default false */
  readonly infrastructureEncryption?: boolean;
}

/** An Azure management lock on the namespace. */
export interface NamespaceLock {
  /** The lock level: only `CanNotDelete`, since `ReadOnly` blocks listing the keys XDR reads with. */
  readonly kind: 'CanNotDelete';
  /** Name of the lock. @default "xdr-namespace-lock" */
  readonly name?: string;
}

/**
 * An Event Hubs namespace, created here or existing: what a `DefenderConsumer` needs of it, and the
 * features any namespace can get (grants, private endpoints, diagnostic settings, metrics).
 */
export interface IEventHubNamespace extends IConstruct, IGrantable {
  /** Azure resource ID of the namespace. */
  readonly id: string;
  /** The namespace name. */
  readonly name: string;
  /** The resource group the namespace is in. */
  readonly resourceGroupName: string;
  /** Azure region of the namespace. */
  readonly location: string;
  /**
   * The namespace's tier; sets the partition and retention limits of its hubs. For an existing namespace
   * imported without a tier, a Terraform reference read at plan (hub limits are then Azure's to check).
   */
  readonly tier: EventHubTier;
  /** Processing units on Premium; the per-namespace partition limit depends on it. */
  readonly processingUnits?: number;
  /** The capacity, when known at synth (a namespace created here); `ScalingAlerts` derives its thresholds from it. */
  readonly capacity?: NamespaceCapacity;
  /** The azurerm provider the namespace's resources are created with; `undefined` for the stack's default. */
  readonly provider?: TerraformProvider;
  /** A private endpoint to the namespace in a subnet of yours (sub-resource `namespace`). */
  addPrivateEndpoint(id: string, options: PrivateEndpointOptions): PrivateEndpoint;
  /** The namespace's logs (`allLogs`, or the categories given) and metrics to at least one destination. */
  addDiagnosticSettings(id: string, options: DiagnosticSettingsOptions): MonitorDiagnosticSetting;
  /** Bytes received (`IncomingBytes`), of the namespace or one hub: what the ingress alert watches. */
  metricIncomingBytes(options?: MetricOptions): EventHubsMetric;
  /** Bytes sent to readers such as XDR (`OutgoingBytes`): what the egress alert watches. */
  metricOutgoingBytes(options?: MetricOptions): EventHubsMetric;
  /** Requests refused for lack of capacity (`ThrottledRequests`): what the throttling alert watches. */
  metricThrottledRequests(options?: MetricOptions): EventHubsMetric;
}

/** What an existing namespace is known by; the rest is read by a data source at plan time. */
export interface EventHubNamespaceAttributes {
  /** The namespace name. */
  readonly name: string;
  /** The resource group the namespace is in. */
  readonly resourceGroupName: string;
  /**
   * Its tier: sets the partition and retention limits of the hubs you add, checked at synth. Must be
   * known at synth when given.
   * @default read from the namespace's SKU at plan; hub limits are then left to Azure (a namespace on a
   * dedicated cluster reports `Standard`, so give `Dedicated` for its larger limits to be checked)
   */
  readonly tier?: EventHubTier;
  /**
   * Processing units of a Premium namespace, for the per-namespace partition limit.
   * @default not checked: Azure refuses a hub over the limit at apply
   */
  readonly processingUnits?: number;
  /**
   * Azure region of the namespace, for the private endpoints you add. With `fromNamespaceId`, giving it
   * and `tier` leaves the data source out: nothing is read at plan.
   * @default read by `data.azurerm_eventhub_namespace` at plan
   */
  readonly location?: string;
  /** The azurerm provider that reads the namespace and creates what you add to it. @default the stack's default azurerm provider */
  readonly provider?: TerraformProvider;
}

/** The features every namespace has, created here or existing. */
export abstract class EventHubNamespaceBase extends GrantableConstruct implements IEventHubNamespace {
  /** Azure resource ID of the namespace. */
  abstract readonly id: string;
  /** The namespace name. */
  abstract readonly name: string;
  /** The resource group the namespace is in. */
  abstract readonly resourceGroupName: string;
  /** Azure region of the namespace. */
  abstract readonly location: string;
  /** The namespace's tier, or a reference read at plan for an import without one. */
  abstract readonly tier: EventHubTier;
  /** Processing units on Premium, when known. */
  abstract readonly processingUnits?: number;
  /** The capacity, when known at synth. */
  abstract readonly capacity?: NamespaceCapacity;
  /** The azurerm provider of the namespace's resources; `undefined` for the stack's default. */
  abstract readonly provider?: TerraformProvider;
  /** Tags that what is added to the namespace (private endpoints) gets by default. */
  protected childTags?: Readonly<Record<string, string>>;

  /** An Azure role on the namespace (and every hub in it) for a user, group or managed identity. */
  grant(principalId: string, role: EventHubsRole, options: GrantOptions = {}): RoleAssignment {
    const withProvider = { ...options, provider: options.provider ?? this.provider };
    return beforeNamespaceLock(this, grantRole(this, this.id, principalId, role, withProvider, `EventHubNamespace ${this.node.id} grant`));
  }

  /** A private endpoint to the namespace in a subnet of yours (sub-resource `namespace`), approved automatically. */
  addPrivateEndpoint(id: string, options: PrivateEndpointOptions): PrivateEndpoint {
    const target = {
      resourceId: this.id,
      subresourceName: 'namespace',
      name: `${this.name}-pe`,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      provider: this.provider,
      tags: this.childTags,
    };
    return beforeNamespaceLock(this, addPrivateEndpoint(this, id, target, options, `EventHubNamespace ${this.node.id} addPrivateEndpoint`));
  }

  /** The namespace's logs and metrics to at least one destination. */
  addDiagnosticSettings(id: string, options: DiagnosticSettingsOptions): MonitorDiagnosticSetting {
    const withProvider = { ...options, provider: options.provider ?? this.provider };
    return beforeNamespaceLock(this, addDiagnosticSettings(this, id, this.id, withProvider, `EventHubNamespace ${this.node.id}`));
  }

  /** Bytes received (`IncomingBytes`), of the namespace or one hub. */
  metricIncomingBytes(options?: MetricOptions): EventHubsMetric {
    return eventHubsMetric('IncomingBytes', options);
  }

  /** Bytes sent to readers such as XDR (`OutgoingBytes`). */
  metricOutgoingBytes(options?: MetricOptions): EventHubsMetric {
    return eventHubsMetric('OutgoingBytes', options);
  }

  /** Requests refused for lack of capacity (`ThrottledRequests`). */
  metricThrottledRequests(options?: MetricOptions): EventHubsMetric {
    return eventHubsMetric('ThrottledRequests', options);
  }
}

/** A namespace created elsewhere, read through `data.azurerm_eventhub_namespace`. */
class ImportedEventHubNamespace extends EventHubNamespaceBase {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tier: EventHubTier;
  readonly processingUnits?: number;
  readonly capacity?: NamespaceCapacity;
  readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, attributes: EventHubNamespaceAttributes, source: string, knownId?: string) {
    super(scope, id);
    assertNoProblems(validateNamespaceAttributes(attributes), source);
    this.name = attributes.name;
    this.resourceGroupName = attributes.resourceGroupName;
    const { location, tier } = attributes;
    if (knownId !== undefined && location !== undefined && tier !== undefined) {
      // Everything is known: no data source, so nothing is read at plan (no read permission needed).
      [this.id, this.location, this.tier] = [knownId, location, tier];
    } else {
      const { DataAzurermEventhubNamespace } = loadNamespaceData();
      const data = new DataAzurermEventhubNamespace(this, 'namespace', {
        name: attributes.name,
        resourceGroupName: attributes.resourceGroupName,
        provider: attributes.provider,
      });
      this.node.defaultChild = data;
      this.id = knownId ?? data.id;
      this.location = location ?? data.location;
      // The SKU is `Standard`, `Premium` (or `Basic`, which no hub of this library fits) at plan.
      this.tier = tier ?? (data.sku as EventHubTier);
    }
    this.processingUnits = attributes.processingUnits;
    this.provider = attributes.provider;
  }
}

/**
 * An Event Hubs namespace sized for the Defender stream: Standard, Premium, or Standard on a dedicated
 * cluster. Always TLS 1.2; local (SAS) authentication stays on because XDR reads with a SAS key.
 */
export class EventHubNamespace extends EventHubNamespaceBase {
  /**
   * A namespace that exists already, for a `DefenderConsumer` or grants: `name` and
   * `resourceGroupName` locate it, `tier` (and `processingUnits`) set the limits its hubs are checked
   * against, and its ID (and region, unless given) are read by `data.azurerm_eventhub_namespace` at
   * plan time.
   */
  static fromNamespaceAttributes(scope: Construct, id: string, attributes: EventHubNamespaceAttributes): IEventHubNamespace {
    return new ImportedEventHubNamespace(scope, id, attributes, `EventHubNamespace.fromNamespaceAttributes ${id}`);
  }

  /**
   * A namespace that exists already, by its Azure resource ID
   * (`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<name>`); the
   * name and resource group are taken from it, the region (and the tier, unless given) read at plan.
   * An ID that is a Terraform reference is split by Terraform.
   */
  static fromNamespaceId(
    scope: Construct,
    id: string,
    namespaceId: string,
    options: Omit<EventHubNamespaceAttributes, 'name' | 'resourceGroupName'> = {},
  ): IEventHubNamespace {
    const source = `EventHubNamespace.fromNamespaceId ${id}`;
    if (isKnown(namespaceId)) {
      const parts = NAMESPACE_ID.exec(namespaceId ?? '');
      if (parts === null) {
        assertNoProblems(
          [
            problem(
              'namespaceId',
              namespaceId,
              'must be a Microsoft.EventHub/namespaces resource ID, such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<name>',
            ),
          ],
          source,
        );
      }
      const [, resourceGroupName, name] = parts as RegExpExecArray;
      return new ImportedEventHubNamespace(scope, id, { ...options, name, resourceGroupName }, source, namespaceId);
    }
    const segment = (index: number) => Fn.element(Fn.split('/', namespaceId), index);
    return new ImportedEventHubNamespace(scope, id, { ...options, name: segment(8), resourceGroupName: segment(4) }, source, namespaceId);
  }

  /** The `azurerm_eventhub_namespace` (L1) this construct configures; also `node.defaultChild`. */
  readonly resource: EventhubNamespace;
  /** Present on the dedicated tier only. */
  readonly cluster?: EventhubCluster;
  /** The namespace's tier. */
  readonly tier: EventHubTier;
  /** Processing units on Premium; the per-namespace partition limit depends on it. */
  readonly processingUnits?: number;
  /** The resource group the namespace is in. */
  readonly resourceGroupName: string;
  /** Azure region of the namespace. */
  readonly location: string;
  /** The capacity the namespace was created with; `ScalingAlerts` derives its thresholds from it. */
  readonly capacity: NamespaceCapacity;
  /** Present when `lock` is given. */
  readonly lock?: ManagementLock;
  /** Present when `customerManagedKey` is given. */
  readonly customerManagedKey?: EventhubNamespaceCustomerManagedKey;
  /** The azurerm provider every resource of the namespace is created with; `undefined` for the stack's default. */
  readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: EventHubNamespaceProps) {
    super(scope, id);
    assertNoProblems(validateNamespaceProps(props), `EventHubNamespace ${id}`);
    const { capacity, provider } = props;
    const preventDestroy = preventDestroyOf(this, props.preventDestroy);
    this.provider = provider;
    this.childTags = props.tags;
    this.tier = capacity.tier;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.capacity = capacity;

    const common = {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      minimumTlsVersion: '1.2',
      localAuthenticationEnabled: true,
      lifecycle: destroyGuard(preventDestroy),
      networkRulesets: networkRulesets(props),
      identity: identityOf(props.identity),
      publicNetworkAccessEnabled: props.publicNetworkAccess === false ? false : undefined,
      tags: props.tags,
      provider,
    };
    if (capacity.tier === 'Standard') {
      const maximum = capacity.autoInflateMaximumThroughputUnits ?? capacity.throughputUnits;
      // Known only at plan time, the two cannot be compared here: a cap given turns auto-inflate on.
      const inflate =
        isKnown(maximum) && isKnown(capacity.throughputUnits)
          ? maximum > capacity.throughputUnits
          : capacity.autoInflateMaximumThroughputUnits !== undefined;
      this.resource = new EventhubNamespace(this, 'namespace', {
        ...common,
        lifecycle: guardedLifecycle(preventDestroy, inflate && !props.applyThroughputUnits ? ['capacity'] : []),
        sku: 'Standard',
        capacity: capacity.throughputUnits,
        autoInflateEnabled: inflate,
        maximumThroughputUnits: inflate ? maximum : undefined,
      });
    } else if (capacity.tier === 'Premium') {
      this.processingUnits = capacity.processingUnits;
      this.resource = new EventhubNamespace(this, 'namespace', { ...common, sku: 'Premium', capacity: capacity.processingUnits });
    } else if (capacity.clusterId !== undefined) {
      this.resource = new EventhubNamespace(this, 'namespace', {
        ...common,
        sku: 'Standard',
        dedicatedClusterId: capacity.clusterId,
        autoInflateEnabled: false,
      });
    } else {
      const { EventhubCluster } = loadEventhubCluster();
      this.cluster = new EventhubCluster(this, 'cluster', {
        name: capacity.clusterName,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        skuName: DEDICATED_CLUSTER_SKU,
        lifecycle: destroyGuard(preventDestroy),
        tags: props.tags,
        provider,
      });
      this.resource = new EventhubNamespace(this, 'namespace', {
        ...common,
        sku: 'Standard',
        dedicatedClusterId: this.cluster.id,
        autoInflateEnabled: false,
      });
    }
    this.node.defaultChild = this.resource;
    if (props.customerManagedKey !== undefined) {
      const { EventhubNamespaceCustomerManagedKey } = loadCustomerManagedKey();
      const key = props.customerManagedKey;
      this.customerManagedKey = new EventhubNamespaceCustomerManagedKey(this, 'customer-managed-key', {
        eventhubNamespaceId: this.resource.id,
        keyVaultKeyIds: [key.keyVaultKeyId],
        userAssignedIdentityId: key.userAssignedIdentityId,
        infrastructureEncryptionEnabled: key.infrastructureEncryption,
        provider,
      });
    }
    if (props.lock !== undefined) {
      const { ManagementLock } = loadManagementLock();
      this.lock = new ManagementLock(this, 'lock', {
        name: props.lock.name ?? 'xdr-namespace-lock',
        scope: this.resource.id,
        provider,
        lockLevel: 'CanNotDelete',
        notes: 'Holds the Defender for Endpoint stream Secureworks Taegis XDR reads; remove the lock before deleting the namespace.',
      });
    }
  }

  /**
   * The `azurerm_eventhub_namespace` (L1).
   * @deprecated Use `resource`: this name is the construct's own kind, not the L1's.
   */
  get namespace(): EventhubNamespace {
    return this.resource;
  }

  /** The namespace name, as a Terraform reference so dependents wait for it. */
  get name(): string {
    // one token for every reader: cdktf records a stack trace for each token it makes
    return (this.nameReference ??= this.resource.name);
  }

  /** Azure resource ID of the namespace. */
  get id(): string {
    return (this.idReference ??= this.resource.id);
  }

  private nameReference?: string;
  private idReference?: string;
}

/** The `identity` block of managed identity options; none without any identity. */
function identityOf(options: ManagedIdentityOptions | undefined): EventhubNamespaceIdentity | undefined {
  const userAssigned = options?.userAssignedIdentityIds;
  const hasUserAssigned = userAssigned !== undefined && (!isKnown(userAssigned) || userAssigned.length > 0);
  const kinds = [options?.systemAssigned === true ? 'SystemAssigned' : undefined, hasUserAssigned ? 'UserAssigned' : undefined];
  const type = kinds.filter((kind) => kind !== undefined).join(', ');
  if (type === '') return undefined;
  return { type, identityIds: hasUserAssigned ? listOf(userAssigned) : undefined };
}

/**
 * Makes the namespace's lock depend on a resource at the namespace's scope or below (a role
 * assignment, a diagnostic setting, a private endpoint connection, a hub and what it holds). A
 * CanNotDelete lock is inherited by every child scope, so Azure refuses to delete any of them with
 * ScopeLocked while it stands; depending on them makes Terraform create the lock after them and, on a
 * destroy, delete it before them. Without a lock (or on an imported namespace) nothing changes.
 */
export function beforeNamespaceLock<T extends TerraformResource>(namespace: IEventHubNamespace, resource: T): T {
  const lock = namespace instanceof EventHubNamespace ? namespace.lock : undefined;
  if (lock !== undefined) lock.dependsOn = [...(lock.dependsOn ?? []), resource.fqn];
  return resource;
}

/**
 * Deny by default, allow the listed ranges and subnets; public access stays on, since XDR reads over
 * the internet. Without a list, no rule set and Azure's default (every address). With public access
 * off, a rule set is still written: without one, trusted Microsoft services are off too, and Defender's
 * Streaming API, which writes through Azure Monitor (a trusted service), is cut off with XDR. azurerm
 * refuses a rule set whose public access differs from the namespace's, and the rule set's
 * `trusted_service_access_enabled` is Optional with no default (azurerm 4.55.0,
 * internal/services/eventhub/eventhub_namespace_resource.go), so it is written explicitly.
 */
function networkRulesets(props: EventHubNamespaceProps): EventhubNamespaceNetworkRulesets[] | undefined {
  const { allowedIpRanges, allowedSubnetIds } = props;
  if (props.publicNetworkAccess === false) {
    return [
      {
        defaultAction: 'Deny',
        publicNetworkAccessEnabled: false,
        trustedServiceAccessEnabled: props.trustedServiceAccess ?? true,
        ipRule: [],
        virtualNetworkRule: [],
      },
    ];
  }
  if (allowedIpRanges === undefined && allowedSubnetIds === undefined) return undefined;
  return [
    {
      defaultAction: 'Deny',
      publicNetworkAccessEnabled: true,
      trustedServiceAccessEnabled: props.trustedServiceAccess ?? true,
      ipRule: objectsOfList(allowedIpRanges ?? [], (ipMask) => ({ ipMask, action: 'Allow' }), '{ ip_mask = val, action = "Allow" }'),
      virtualNetworkRule: objectsOfList(
        allowedSubnetIds ?? [],
        (subnetId) => ({ subnetId, ignoreMissingVirtualNetworkServiceEndpoint: false }),
        '{ subnet_id = val, ignore_missing_virtual_network_service_endpoint = false }',
      ),
    },
  ];
}

/**
 * Every problem with a set of namespace props (Azure's limits); empty when valid. A value that is a
 * Terraform reference is not judged: Azure checks it at apply.
 */
export function validateNamespaceProps(props: EventHubNamespaceProps): string[] {
  const missing = missingProps(props, REQUIRED_NAMESPACE_PROPS);
  if (missing.length > 0) return missing;
  const { capacity } = props;
  const unknown = failures(
    checkKnown('capacity', capacity, 'an object literal such as { tier: "Standard", throughputUnits: 1 }'),
    checkKnown('capacity.tier', capacity.tier, 'one of "Standard", "Premium", "Dedicated"'),
    checkKnown('lock', props.lock, "{ kind: 'CanNotDelete' }"),
    checkKnown('lock.kind', props.lock?.kind, '"CanNotDelete"'),
    ...(['publicNetworkAccess', 'preventDestroy', 'applyThroughputUnits', 'trustedServiceAccess'] as const).map((setting) =>
      checkKnown(setting, props[setting], 'true or false'),
    ),
  );
  if (unknown.length > 0) return unknown;
  const found = failures(
    isKnown(props.name) ? checkNamespaceName('name', props.name) : undefined,
    isKnown(props.resourceGroupName) ? checkResourceGroupName('resourceGroupName', props.resourceGroupName) : undefined,
    isKnown(props.location) ? checkLocation('location', props.location) : undefined,
    ...knownItems(props.identity?.userAssignedIdentityIds).map((identity) =>
      checkResourceId('identity.userAssignedIdentityIds', identity, 'Microsoft.ManagedIdentity/userAssignedIdentities'),
    ),
  );
  found.push(...checkKnownList('allowedIpRanges', props.allowedIpRanges, checkAllowedIpRanges));
  found.push(...checkKnownList('allowedSubnetIds', props.allowedSubnetIds, checkAllowedSubnetIds));
  if (props.publicNetworkAccess === false) {
    // IP and subnet rules filter the public endpoint; azurerm also refuses a rule set whose public
    // access differs from the namespace's (internal/services/eventhub/eventhub_namespace_resource.go).
    for (const setting of ['allowedIpRanges', 'allowedSubnetIds'] as const) {
      const list = props[setting];
      if (list !== undefined)
        found.push(
          problem(setting, list, 'filters the public endpoint, which publicNetworkAccess: false turns off; leave one of them out'),
        );
    }
  }
  if (props.lock !== undefined && props.lock.kind !== 'CanNotDelete') {
    found.push(
      problem('lock.kind', props.lock.kind, 'must be "CanNotDelete": a ReadOnly lock blocks listing the listen policy keys XDR reads with'),
    );
  }
  if (props.lock?.name !== undefined && isKnown(props.lock.name)) {
    const name = props.lock.name;
    found.push(
      ...failures(
        /^[^<>%&:\\?/\p{Cc}]{1,260}$/u.test(name)
          ? checkText('lock.name', name, 260)
          : problem('lock.name', name, 'must be 1-260 characters, none of them < > % & : \\ ? /'),
      ),
    );
  }
  if (props.tags !== undefined) found.push(...checkTags('tags', knownEntries(props.tags)));
  found.push(...checkCustomerManagedKey(props));
  if (capacity.tier === 'Standard') {
    const maximum = capacity.autoInflateMaximumThroughputUnits;
    const allocated = capacity.throughputUnits;
    found.push(
      ...failures(
        isKnown(allocated) ? checkThroughputUnits('capacity.throughputUnits', allocated, STANDARD_MAX_THROUGHPUT_UNITS) : undefined,
        isKnown(maximum) && isKnown(allocated)
          ? checkInflateCap('capacity.autoInflateMaximumThroughputUnits', maximum, 'capacity.throughputUnits', allocated)
          : undefined,
      ),
    );
  } else if (capacity.tier === 'Premium') {
    if (isKnown(capacity.processingUnits))
      found.push(...failures(checkProcessingUnits('capacity.processingUnits', capacity.processingUnits)));
  } else if (capacity.tier === 'Dedicated') {
    found.push(...checkDedicatedCapacity(capacity));
  } else {
    found.push(problem('capacity.tier', (capacity as { tier: unknown }).tier, 'must be one of "Standard", "Premium", "Dedicated"'));
  }
  return found;
}

/** A customer-managed key: Premium or dedicated, with an identity that can read it. */
function checkCustomerManagedKey(props: EventHubNamespaceProps): string[] {
  const key = props.customerManagedKey;
  if (key === undefined) return [];
  const unknown = checkKnown('identity.systemAssigned', props.identity?.systemAssigned, 'true or false');
  if (unknown !== undefined) return [unknown];
  const userAssigned = props.identity?.userAssignedIdentityIds;
  return failures(
    props.capacity.tier === 'Standard'
      ? problem(
          'customerManagedKey',
          key.keyVaultKeyId,
          'needs a Premium or dedicated namespace: Azure encrypts Standard namespaces with its own keys only',
        )
      : undefined,
    isKnown(key.keyVaultKeyId)
      ? (checkText('customerManagedKey.keyVaultKeyId', key.keyVaultKeyId, Number.POSITIVE_INFINITY) ??
          (/^https:\/\/[a-z0-9-]+\.(vault|managedhsm)\.azure\.net\/keys\/[^/]+(\/[0-9a-f]{32})?$/i.test(key.keyVaultKeyId)
            ? undefined
            : problem(
                'customerManagedKey.keyVaultKeyId',
                key.keyVaultKeyId,
                'must be a Key Vault key ID, such as https://<vault>.vault.azure.net/keys/<name>',
              )))
      : undefined,
    key.userAssignedIdentityId === undefined && props.identity?.systemAssigned !== true
      ? problem(
          'identity',
          props.identity,
          'needs systemAssigned: true, or give customerManagedKey.userAssignedIdentityId: the key is read by an identity of the namespace',
        )
      : undefined,
    key.userAssignedIdentityId !== undefined &&
      isKnown(key.userAssignedIdentityId) &&
      isKnown(userAssigned) &&
      !(userAssigned ?? []).includes(key.userAssignedIdentityId)
      ? problem('customerManagedKey.userAssignedIdentityId', key.userAssignedIdentityId, 'must be one of identity.userAssignedIdentityIds')
      : undefined,
  );
}

/** Exactly one of a new cluster's name and an existing cluster's ID. */
function checkDedicatedCapacity(capacity: DedicatedCapacity): string[] {
  const { clusterName, clusterId } = capacity;
  if ((clusterName === undefined) === (clusterId === undefined)) {
    return [
      problem(
        'capacity',
        capacity,
        'a dedicated capacity needs exactly one of clusterName (a new cluster) and clusterId (an existing one)',
      ),
    ];
  }
  if (clusterName !== undefined) return failures(isKnown(clusterName) ? checkClusterName('capacity.clusterName', clusterName) : undefined);
  return failures(isKnown(clusterId) ? checkResourceId('capacity.clusterId', clusterId, 'Microsoft.EventHub/clusters') : undefined);
}

/** A list prop checked on its entries known at synth; a list that is itself a reference is left to Azure. */
function checkKnownList(
  setting: string,
  list: readonly string[] | undefined,
  check: (setting: string, list: readonly string[]) => string[],
): string[] {
  const known = knownItems(list);
  return known.length > 0 || (isKnown(list) && list.length === 0) ? check(setting, known) : [];
}

/** An Event Hubs namespace's resource ID: its resource group and name. */
const NAMESPACE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/([^/]+)\/providers\/Microsoft\.EventHub\/namespaces\/([^/]+)$/i;

/** The props without which no namespace can be created, and what each is. */
const REQUIRED_NAMESPACE_PROPS = {
  name: 'the globally unique namespace name, 6-50 letters, digits and hyphens',
  resourceGroupName: 'the resource group the namespace is created in',
  location: 'the Azure region code, such as "eastus"',
  capacity: 'the tier and its units, such as { tier: "Standard", throughputUnits: 1 }',
};

/** Every problem with the attributes of an existing namespace; empty when valid. */
export function validateNamespaceAttributes(attributes: EventHubNamespaceAttributes): string[] {
  const missing = missingProps(attributes, { name: 'the namespace name', resourceGroupName: 'the resource group the namespace is in' });
  if (missing.length > 0) return missing;
  const tier = checkKnown('tier', attributes.tier, 'one of "Standard", "Premium", "Dedicated"');
  if (tier !== undefined) return [tier];
  return failures(
    isKnown(attributes.name) ? checkNamespaceName('name', attributes.name) : undefined,
    isKnown(attributes.resourceGroupName) ? checkResourceGroupName('resourceGroupName', attributes.resourceGroupName) : undefined,
    attributes.location !== undefined && isKnown(attributes.location) ? checkLocation('location', attributes.location) : undefined,
    attributes.tier === undefined ? undefined : checkOneOf('tier', attributes.tier, EVENT_HUB_TIERS),
    attributes.processingUnits !== undefined && isKnown(attributes.processingUnits)
      ? attributes.tier === 'Premium' || attributes.tier === undefined
        ? checkProcessingUnits('processingUnits', attributes.processingUnits)
        : problem('processingUnits', attributes.processingUnits, `applies to the Premium tier only, not ${attributes.tier}`)
      : undefined,
  );
}
