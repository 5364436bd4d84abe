/**
 * Reads the guide's variables the way `terraform apply` reads them: HCL tfvars with HashiCorp's own
 * parser (the one cdktf uses), so comments, heredocs, quoting, numbers and bools mean exactly what
 * they mean to Terraform; `.tfvars.json` as JSON; and, beside a `terraform.tfvars`, the other files
 * Terraform loads from its folder, in Terraform's order.
 */
import * as path from 'path';
import { showPath, showValue } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { userMap, withoutPrototypes } from '../../rules/user-map';
import { inputStats, listInputFolder, OTHER_TFVARS, readInputFile } from '../fs/read';
import { parseHcl } from './hcl-cache';
import { resolveInputPath } from './paths';
import { GuideVariables, VARIABLE_NAMES, validateGuideVariables } from './variables';

/** A guide tfvars file is a few hundred bytes; anything this large is the wrong file. */
export const MAX_TFVARS_BYTES = 1024 * 1024;

/** The files Terraform loads by itself from its working folder, lowest precedence first (auto files follow, by name). */
export const TERRAFORM_DEFAULT_TFVARS = ['terraform.tfvars', 'terraform.tfvars.json'] as const;
/** The names of the `*.auto.tfvars` and `*.auto.tfvars.json` files Terraform also loads from its working folder. */
export const AUTO_TFVARS = /\.auto\.tfvars(\.json)?$/;

function refuse(file: string, reason: string): never {
  throw new InvalidSettingsError([reason], showPath(file));
}

/** UTF-16 text, as Windows PowerShell 5 writes with `>` or Out-File: a byte order mark, or every other byte NUL. */
function isUtf16(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = bytes.subarray(0, 512);
  const nuls = [0, 0]; // at even and at odd offsets
  sample.forEach((byte, i) => {
    if (byte === 0) nuls[i % 2]++;
  });
  return sample.length >= 4 && Math.max(...nuls) >= sample.length / 2 - 1 && Math.min(...nuls) === 0;
}

/** Where HCL puts a diagnostic: the parser's name for the file, a line, a column and maybe a range. */
const LOCATION = String.raw`input\.tfvars:(\d+),(\d+)(?:-\d+(?:,\d+)?)?`;

/**
 * The parser's error text holds every diagnostic, some repeated; the first one, with its line and
 * column, is the one to fix. A diagnostic starts at a location followed by ": "; a location inside
 * one ("already set at input.tfvars:1,1-5.") is part of its text and shown as a line and column too.
 */
function firstDiagnostic(message: string): string {
  const diagnostics = [...message.matchAll(new RegExp(`${LOCATION}: (.*?)(?= ${LOCATION}: |\\]?$)`, 'gs'))];
  if (diagnostics.length === 0) return message.replace(/\s+/g, ' ').trim();
  const [, line, column, text] = diagnostics[0];
  const more = new Set(diagnostics.slice(1).map((d) => d[3])).size;
  const readable = text.replace(new RegExp(LOCATION, 'g'), (_, l: string, c: string) => `line ${l}, column ${c}`);
  return `line ${line}, column ${column}: ${readable.replace(/\s+/g, ' ').trim()}${more > 0 ? ` (and ${more} more the parser found after it)` : ''}`;
}

/**
 * An unquoted word (`azure_region = eastus`) is an expression to HCL, handed over as "${eastus}".
 * Only a name of `textNames` written without quotes gets this message (quotes are its fix only where
 * text is expected); its value is dropped.
 */
function unquotedValues(text: string, values: Record<string, unknown>, textNames: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of textNames) {
    const value = values[name];
    // a bare word only: `2 + 2` or `var.x` is an expression the template rule refuses
    const expression = typeof value === 'string' ? /^\$\{([A-Za-z][\w-]*)\}$/.exec(value)?.[1] : undefined;
    if (expression === undefined || new RegExp(`^\\s*${name}\\s*=\\s*"`, 'm').test(text)) continue;
    problems.push(
      `${name}: the value ${expression} is not in quotes; write ${name} = ${showValue(expression)} (without quotes HCL reads a word as an expression, not as text)`,
    );
    delete values[name];
  }
  return problems;
}

/** One tfvars file as parsed: its attributes, and the problems of its text. */
export interface ParsedTfvars {
  /** The top-level attributes, a null-prototype object; an attribute whose text is refused is left out. */
  readonly values: Record<string, unknown>;
  /** Problems of the file's text, not yet prefixed with its name. */
  readonly problems: readonly string[];
}

/** How a caller reads a tfvars file: which names hold text, and the advice its lines give. */
export interface TfvarsReading {
  /** Names whose value is text, so that an unquoted word there is told to be quoted. @default the guide's variables */
  readonly textNames?: readonly string[];
  /** How to give the app another file, for the lines about this one. @default set XDR_TFVARS */
  readonly elsewhere?: string;
}

/**
 * Parses one tfvars file into its top-level attributes (a null-prototype object) and the problems of
 * its text, which leave the other attributes readable; throws naming the file when it cannot be read.
 */
export async function parseTfvarsFile(file: string, reading: TfvarsReading = {}): Promise<ParsedTfvars> {
  const elsewhere = reading.elsewhere ?? OTHER_TFVARS;
  const kind = resolveInputPath({ location: file, named: showPath(file), elsewhere });
  if (typeof kind === 'object') throw new InvalidSettingsError([kind.refused]);
  const stats = inputStats(file, elsewhere);
  if (stats === undefined || !stats.isFile()) refuse(file, `is not a regular file; ${elsewhere}`);
  if (stats.size > MAX_TFVARS_BYTES) refuse(file, `is ${stats.size} bytes; a terraform.tfvars must be at most ${MAX_TFVARS_BYTES} bytes`);
  const bytes = readInputFile(file, elsewhere);
  if (isUtf16(bytes)) {
    refuse(
      file,
      'is UTF-16 text (what Windows PowerShell 5 writes by default); save it as UTF-8, for example with Set-Content -Encoding utf8, or "Save with encoding" UTF-8 in an editor',
    );
  }
  if (bytes.includes(0)) refuse(file, 'is not a text file (it contains NUL bytes)');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) refuse(file, 'is not valid UTF-8 text; save it as UTF-8');
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      refuse(file, `is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      refuse(file, 'must hold one JSON object of variable names and values');
    return { values: withoutPrototypes(parsed) as Record<string, unknown>, problems: [] };
  }
  let values: Record<string, unknown>;
  try {
    // a fixed name for the parser: its diagnostics are split on it, and the real name is shown escaped
    values = withoutPrototypes(await parseHcl('input.tfvars', text)) as Record<string, unknown>;
  } catch (error) {
    refuse(file, `is not valid HCL: ${firstDiagnostic(String(error instanceof Error ? error.message : error))}`);
  }
  return { values, problems: unquotedValues(text, values, reading.textNames ?? VARIABLE_NAMES) };
}

/**
 * Parses one tfvars file (HCL, or JSON for `.json`) into its top-level attributes, a null-prototype
 * object (lib/rules/user-map.ts); throws naming the file when it cannot.
 */
export async function readTfvars(file: string, reading?: TfvarsReading): Promise<Record<string, unknown>> {
  const { values, problems } = await parseTfvarsFile(file, reading);
  if (problems.length > 0) throw new InvalidSettingsError(problems, showPath(file));
  return values;
}

/** The guide's variables as `loadGuideVariables` read them, with the files they came from. */
export interface LoadedVariables {
  /** The file named by the user (or the default ./terraform.tfvars). */
  readonly file: string;
  /** Every file read, lowest precedence first. */
  readonly sources: readonly string[];
  /** The validated variables, the guide's defaults filling in what no file sets. */
  readonly variables: GuideVariables;
  /** Warnings about the variables, each starting with the file it concerns. */
  readonly warnings: readonly string[];
}

/**
 * The files Terraform would read variables from beside `file`: when `file` is a `terraform.tfvars`
 * or `terraform.tfvars.json`, its folder is the working folder of the guide's templates, so both of
 * them and every `*.auto.tfvars` / `*.auto.tfvars.json` there, in Terraform's order (later wins).
 * Any other file is read alone, as `terraform apply -var-file=<file>` reads it.
 */
export function variableSources(file: string): string[] {
  if (!(TERRAFORM_DEFAULT_TFVARS as readonly string[]).includes(path.basename(file))) return [file];
  const folder = path.dirname(file);
  const names = listInputFolder(folder);
  const found = [...TERRAFORM_DEFAULT_TFVARS.filter((name) => names.includes(name)), ...names.filter((name) => AUTO_TFVARS.test(name))];
  // none there: read the file named, whose absence is then reported by name
  return found.length === 0 ? [file] : found.map((name) => path.join(folder, name));
}

/**
 * Reads and validates one tfvars file, or with `withTerraformSources` every file Terraform would
 * read beside it (variableSources), the later file winning for each variable. Every problem is
 * prefixed with the file that set the variable.
 */
export async function loadGuideVariables(file: string, withTerraformSources = false): Promise<LoadedVariables> {
  const sources = withTerraformSources ? variableSources(file) : [file];
  const merged = userMap<unknown>([]);
  const origin = new Map<string, string>();
  const problems: string[] = [];
  for (const source of sources) {
    try {
      const parsed = await parseTfvarsFile(source);
      problems.push(...parsed.problems.map((p) => `${showPath(source)}: ${p}`));
      for (const [name, value] of Object.entries(parsed.values)) {
        merged[name] = value;
        origin.set(name, source);
      }
    } catch (error) {
      if (!(error instanceof InvalidSettingsError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0 && Object.keys(merged).length === 0) throw new InvalidSettingsError(problems);
  const fileOf = (line: string) => showPath(origin.get(/^[^\s=:]+/.exec(line)?.[0] ?? '') ?? sources[sources.length - 1]);
  const result = validateGuideVariables(merged);
  problems.push(...result.errors.map((e) => `${fileOf(e)}: ${e}`));
  if (problems.length > 0 || !result.variables) throw new InvalidSettingsError(problems);
  return { file, sources, variables: result.variables, warnings: result.warnings.map((w) => `${fileOf(w)}: ${w}`) };
}
