/**
 * What a deploy does to the namespace's capacity, decided from the project's files only (the cdktf CLI
 * synthesizes again for every command): the guide's variables, the `apply_capacity` request in
 * xdr.tfvars, and what the last deploy left in the local state.
 *
 * Why a request at all (azurerm 4.55.0, internal/services/eventhub/eventhub_namespace_resource.go):
 * `capacity` is Optional and updated in place; Read stores the live `sku.capacity`, and Update sends
 * `d.Get("capacity")`. With auto-inflate on, Azure raises the units under load (never lowers them),
 * so without `ignore_changes = ["capacity"]` every deploy would scale an inflated namespace back down
 * to eventhub_throughput_allocated, and with it no deploy applies a deliberate change. The request
 * drops `ignore_changes` exactly until a deploy has applied it: that deploy also writes the request
 * into the state (`terraform_data.capacity-request`, created after the namespace update succeeded),
 * and the next synth, seeing it there, ignores `capacity` again.
 */
import type { GuideVariables } from '../config/variables';
import { effectiveTier } from '../config/variables';
import { namespaceName } from '../../rules/naming';
import { AppliedCapacityRequest, DeployedState } from './deployed';

export interface CapacityPlan {
  /** Terraform compares `capacity` with the configuration on this deploy (no `ignore_changes`). */
  readonly applyCapacity: boolean;
  /** What the `terraform_data` records for a request, present while `apply_capacity` is set on an auto-inflating namespace. */
  readonly request?: AppliedCapacityRequest;
  /** The configured capacity, such as "a Standard namespace of 2 throughput units, auto-inflate to 4". */
  readonly configured: string;
  /** What this deploy does to it, such as "capacity is managed by auto-inflate; this deploy leaves it". */
  readonly change: string;
}

const units = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The answer when the deploy applies the configured value (auto-inflate off, Premium, or a request). */
function sets(value: number, unit: string, deployed: DeployedState): string {
  if (deployed.kind === 'none') return `this deploy creates it with ${units(value, unit)}`;
  if (deployed.kind === 'deployed' && deployed.capacity === value) return `this deploy keeps ${units(value, unit)}`;
  const was = deployed.kind === 'deployed' && deployed.capacity !== undefined ? ` (${deployed.capacity} at the last deploy)` : '';
  return `this deploy sets ${units(value, unit)}${was}`;
}

/** The apply_capacity setting: one request for every namespace (text), or a request per namespace name. */
export type CapacityRequests = string | Readonly<Record<string, string>>;

/**
 * The request for one namespace: the text form's for every namespace, else the map's entry for its
 * name (compared as Azure compares names, without case), so `npm run size -- --write` for one tenant
 * (or a replacement) never resets another namespace's capacity.
 */
export function capacityRequestFor(requests: CapacityRequests | undefined, namespace: string): string | undefined {
  if (requests === undefined || typeof requests === 'string') return requests;
  const key = Object.keys(requests).find((name) => name.toLowerCase() === namespace.toLowerCase());
  return key === undefined ? undefined : requests[key];
}

/** The plan for one tenant's namespace. `requests` is the apply_capacity setting. */
export function planCapacity(v: GuideVariables, requests: CapacityRequests | undefined, deployed: DeployedState): CapacityPlan {
  const request = capacityRequestFor(requests, namespaceName(v.client_name, v.azure_region));
  const tier = effectiveTier(v);
  if (tier === 'Dedicated') {
    return {
      applyCapacity: false,
      configured: 'a Standard namespace on a dedicated cluster (Dedicated_1)',
      change: "capacity is the cluster's; this deploy changes none",
    };
  }
  if (tier === 'Premium') {
    const configured = `a Premium namespace of ${units(v.eventhub_processing_units, 'processing unit')}`;
    return { applyCapacity: true, configured, change: sets(v.eventhub_processing_units, 'processing unit', deployed) };
  }
  const tus = v.eventhub_throughput_allocated;
  if (v.eventhub_throughput_inflate_cap <= tus) {
    return {
      applyCapacity: true,
      configured: `a Standard namespace of ${units(tus, 'throughput unit')}, auto-inflate off`,
      change: sets(tus, 'throughput unit', deployed),
    };
  }
  const configured = `a Standard namespace of ${units(tus, 'throughput unit')}, auto-inflate to ${v.eventhub_throughput_inflate_cap}`;
  const marker = request === undefined ? undefined : { request, throughput_units: tus };
  const leaves = 'capacity is managed by auto-inflate; this deploy leaves it';
  if (deployed.kind === 'none') {
    return { applyCapacity: false, request: marker, configured, change: `this deploy creates it with ${units(tus, 'throughput unit')}` };
  }
  if (marker === undefined) {
    const seen = deployed.kind === 'deployed' && deployed.capacity !== undefined ? ` (${deployed.capacity} at the last deploy)` : '';
    return { applyCapacity: false, configured, change: `${leaves}${seen}` };
  }
  const applied = deployed.kind === 'deployed' && sameRequest(deployed.appliedRequest, marker);
  if (applied) {
    return { applyCapacity: false, request: marker, configured, change: `${leaves} (apply_capacity was applied by an earlier deploy)` };
  }
  const remote =
    deployed.kind === 'remote'
      ? '; with state in azurerm the app cannot see that a deploy applied it, so remove apply_capacity from xdr.tfvars after this deploy'
      : '; later deploys leave it to auto-inflate';
  return {
    applyCapacity: true,
    request: marker,
    configured,
    change: `this deploy sets ${units(tus, 'throughput unit')} (apply_capacity)${remote}`,
  };
}

function sameRequest(a: AppliedCapacityRequest | undefined, b: AppliedCapacityRequest): boolean {
  return a !== undefined && a.request === b.request && a.throughput_units === b.throughput_units;
}

/**
 * Why the configuration cannot be applied to the deployed namespace in place, or `undefined`.
 * azurerm 4.55.0: a `sku` change to or from Premium forces a new namespace (CustomizeDiff in
 * eventhub_namespace_resource.go), `dedicated_cluster_id` is ForceNew there, and
 * eventhub_resource.go's Update refuses a smaller `partition_count` and any change of it unless the
 * namespace's sku is Premium (partition_count is not ForceNew: the plan shows an update, the apply fails).
 */
export function replacementReason(v: GuideVariables, deployed: DeployedState): string | undefined {
  if (deployed.kind !== 'deployed') return undefined;
  const tier = effectiveTier(v);
  const where = `the deployed namespace (${deployed.stateFile})`;
  const deployedTier = deployed.onDedicatedCluster ? 'Dedicated' : deployed.sku;
  if ((tier === 'Premium') !== (deployed.sku === 'Premium')) {
    return `${tier === 'Dedicated' ? 'require_dedicated_cluster = true' : `eventhub_tier = "${v.eventhub_tier}"`}: ${where} is ${deployedTier}, and Azure cannot move a namespace to or from Premium (azurerm would replace it, and the hub's unread events with it)`;
  }
  if ((tier === 'Dedicated') !== deployed.onDedicatedCluster) {
    return `require_dedicated_cluster = ${tier === 'Dedicated'}: ${where} is ${deployedTier}, and a namespace cannot move onto or off a dedicated cluster (azurerm would replace it, and the hub's unread events with it)`;
  }
  if (deployed.partitions === undefined || deployed.partitions === v.eventhub_partition_count) return undefined;
  if (v.eventhub_partition_count < deployed.partitions) {
    return `eventhub_partition_count = ${v.eventhub_partition_count}: the deployed hub has ${deployed.partitions} partitions (${deployed.stateFile}), and a partition count cannot be decreased`;
  }
  if (tier !== 'Premium') {
    return `eventhub_partition_count = ${v.eventhub_partition_count}: the deployed hub has ${deployed.partitions} partitions (${deployed.stateFile}), and Azure changes the partition count only on a Premium namespace`;
  }
  return undefined;
}

/** The one line that sends the operator to the replacement procedure. */
export function replacementProblem(file: string, reason: string): string {
  return `${file}: ${reason}; keep the deployed value, or deploy a second namespace next to this one: help/replacing.md`;
}
