import * as path from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';

/**
 * Local state at the project root, like cdktf's default, but written as a path relative to the stack
 * folder: cdktf's default is absolute, so a file synthesized on a laptop would point Cloud Shell at
 * the laptop's home directory, and two machines would never synthesize the same bytes.
 */
export function useRelativeLocalState(stack: TerraformStack, stateFileName: string): LocalBackend {
  const stackDir = path.resolve(App.of(stack).outdir, 'stacks', stack.node.id);
  const relative = path.relative(stackDir, path.join(process.cwd(), stateFileName));
  return new LocalBackend(stack, { path: relative.split(path.sep).join('/') });
}
