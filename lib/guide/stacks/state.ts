import { LocalBackend, TerraformStack } from 'cdktf';

/**
 * Local state beside the output folder (`cdktf.out/..`, the project root by default, where cdktf's
 * default puts it) written as a fixed relative path from the stack folder `cdktf.out/stacks/<stack>`.
 * cdktf's default is absolute, so a file synthesized on a laptop would point Cloud Shell at the
 * laptop's home directory, and two machines would never synthesize the same bytes.
 */
export function useRelativeLocalState(stack: TerraformStack, stateFileName: string): LocalBackend {
  return new LocalBackend(stack, { path: `../../../${stateFileName}` });
}
