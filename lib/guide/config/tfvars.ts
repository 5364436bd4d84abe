/**
 * Reads a `terraform.tfvars` file with HashiCorp's own HCL parser (the one cdktf uses), so comments,
 * heredocs, quoting, numbers and bools mean exactly what they mean to `terraform apply`.
 */
import { readFileSync, statSync } from 'fs';
import { InvalidSettingsError } from '../../rules/errors';
import { parseHcl } from './hcl-cache';
import { GuideVariables, validateGuideVariables } from './variables';

/** A guide tfvars file is a few hundred bytes; anything this large is the wrong file. */
export const MAX_TFVARS_BYTES = 1024 * 1024;

function refuse(file: string, reason: string): never {
  throw new InvalidSettingsError([reason], file);
}

/** Parses an HCL tfvars file into its top-level attributes; throws naming the file when it cannot. */
export async function readTfvars(file: string): Promise<Record<string, unknown>> {
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) refuse(file, 'is not a file');
    size = stats.size;
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw error;
    refuse(file, 'cannot be read: no such file (set XDR_TFVARS to the path of your terraform.tfvars)');
  }
  if (size > MAX_TFVARS_BYTES) refuse(file, `is ${size} bytes; a terraform.tfvars must be at most ${MAX_TFVARS_BYTES} bytes`);
  const bytes = readFileSync(file);
  if (bytes.includes(0)) refuse(file, 'is not a text file (it contains NUL bytes)');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) refuse(file, 'is not valid UTF-8 text');
  let parsed: Record<string, unknown>;
  try {
    parsed = (await parseHcl(file, text)) as Record<string, unknown>;
  } catch (error) {
    const reason = String(error instanceof Error ? error.message : error)
      .replace(/\s+/g, ' ')
      .trim();
    refuse(file, `is not valid HCL: ${reason}`);
  }
  return parsed;
}

export interface LoadedVariables {
  readonly file: string;
  readonly variables: GuideVariables;
  readonly warnings: readonly string[];
}

/** Reads and validates one tfvars file; every problem is prefixed with the file name. */
export async function loadGuideVariables(file: string): Promise<LoadedVariables> {
  const result = validateGuideVariables(await readTfvars(file));
  if (!result.variables) throw new InvalidSettingsError(result.errors, file);
  return { file, variables: result.variables, warnings: result.warnings.map((w) => `${file}: ${w}`) };
}
