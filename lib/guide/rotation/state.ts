/**
 * What a stack's Terraform state (format 4) says about its client secrets: the deployed rotation counter
 * (the `secret_generation` output), each slot's secret (Secret ID, start and end) and, in a state of a
 * release before the counter, the two `time_rotating` timers that chose the current secret then.
 * Pure: it takes the parsed state, so the synth (a local file), `npm run rotate` (a file or
 * `terraform state pull`) and the timeline test share it.
 */
import { SECRET_SLOTS, SecretSlot, currentSlot } from '../../rules/secret';

export interface DeployedSecret {
  readonly keyId: string;
  readonly startDate: string;
  readonly endDate: string;
}

export interface DeployedSecrets {
  /** The deployed counter: from the secrets' issue records (else the `secret_generation` output). */
  readonly generation?: number;
  /** Per slot, its secret as the state holds it (undefined: not created yet). */
  readonly slots: readonly [DeployedSecret | undefined, DeployedSecret | undefined];
  /** Per slot, the `rotation_rfc3339` of its timer (releases before the counter). */
  readonly timers: readonly [string | undefined, string | undefined];
}

/** The parts of a state file this module reads. */
export interface TerraformState {
  readonly outputs?: Readonly<Record<string, { readonly value: unknown }>>;
  readonly resources?: ReadonlyArray<{
    readonly mode?: string;
    readonly type: string;
    readonly name: string;
    readonly instances?: ReadonlyArray<{ readonly attributes?: Readonly<Record<string, unknown>> }>;
  }>;
}

/** cdktf names a construct's resource `<path>_<id>_<hash>`: slot 1's ids start with "second-". */
const SLOT_NAMES: Readonly<Record<string, readonly [RegExp, RegExp]>> = {
  azuread_application_password: [/(?:^|_)secret_[0-9A-F]{8}$/, /(?:^|_)second-secret_[0-9A-F]{8}$/],
  time_rotating: [/(?:^|_)secret-rotation_[0-9A-F]{8}$/, /(?:^|_)second-secret-rotation_[0-9A-F]{8}$/],
  terraform_data: [/(?:^|_)secret-issue_[0-9A-F]{8}$/, /(?:^|_)second-secret-issue_[0-9A-F]{8}$/],
};

function slotAttributes(state: TerraformState, type: string, slot: SecretSlot): Readonly<Record<string, unknown>> | undefined {
  const resource = (state.resources ?? []).find((r) => r.mode !== 'data' && r.type === type && SLOT_NAMES[type][slot].test(r.name));
  return resource?.instances?.[0]?.attributes;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The client secrets a state holds. */
export function deployedSecrets(state: TerraformState): DeployedSecrets {
  const secret = (slot: SecretSlot): DeployedSecret | undefined => {
    const a = slotAttributes(state, 'azuread_application_password', slot);
    return a === undefined ? undefined : { keyId: text(a.key_id), startDate: text(a.start_date), endDate: text(a.end_date) };
  };
  const timer = (slot: SecretSlot) => {
    const rotation = slotAttributes(state, 'time_rotating', slot)?.rotation_rfc3339;
    return typeof rotation === 'string' ? rotation : undefined;
  };
  // the issue records are what the next plan compares with: the current slot's holds the counter
  // itself, so the larger of the two is it (the output may be missing, say after `terraform state mv`)
  // (`input` is dynamic: the state holds it as `{ value, type }`)
  const issued = SECRET_SLOTS.map((slot) =>
    Number((slotAttributes(state, 'terraform_data', slot)?.input as { value?: { generation?: unknown } } | undefined)?.value?.generation),
  );
  const output = state.outputs?.secret_generation?.value;
  const generation = issued.some((g) => Number.isInteger(g) && g >= 0) ? Math.max(...issued.filter((g) => Number.isInteger(g))) : output;
  return {
    ...(typeof generation === 'number' && Number.isInteger(generation) && generation >= 0 ? { generation } : {}),
    slots: [secret(0), secret(1)],
    timers: [timer(0), timer(1)],
  };
}

/** How the deployed rotation counter was found. */
export type DeployedGeneration =
  /** Nothing deployed: any counter is a new deployment, which issues both secrets. */
  | { readonly kind: 'none' }
  /** The `secret_generation` output of a deploy of this release or later. */
  | { readonly kind: 'recorded'; readonly generation: number }
  /**
   * A state of a release before the counter: the current secret is the one whose timer ends last (as
   * that release's outputs computed it), so g is its slot; slot 0 when the state has one timer (0.1.0).
   */
  | { readonly kind: 'timers'; readonly generation: SecretSlot };

export function deployedGeneration(deployed: DeployedSecrets): DeployedGeneration {
  if (deployed.generation !== undefined) return { kind: 'recorded', generation: deployed.generation };
  if (deployed.slots.every((s) => s === undefined)) return { kind: 'none' };
  const [first, second] = deployed.timers;
  const later: SecretSlot = first !== undefined && second !== undefined && Date.parse(second) > Date.parse(first) ? 1 : 0;
  return { kind: 'timers', generation: later };
}

/** The current and the previous secret at generation g, as the state holds them. */
export function currentAndPrevious(deployed: DeployedSecrets, generation: number): { current?: DeployedSecret; previous?: DeployedSecret } {
  const slot = currentSlot(generation);
  return { current: deployed.slots[slot], previous: deployed.slots[SECRET_SLOTS[1 - slot]] };
}
