/**
 * Where `npm run values` finds each stack's outputs: the synthesized stacks in the output folder, each
 * one's backend as its `cdk.tf.json` (or `cdk.tf`) declares it, and the outputs in the state that backend
 * keeps: a local state file read directly, or the azurerm backend through `terraform output -json` in the
 * stack folder (Terraform reads the blob with the signed-in identity; nothing here handles a storage key).
 */
import { runTerraformJson } from '../fs/terraform';
import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { parseHcl } from '../config/hcl-cache';
import { showPath } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { SETTINGS_FILE } from '../config/settings';
import { REPOPULATE_APPLICATION_STACK } from '../stack-names';
import { cdktfCommand, projectCommand } from '../local-state';
import { DESTINATIONS, StackValues, TerraformOutputs } from './values';

/** A problem that stops `npm run values` as a whole (not one stack's "not deployed"): one line, exit 2. */
function refuse(line: string): never {
  throw new InvalidSettingsError([line]);
}

export type Backend = { readonly type: 'local'; readonly path: string } | { readonly type: 'azurerm' };

/** A stack of the last synth: its folder and the file (`cdk.tf.json` or `cdk.tf`) that synth wrote. */
export interface SynthesizedStackFiles {
  readonly name: string;
  readonly dir: string;
  readonly file: string;
  /** The output folder the stack was synthesized into: the commands an operator is told to run name it. */
  readonly outdir: string;
}

/**
 * The stacks of the last synth into `outdir`, by name, as its manifest.json lists them. The manifest,
 * not the folder listing, says which file is current: a folder may still hold a stale file of the other
 * format from an earlier synth.
 */
export function synthesizedStacks(outdir: string): SynthesizedStackFiles[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) return [];
  let manifest: { stacks?: Record<string, { synthesizedStackPath: string; workingDirectory: string }> };
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    refuse(`${manifestFile}: is not JSON; run ${cdktfCommand('synth', [], outdir)} again`);
  }
  return Object.entries(manifest.stacks ?? {})
    .map(([name, entry]) => ({
      name,
      dir: path.join(outdir, entry.workingDirectory),
      file: path.join(outdir, entry.synthesizedStackPath),
      outdir,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The `backend` block of a `terraform` block in either synthesized format, as `{ type: { settings } }`. */
type BackendBlock = Record<string, Record<string, unknown>>;

/** What `npm run values` needs of a synthesized stack: where its state is, and what the stack declares. */
export interface StackDeclarations {
  readonly backend: Backend;
  /** The stack's output names. */
  readonly outputs: readonly string[];
  /** The providers it configures (`azurerm`, `azuread`, `time`): a resource type starts with one of them. */
  readonly providers: readonly string[];
}

/** The backend, outputs and providers a synthesized stack file (`cdk.tf.json` or `cdk.tf`) declares. */
export async function stackDeclarations(file: string): Promise<StackDeclarations> {
  if (!existsSync(file)) refuse(`${file}: no such file; run npx cdktf synth again`);
  const text = readFileSync(file, 'utf8');
  type Declared = { output?: object; provider?: object };
  let block: BackendBlock | undefined;
  let declared: Declared;
  if (file.endsWith('.json')) {
    const json = JSON.parse(text) as Declared & { terraform?: { backend?: BackendBlock } };
    block = json.terraform?.backend;
    declared = json;
  } else {
    // HCL parses into lists of blocks: terraform[0].backend.local[0].path
    const hcl = (await parseHcl(file, text)) as Declared & {
      terraform?: Array<{ backend?: Record<string, Array<Record<string, unknown>>> }>;
    };
    const backend = hcl.terraform?.find((t) => t.backend !== undefined)?.backend;
    block = backend && Object.fromEntries(Object.entries(backend).map(([type, [settings]]) => [type, settings]));
    declared = hcl;
  }
  return { backend: backendOf(file, block), outputs: Object.keys(declared.output ?? {}), providers: Object.keys(declared.provider ?? {}) };
}

function backendOf(file: string, block: BackendBlock | undefined): Backend {
  // Terraform's default when a configuration declares no backend: terraform.tfstate in the stack folder.
  if (block === undefined || Object.keys(block).length === 0) return { type: 'local', path: 'terraform.tfstate' };
  const [type] = Object.keys(block);
  if (type === 'local') return { type, path: String(block.local.path ?? 'terraform.tfstate') };
  if (type === 'azurerm') return { type };
  refuse(`${file}: backend "${type}" is not supported; npm run values reads the local and azurerm backends`);
}

/** The backend a synthesized stack file (`cdk.tf.json` or `cdk.tf`) declares. */
export async function stackBackend(file: string): Promise<Backend> {
  return (await stackDeclarations(file)).backend;
}

/** What `npm run values` reads of a state: its outputs and the types of the resources it holds. */
export interface StateContents {
  readonly outputs: TerraformOutputs;
  /** `undefined` when only the outputs can be read (`terraform output -json` for the azurerm backend). */
  readonly resourceTypes?: readonly string[];
}

/**
 * The outputs and resource types of a Terraform state file (format 4), or `undefined` when there is no
 * state file yet. `shown` is how messages name the file.
 */
export function readState(stateFile: string, shown = stateFile): StateContents | undefined {
  if (!existsSync(stateFile)) return undefined;
  if (!statSync(stateFile).isFile()) refuse(`${stateFile}: is not a file`);
  let text: string;
  try {
    text = readFileSync(stateFile, 'utf8');
  } catch (error) {
    refuse(`${stateFile}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let state: { version?: unknown; outputs?: TerraformOutputs; resources?: Array<{ type?: unknown }> };
  try {
    state = JSON.parse(text);
  } catch {
    refuse(`${stateFile}: is not a Terraform state file (not JSON)${backupHint(stateFile, shown)}`);
  }
  if (state === null || typeof state !== 'object' || state.version !== 4) {
    refuse(`${stateFile}: is a Terraform state in format ${String(state?.version)}; npm run values reads format 4`);
  }
  return {
    outputs: state.outputs ?? {},
    resourceTypes: [...new Set((state.resources ?? []).map((r) => String(r?.type)))].sort(),
  };
}

/**
 * Where Terraform kept the state before its last write: the local backend writes `<state>.backup` on
 * every change, so a state cut short (a full disk, a killed deploy) can be restored from it.
 */
function backupHint(stateFile: string, shown: string): string {
  return existsSync(`${stateFile}.backup`)
    ? `; if it was cut short, Terraform kept the state before its last change in ${shown}.backup: check it, then cp ${shown}.backup ${shown}`
    : `; there is no ${shown}.backup beside it (Terraform writes one when it changes a state)`;
}

/** The command that prints a stack's outputs, secrets included, when its state is in Azure storage. */
export function terraformOutputCommand(stackDir: string): { readonly file: string; readonly args: string[]; readonly cwd: string } {
  return { file: 'terraform', args: ['output', '-json', '-no-color'], cwd: stackDir };
}

/**
 * What a stack keeping its state in Azure storage needs before its state can be read, when its folder
 * was never initialized: `cdktf diff` initializes it and changes nothing (a deploy might replace a
 * secret, help/rotation.md), then the command `again` once more.
 */
export function notInitialized(stack: SynthesizedStackFiles, again: 'values' | 'rotate'): string {
  const folder = path.relative(process.cwd(), stack.dir) || stack.dir;
  return (
    `${stack.name} keeps its state in Azure storage and ${showPath(folder)} is not initialized: run terraform init there once ` +
    `(${cdktfCommand('diff', [stack.name], stack.outdir)} does, and changes nothing), then ${projectCommand(again, stack.outdir)} again`
  );
}

/** Runs `terraform output -json` in the stack folder and parses what it prints. */
export async function runTerraformOutput(stackDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TerraformOutputs> {
  const { args, cwd } = terraformOutputCommand(stackDir);
  const run = { label: 'terraform output -json', shownDir: stackDir, maxBuffer: 16 * 1024 * 1024 };
  return (await runTerraformJson(cwd, args, run, env)) as TerraformOutputs;
}

function notDeployed({ name: stack, outdir }: SynthesizedStackFiles, state: string, why: string): StackValues {
  const deploy = cdktfCommand('deploy', [stack], outdir);
  const line = isRecoveryStack(stack)
    ? `Stack ${stack} is not deployed: ${why}. It creates the XDR application, its service principal and secret again after the application was deleted ` +
      `(a new Client ID and secret to enter in XDR, a new admin consent); deploy it (${deploy}) only if the application is gone, ` +
      `else remove repopulate_application from ${SETTINGS_FILE}.`
    : `Stack ${stack} is not deployed yet: ${why} (deploy it with ${deploy}).`;
  return { stack, deployed: false, state, line };
}

function isRecoveryStack(stack: string): boolean {
  return stack === REPOPULATE_APPLICATION_STACK || stack.endsWith(`-${REPOPULATE_APPLICATION_STACK}`);
}

/**
 * The providers whose resources any release of this project's stacks has held: a state written by an
 * older release may still hold a resource type today's stacks no longer declare. `terraform` is the
 * built-in provider (terraform_data).
 */
const PROJECT_PROVIDERS = ['azurerm', 'azuread', 'time', 'terraform'];

/**
 * Why a state is not one of this project's stacks, or `undefined` when it may be: every resource is of
 * a provider the project uses, and at least one output is one the stack declares. A state of another
 * project is refused before any of its values is shown (they may be its passwords).
 */
export function foreignState(contents: StateContents, declared: StackDeclarations): string | undefined {
  const ours = new Set([...PROJECT_PROVIDERS, ...declared.providers]);
  const foreignTypes = (contents.resourceTypes ?? []).filter((type) => !ours.has(type.split('_')[0]));
  if (foreignTypes.length > 0) {
    const shown = foreignTypes.slice(0, 3).join(', ') + (foreignTypes.length > 3 ? `, and ${foreignTypes.length - 3} more` : '');
    return `it holds resources of types this project never declares (${shown})`;
  }
  const names = Object.keys(contents.outputs);
  if (names.length > 0 && !names.some((name) => declared.outputs.includes(name))) {
    return `none of its ${names.length} outputs is one the stack declares`;
  }
  return undefined;
}

/** The XDR and Streaming API fields the stack declares an output for and the state does not hold. */
function missingFields(contents: StateContents, declared: StackDeclarations): string[] {
  const fields = DESTINATIONS.filter((d) => d.required).flatMap((d) => d.fields);
  const missing = fields.filter((f) => declared.outputs.includes(f.output) && contents.outputs[f.output] === undefined);
  // Event Hub Name is on both pages: named once
  return [...new Map(missing.map((f) => [f.output, `${f.field} (${f.output})`])).values()];
}

function deployedValues(
  { name: stack, outdir }: SynthesizedStackFiles,
  state: string,
  contents: StateContents,
  declared: StackDeclarations,
): StackValues {
  const foreign = foreignState(contents, declared);
  if (foreign !== undefined) {
    refuse(
      `${state}: is not the state of this project's ${stack} stack: ${foreign}; none of its values is shown. ` +
        "If it is another project's, move it out of this folder",
    );
  }
  const missing = missingFields(contents, declared);
  return {
    stack,
    deployed: true,
    state,
    outputs: contents.outputs,
    missing,
    ...(missing.length > 0
      ? {
          line:
            `Stack ${stack}: ${state} lacks ${missing.join(', ')}: a deploy of this stack did not finish, or the file is another stack's state; ` +
            `${cdktfCommand('diff', [stack], outdir)} shows what a deploy would change.`,
        }
      : {}),
  };
}

/** One stack's values from wherever its backend keeps them. */
export async function readStackValues(synthesized: SynthesizedStackFiles, env: NodeJS.ProcessEnv = process.env): Promise<StackValues> {
  const { name: stack, dir: stackDir } = synthesized;
  const declared = await stackDeclarations(synthesized.file);
  const backend = declared.backend;
  if (backend.type === 'local') {
    const stateFile = path.join(stackDir, backend.path);
    const state = path.relative(process.cwd(), stateFile) || stateFile;
    const contents = readState(stateFile, state);
    if (contents === undefined) return notDeployed(synthesized, state, `there is no state file ${state}`);
    if (Object.keys(contents.outputs).length === 0 && foreignState(contents, declared) === undefined) {
      return notDeployed(synthesized, state, `${state} holds no outputs`);
    }
    return deployedValues(synthesized, state, contents, declared);
  }
  const state = 'azurerm backend (Azure storage)';
  // `cdktf deploy` runs `terraform init` in the stack folder; after a plain synth nobody has, and
  // init downloads providers and may offer to migrate state, which this command should not do unasked.
  if (!existsSync(path.join(stackDir, '.terraform'))) {
    return { stack, deployed: false, state, line: `Stack ${notInitialized(synthesized, 'values')}.` };
  }
  const outputs = await runTerraformOutput(stackDir, env);
  if (Object.keys(outputs).length === 0) return notDeployed(synthesized, state, 'its state in Azure storage holds no outputs');
  return deployedValues(synthesized, state, { outputs }, declared);
}
