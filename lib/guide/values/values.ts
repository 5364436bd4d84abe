/**
 * What `npm run values` shows: the outputs of a deployed stack, each labelled with the page and field it
 * is typed into. Pure: it takes the outputs as Terraform reports them (a state file's `outputs`, or
 * `terraform output -json`) and returns text or a JSON document.
 */
import { ROTATION_FIELDS, ROTATION_NOTE, rotationNotice } from '../rotation/values';

/** One output as Terraform reports it, in a state file (format 4) and in `terraform output -json` alike. */
export interface TerraformOutput {
  readonly value: unknown;
  readonly sensitive?: boolean;
}

export type TerraformOutputs = Readonly<Record<string, TerraformOutput>>;

/** Where a value is typed in: a page and, on it, the fields that take an output. */
export interface Destination {
  readonly page: string;
  /** Printed under the values: what to do with them beyond copying. */
  readonly note?: string;
  readonly fields: ReadonlyArray<{ readonly field: string; readonly output: string }>;
}

/**
 * The pages, in the order the operator fills them in. Field names are the ones on the pages themselves:
 * Defender's Streaming API settings (Settings > Microsoft Defender XDR > Streaming API > Add) and XDR's
 * "Set up Microsoft Defender for Endpoint" form (Integrations > Cloud APIs > Add API Integration).
 * An output added to the stacks is shown under "Other outputs" until it gets a row here.
 */
export const DESTINATIONS: readonly Destination[] = [
  {
    page: 'Microsoft Defender portal, Settings > Microsoft Defender XDR > Streaming API > Add (Forward events to Azure Event Hub)',
    fields: [
      { field: 'Event Hub Namespace resource ID', output: 'event_hub_namespace_resource_id' },
      { field: 'Event Hub name', output: 'event_hub_name' },
    ],
  },
  {
    page: 'Taegis XDR, Integrations > Cloud APIs > Add API Integration > Microsoft Defender for Endpoint',
    fields: [
      { field: 'Tenant ID', output: 'tenant_id' },
      { field: 'Client ID', output: 'client_id' },
      { field: 'Client Secret', output: 'client_secret' },
      { field: 'Event Hub Namespace', output: 'event_hub_namespace_name' },
      { field: 'Event Hub Name', output: 'event_hub_name' },
      { field: 'Consumer Group', output: 'consumer_group_name' },
      { field: 'Shared Access Policy Name', output: 'shared_access_policy_name' },
      { field: 'Shared Access Policy Key', output: 'shared_access_policy_key' },
    ],
  },
  {
    page: 'Entra ID, for an administrator (not typed into a form)',
    note: `Open the consent URL once and accept, unless grant_admin_consent let the deploy grant it. ${ROTATION_NOTE}`,
    fields: [{ field: 'Admin consent URL', output: 'azure_consent_url' }, ...ROTATION_FIELDS],
  },
];

const PLACED = new Set(DESTINATIONS.flatMap((d) => d.fields.map((f) => f.output)));

/** A stack's values, or why there are none. */
export type StackValues =
  | { readonly stack: string; readonly deployed: true; readonly state: string; readonly outputs: TerraformOutputs }
  /** `line`: the one line that says why, naming the stack. */
  | { readonly stack: string; readonly deployed: false; readonly state: string; readonly line: string };

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The text `npm run values` prints for one deployed stack: `first` lines, a block per page, then any other output. */
export function formatStackValues(stack: string, state: string, outputs: TerraformOutputs, first: readonly string[] = []): string {
  const lines = [`Stack ${stack} (state: ${state})`, ...[...first, ...rotationNotice(outputs)].map((line) => `  ${line}`)];
  for (const destination of DESTINATIONS) {
    const present = destination.fields.filter((f) => outputs[f.output] !== undefined);
    if (present.length === 0) continue;
    lines.push('', `  ${destination.page}:`);
    const width = Math.max(...present.map((f) => f.field.length));
    for (const { field, output } of present) lines.push(`    ${field.padEnd(width)}  ${show(outputs[output].value)}`);
    if (destination.note !== undefined) lines.push(`    ${destination.note}`);
  }
  const others = Object.keys(outputs)
    .filter((name) => !PLACED.has(name))
    .sort();
  if (others.length > 0) {
    lines.push('', '  Other outputs:');
    const width = Math.max(...others.map((name) => name.length));
    for (const name of others) lines.push(`    ${name.padEnd(width)}  ${show(outputs[name].value)}`);
  }
  return lines.join('\n') + '\n';
}

/** The document `npm run values -- --json` prints: per stack, the output values by name and where each goes. */
export function valuesDocument(stacks: readonly StackValues[]): object {
  return {
    stacks: stacks.map((s) =>
      s.deployed
        ? {
            stack: s.stack,
            deployed: true,
            state: s.state,
            values: Object.fromEntries(Object.entries(s.outputs).map(([name, output]) => [name, output.value])),
            destinations: DESTINATIONS.map((d) => ({
              page: d.page,
              fields: d.fields.filter((f) => s.outputs[f.output] !== undefined),
            })).filter((d) => d.fields.length > 0),
          }
        : { stack: s.stack, deployed: false, state: s.state, reason: s.line },
    ),
  };
}
