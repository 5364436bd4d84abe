/**
 * What the last deploy left in a stack's local Terraform state: the namespace's tier and capacity, the
 * hub's partitions, and the capacity request a deploy applied. Read by the synth (which capacity this
 * deploy sets, whether an input change needs a replacement) and by `npm run size -- --write`. Only a
 * local state file can be read here; with the azurerm backend the state is in a blob that only
 * Terraform reads, and the answer is `remote`.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { GuideVariables } from '../config/variables';
import { stateFileName } from '../local-state';

/** Logical name of the `terraform_data` that records the capacity request a deploy applied. */
export const CAPACITY_REQUEST_ID = 'capacity-request';

/** What a deploy records when it applied `apply_capacity`: the request and the units it set. */
export interface AppliedCapacityRequest {
  readonly request: string;
  readonly throughput_units: number;
}

export interface DeployedNamespace {
  readonly kind: 'deployed';
  /** The state file it was read from, for messages. */
  readonly stateFile: string;
  /** azurerm's `sku`: Standard (also on a dedicated cluster) or Premium. */
  readonly sku: string;
  readonly onDedicatedCluster: boolean;
  /** Throughput units (Standard) or processing units (Premium) as the last refresh or apply saw them. */
  readonly capacity?: number;
  readonly partitions?: number;
  readonly appliedRequest?: AppliedCapacityRequest;
}

/** `none`: no namespace in the local state (not deployed yet); `remote`: the state is not a local file. */
export type DeployedState = DeployedNamespace | { readonly kind: 'none' } | { readonly kind: 'remote' };

interface StateResource {
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly instances?: ReadonlyArray<{ readonly attributes?: Record<string, unknown> }>;
}

function firstAttributes(resources: readonly StateResource[], type: string, name?: string): Record<string, unknown> | undefined {
  const found = resources.find((r) => r.mode === 'managed' && r.type === type && (name === undefined || r.name === name));
  return found?.instances?.[0]?.attributes;
}

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** `terraform_data.input` as state stores a dynamic value: `{ value, type }`. */
function appliedRequest(attributes: Record<string, unknown> | undefined): AppliedCapacityRequest | undefined {
  const input = (attributes?.input as { value?: unknown } | undefined)?.value as Partial<AppliedCapacityRequest> | undefined;
  if (typeof input?.request !== 'string' || typeof input.throughput_units !== 'number') return undefined;
  return { request: input.request, throughput_units: input.throughput_units };
}

/**
 * The namespace the local state file records, or `none` when there is no file or no namespace in it.
 * A file that cannot be read as a state is treated as none: Terraform reports it at the plan.
 */
export function readDeployedState(stateFile: string): DeployedState {
  if (!existsSync(stateFile)) return { kind: 'none' };
  let resources: StateResource[];
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { resources?: StateResource[] };
    resources = Array.isArray(state.resources) ? state.resources.filter((r) => typeof r?.name === 'string') : [];
  } catch {
    return { kind: 'none' };
  }
  const namespace = firstAttributes(resources, 'azurerm_eventhub_namespace');
  if (namespace === undefined || typeof namespace.sku !== 'string') return { kind: 'none' };
  return {
    kind: 'deployed',
    stateFile,
    sku: namespace.sku,
    onDedicatedCluster: typeof namespace.dedicated_cluster_id === 'string' && namespace.dedicated_cluster_id !== '',
    capacity: numberOrUndefined(namespace.capacity),
    partitions: numberOrUndefined(firstAttributes(resources, 'azurerm_eventhub')?.partition_count),
    appliedRequest: appliedRequest(firstAttributes(resources, 'terraform_data', CAPACITY_REQUEST_ID)),
  };
}

/**
 * The deployed state of a defender-integration stack whose local state lives in `stateFolder` (the
 * folder of the output folder, where the stacks' relative backend path points), or `remote`.
 */
export function deployedStateOf(
  stackId: string,
  v: Pick<GuideVariables, 'replacement_eventhub' | 'client_name'>,
  stateFolder: string,
  remoteState: boolean,
): DeployedState {
  if (remoteState) return { kind: 'remote' };
  const file = path.join(stateFolder, stateFileName(stackId, v));
  // shown relative to the working folder when it is inside it, as the operator would type it
  const relative = path.relative(process.cwd(), file);
  return readDeployedState(relative.startsWith('..') || path.isAbsolute(relative) ? file : relative);
}
