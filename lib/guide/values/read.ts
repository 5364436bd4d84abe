/**
 * Where `npm run values` finds each stack's outputs: the synthesized stacks in the output folder, each
 * one's backend as its `cdk.tf.json` (or `cdk.tf`) declares it, and the outputs in the state that backend
 * keeps: a local state file read directly, or the azurerm backend through `terraform output -json` in the
 * stack folder (Terraform reads the blob with the signed-in identity; nothing here handles a storage key).
 */
import { execFile } from 'child_process';
import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { parseHcl } from '../config/hcl-cache';
import { InvalidSettingsError } from '../../rules/errors';
import { StackValues, TerraformOutputs } from './values';

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
    refuse(`${manifestFile}: is not JSON; run npx cdktf synth again`);
  }
  return Object.entries(manifest.stacks ?? {})
    .map(([name, entry]) => ({
      name,
      dir: path.join(outdir, entry.workingDirectory),
      file: path.join(outdir, entry.synthesizedStackPath),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The `backend` block of a `terraform` block in either synthesized format, as `{ type: { settings } }`. */
type BackendBlock = Record<string, Record<string, unknown>>;

/** The backend a synthesized stack file (`cdk.tf.json` or `cdk.tf`) declares. */
export async function stackBackend(file: string): Promise<Backend> {
  if (!existsSync(file)) refuse(`${file}: no such file; run npx cdktf synth again`);
  const text = readFileSync(file, 'utf8');
  let block: BackendBlock | undefined;
  if (file.endsWith('.json')) {
    block = (JSON.parse(text) as { terraform?: { backend?: BackendBlock } }).terraform?.backend;
  } else {
    // HCL parses into lists of blocks: terraform[0].backend.local[0].path
    const hcl = (await parseHcl(file, text)) as { terraform?: Array<{ backend?: Record<string, Array<Record<string, unknown>>> }> };
    const backend = hcl.terraform?.find((t) => t.backend !== undefined)?.backend;
    block = backend && Object.fromEntries(Object.entries(backend).map(([type, [settings]]) => [type, settings]));
  }
  // Terraform's default when a configuration declares no backend: terraform.tfstate in the stack folder.
  if (block === undefined || Object.keys(block).length === 0) return { type: 'local', path: 'terraform.tfstate' };
  const [type] = Object.keys(block);
  if (type === 'local') return { type, path: String(block.local.path ?? 'terraform.tfstate') };
  if (type === 'azurerm') return { type };
  refuse(`${file}: backend "${type}" is not supported; npm run values reads the local and azurerm backends`);
}

/** The outputs of a Terraform state file (format 4), or `undefined` when there is no state file yet. */
export function readStateOutputs(stateFile: string): TerraformOutputs | undefined {
  if (!existsSync(stateFile)) return undefined;
  if (!statSync(stateFile).isFile()) refuse(`${stateFile}: is not a file`);
  let text: string;
  try {
    text = readFileSync(stateFile, 'utf8');
  } catch (error) {
    refuse(`${stateFile}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let state: { version?: unknown; outputs?: TerraformOutputs };
  try {
    state = JSON.parse(text);
  } catch {
    refuse(`${stateFile}: is not a Terraform state file (not JSON)`);
  }
  if (state.version !== 4) {
    refuse(`${stateFile}: is a Terraform state in format ${String(state.version)}; npm run values reads format 4`);
  }
  return state.outputs ?? {};
}

/** The command that prints a stack's outputs, secrets included, when its state is in Azure storage. */
export function terraformOutputCommand(stackDir: string): { readonly file: string; readonly args: string[]; readonly cwd: string } {
  return { file: 'terraform', args: ['output', '-json', '-no-color'], cwd: stackDir };
}

/** Runs `terraform output -json` in the stack folder and parses what it prints. */
export function runTerraformOutput(stackDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TerraformOutputs> {
  const { file, args, cwd } = terraformOutputCommand(stackDir);
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env: { ...env, TF_IN_AUTOMATION: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new InvalidSettingsError(['terraform is not installed or not on PATH; it is needed to read state kept in Azure storage']));
      } else if (error) {
        const detail = (stderr || error.message).replace(/\s+/g, ' ').trim();
        reject(new InvalidSettingsError([`terraform output -json failed in ${stackDir}: ${detail}`]));
      } else {
        try {
          resolve(JSON.parse(stdout) as TerraformOutputs);
        } catch {
          reject(new InvalidSettingsError([`terraform output -json in ${stackDir} did not print JSON`]));
        }
      }
    });
  });
}

function notDeployed(stack: string, state: string, why: string): StackValues {
  return { stack, deployed: false, state, line: `Stack ${stack} is not deployed yet: ${why} (deploy it with npx cdktf deploy ${stack}).` };
}

/** One stack's values from wherever its backend keeps them. */
export async function readStackValues(synthesized: SynthesizedStackFiles, env: NodeJS.ProcessEnv = process.env): Promise<StackValues> {
  const { name: stack, dir: stackDir } = synthesized;
  const backend = await stackBackend(synthesized.file);
  if (backend.type === 'local') {
    const stateFile = path.join(stackDir, backend.path);
    const state = path.relative(process.cwd(), stateFile) || stateFile;
    const outputs = readStateOutputs(stateFile);
    if (outputs === undefined) return notDeployed(stack, state, `there is no state file ${state}`);
    if (Object.keys(outputs).length === 0) return notDeployed(stack, state, `${state} holds no outputs`);
    return { stack, deployed: true, state, outputs };
  }
  const state = 'azurerm backend (Azure storage)';
  // `cdktf deploy` runs `terraform init` in the stack folder; after a plain synth nobody has, and
  // init downloads providers and may offer to migrate state, which this command should not do unasked.
  if (!existsSync(path.join(stackDir, '.terraform'))) {
    const folder = path.relative(process.cwd(), stackDir) || stackDir;
    return {
      stack,
      deployed: false,
      state,
      line: `Stack ${stack} keeps its state in Azure storage and ${folder} is not initialized: run terraform init there once (npx cdktf deploy does), then npm run values again.`,
    };
  }
  const outputs = await runTerraformOutput(stackDir, env);
  if (Object.keys(outputs).length === 0) return notDeployed(stack, state, 'its state in Azure storage holds no outputs');
  return { stack, deployed: true, state, outputs };
}
