/**
 * Reading a stack's whole Terraform state (resources included, which `terraform output` does not show):
 * a local state file directly, the azurerm backend through `terraform state pull` in the stack folder
 * (Terraform reads the blob with the signed-in identity; nothing here handles a storage key).
 */
import { existsSync, readFileSync } from 'fs';
import { showPath } from '../../rules/checks';
import { runTerraformJson } from '../fs/terraform';
import { TerraformState } from './state';

/** A state file parsed, `undefined` when there is none; a state that cannot be read is one refusal line. */
export function readStateFile(file: string): TerraformState | undefined | { readonly refused: string } {
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as TerraformState & { version?: unknown };
    if (state.version !== 4)
      return { refused: `${showPath(file)}: is a Terraform state in format ${String(state.version)}; format 4 is read` };
    return state;
  } catch (error) {
    return { refused: `${showPath(file)}: cannot be read as a Terraform state file (${(error as Error).message.split('\n')[0]})` };
  }
}

/** `terraform state pull` in an initialized stack folder: the state kept in Azure storage. */
export async function pullState(stackDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TerraformState> {
  const run = { label: 'terraform state pull', shownDir: showPath(stackDir), maxBuffer: 64 * 1024 * 1024, emptyIs: {} };
  return (await runTerraformJson(stackDir, ['state', 'pull'], run, env)) as TerraformState;
}
