/**
 * What `npm run values` shows: the outputs of a deployed stack, each labelled with the page and field it
 * is typed into. Pure: it takes the outputs as Terraform reports them (a state file's `outputs`, or
 * `terraform output -json`) and returns text or a JSON document. Every value comes from a file, so
 * everything returned has passed `terminalSafe`: no value can act on the terminal or forge a line.
 */
import { terminalSafe } from '../../rules/terminal';
import { ROTATION_FIELDS, ROTATION_NOTE, rotationNotice } from '../rotation/values';
import { DEFAULT_OUTPUT_FOLDER } from '../local-state';

/** One output as Terraform reports it, in a state file (format 4) and in `terraform output -json` alike. */
export interface TerraformOutput {
  readonly value: unknown;
  readonly sensitive?: boolean;
}

export type TerraformOutputs = Readonly<Record<string, TerraformOutput>>;

/** Where a value is typed in: a page and, on it, the fields that take an output. */
export interface Destination {
  readonly page: string;
  /** Whether every field is needed: a state without one of them is incomplete (exit 1). */
  readonly required?: boolean;
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
    required: true,
    fields: [
      { field: 'Event Hub Namespace resource ID', output: 'event_hub_namespace_resource_id' },
      { field: 'Event Hub name', output: 'event_hub_name' },
    ],
  },
  {
    page: 'Taegis XDR, Integrations > Cloud APIs > Add API Integration > Microsoft Defender for Endpoint',
    required: true,
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
  | {
      readonly stack: string;
      readonly deployed: true;
      readonly state: string;
      readonly outputs: TerraformOutputs;
      /** The required fields the stack declares and its state lacks, as "Client ID (client_id)". */
      readonly missing: readonly string[];
      /** With `missing`: the one line that names them. */
      readonly line?: string;
    }
  /** `line`: the one line that says why, naming the stack. */
  | { readonly stack: string; readonly deployed: false; readonly state: string; readonly line: string };

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  const safe = terminalSafe(text);
  // the escapes are not part of the value: say so, rather than let someone copy them into a form
  return safe === text ? text : `${safe}  (shown escaped: the value holds control or invisible characters)`;
}

/** The text `npm run values` prints for one deployed stack: `first` lines, a block per page, then any other output. */
export function formatStackValues(
  stack: string,
  state: string,
  outputs: TerraformOutputs,
  first: readonly string[] = [],
  outdir = DEFAULT_OUTPUT_FOLDER,
): string {
  const lines = [
    terminalSafe(`Stack ${stack} (state: ${state})`),
    ...[...first, ...rotationNotice(outputs, outdir)].map((line) => `  ${terminalSafe(line)}`),
  ];
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
    for (const name of others) lines.push(`    ${terminalSafe(name.padEnd(width))}  ${show(outputs[name].value)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The document `npm run values -- --json` prints: per stack, every output by name as Terraform reports
 * it (`value`, and `sensitive: true` on the secrets, as `terraform output -json` marks them), where each
 * goes, and the required fields its state lacks.
 */
export function valuesDocument(stacks: readonly StackValues[]): object {
  return {
    stacks: stacks.map((s) =>
      s.deployed
        ? {
            stack: s.stack,
            deployed: true,
            state: s.state,
            outputs: Object.fromEntries(
              Object.entries(s.outputs).map(([name, output]) => [name, { sensitive: output.sensitive === true, value: output.value }]),
            ),
            destinations: DESTINATIONS.map((d) => ({
              page: d.page,
              fields: d.fields.filter((f) => s.outputs[f.output] !== undefined),
            })).filter((d) => d.fields.length > 0),
            missing: s.missing,
          }
        : { stack: s.stack, deployed: false, state: s.state, reason: s.line },
    ),
  };
}

/**
 * The JSON text of `valuesDocument`. JSON.stringify escapes C0 controls in strings but leaves DEL, C1
 * controls, bidi controls and line separators raw; `terminalSafe` escapes them with JSON's own escapes,
 * line by line (the line breaks of the indentation are the only raw ones), so it parses to the same values.
 */
export function valuesJson(stacks: readonly StackValues[]): string {
  return JSON.stringify(valuesDocument(stacks), null, 2).split('\n').map(terminalSafe).join('\n') + '\n';
}

/** The names of the sensitive outputs the stacks show, for the warning on a terminal. */
export function sensitiveOutputs(stacks: readonly StackValues[]): string[] {
  const names = stacks.flatMap((s) => (s.deployed ? Object.keys(s.outputs).filter((name) => s.outputs[name].sensitive === true) : []));
  return [...new Set(names)].sort().map(terminalSafe);
}
