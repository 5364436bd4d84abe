/**
 * The project ships `terraform.tfvars.example`; `terraform.tfvars` is the operator's own copy, which
 * git ignores, so pulling a new release never touches or conflicts with it. Until the copy exists the
 * app reads the example (a fresh clone synthesizes with `npx cdktf synth`) and says so: its IDs are
 * placeholders, so a deploy from it stops at Azure (no subscription 00000000-…), creating nothing.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { TERRAFORM_DEFAULT_TFVARS } from './config/tfvars';

export const TFVARS_EXAMPLE = 'terraform.tfvars.example';

export interface TfvarsLocation {
  readonly location: string;
  /** The line the app prints when it read the example instead. */
  readonly note?: string;
}

/**
 * `location` itself, unless it is the default `terraform.tfvars` and neither it nor
 * `terraform.tfvars.json` exists beside the example: then the example.
 */
export function tfvarsOrExample(location: string, defaultLocation: string): TfvarsLocation {
  if (location !== defaultLocation) return { location };
  const folder = path.dirname(location);
  const example = path.join(folder, TFVARS_EXAMPLE);
  if (TERRAFORM_DEFAULT_TFVARS.some((name) => existsSync(path.join(folder, name))) || !existsSync(example)) return { location };
  return {
    location: example,
    note: `Note: there is no ${location}, so the shipped ${example} was read (placeholder IDs: a deploy from it stops at Azure); create yours with: cp ${example} ${location}`,
  };
}
