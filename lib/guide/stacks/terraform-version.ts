import { Construct } from 'constructs';
import { App, TerraformStack } from 'cdktf';
import { MINIMUM_TERRAFORM_VERSION } from '../adoption/preflight';

/** 1.6: adoption's import blocks take expressions as IDs; the secret outputs use `timecmp` (1.3). */
export const REQUIRED_TERRAFORM_VERSION = `>= ${MINIMUM_TERRAFORM_VERSION}`;

/**
 * A stack with `terraform { required_version }`, so an older Terraform stops at `init` with its own
 * clear message. cdktf 0.21 renders any extra `terraform` attribute as `0 = "required_version"` in
 * `--hcl` output (hcl/render.js renderTerraform), so there the floor goes in a second `terraform`
 * block, which Terraform merges with the first.
 */
export class VersionedStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    if (!App.of(this).hclOutput) this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  }

  override toHclTerraform(): { [key: string]: unknown } {
    const rendered = super.toHclTerraform();
    return { ...rendered, hcl: `${rendered.hcl}\n\nterraform {\n  required_version = "${REQUIRED_TERRAFORM_VERSION}"\n}\n` };
  }
}
