import { TerraformStack } from 'cdktf';
import { MINIMUM_TERRAFORM_VERSION } from '../adoption/preflight';

/**
 * `terraform { required_version }`, so an older Terraform stops at init with its own clear message.
 * 1.6: adoption's import blocks take expressions as IDs; the outputs use `timecmp` (1.3).
 */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', `>= ${MINIMUM_TERRAFORM_VERSION}`);
}
