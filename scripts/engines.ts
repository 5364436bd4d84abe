/**
 * The two engines this project synthesizes with, and the pure parts of moving between them that
 * `npm run engine` (scripts/engine.ts) and `npm run test:engines` (scripts/test-engines.ts) share:
 * the package.json rewrite and the comparison of two synth outputs. HashiCorp archived CDKTF on
 * 2025-12-10; CDK Terrain (`cdktn`) is its community fork with the same module layout and class names,
 * so the project installs it under cdktf's name (an npm alias) and no import changes.
 * No cdktf import here: this runs whichever engine is installed, or none.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as semver from 'semver';
import { problem, showValue } from '../lib/rules/checks';

export type EngineName = 'cdktf' | 'cdktn';

export interface Engine {
  readonly name: EngineName;
  readonly title: string;
  /** The spec of the `cdktf` dependency: the package itself, or CDK Terrain aliased to cdktf's name. */
  readonly library: string;
  /** The version the engine writes into every synth output (manifest and stack metadata). */
  readonly version: string;
  /** The CDK CLI, which only runs the app (`node -r sucrase/register main.ts`) and Terraform for the user. */
  readonly cli: { readonly package: string; readonly version: string; readonly bin: string; readonly node?: string };
}

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  cdktf: {
    name: 'cdktf',
    title: 'HashiCorp CDKTF',
    library: '0.21.0',
    version: '0.21.0',
    cli: { package: 'cdktf-cli', version: '0.21.0', bin: 'cdktf' },
  },
  cdktn: {
    name: 'cdktn',
    title: 'CDK Terrain',
    library: 'npm:cdktn@0.24.0',
    version: '0.24.0',
    // From `npm view cdktn-cli@0.24.0 engines`; on Node 20 it installs but `cdktn synth` crashes.
    cli: { package: 'cdktn-cli', version: '0.24.0', bin: 'cdktn', node: '>=22.19.0' },
  },
};

/** cdktn 0.24.0's peer range for constructs (cdktf 0.21 asks for ^10.4.2), and the version pinned in both. */
export const CONSTRUCTS = { range: '>=10.6.0 <10.8.0', version: '10.7.2' } as const;

type Dependencies = Record<string, string>;
type Overrides = Record<string, unknown>;

export interface PackageJson {
  dependencies?: Dependencies;
  devDependencies?: Dependencies;
  overrides?: Overrides;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

const SECTIONS = ['dependencies', 'devDependencies'] as const;
/** The prebuilt provider bindings: each peers on cdktf ^0.21, so on cdktn their `cdktf` is pointed at the root one. */
const PROVIDER_BINDING = /^@cdktf\/provider-/;
const ROOT_CDKTF = '$cdktf';

/** The engine named by the command line arguments; throws one line naming the bad input. */
export function parseEngine(args: readonly string[]): EngineName {
  const allowed = 'give one engine: cdktn (CDK Terrain) or cdktf (HashiCorp CDKTF), as in `npm run engine -- cdktn`';
  if (args.length !== 1) throw new EngineError(problem('engine arguments', args, allowed));
  const [name] = args;
  if (name !== 'cdktf' && name !== 'cdktn') throw new EngineError(problem('engine', name, allowed));
  return name;
}

/** A problem with the input: the command prints the message as its one line, without a stack trace. */
export class EngineError extends Error {}

/** The engine a package.json installs: CDK Terrain when its `cdktf` dependency is the cdktn alias. */
export function engineOf(pkg: PackageJson): EngineName {
  const { spec } = cdktfDependency(pkg);
  return spec.startsWith('npm:cdktn@') ? 'cdktn' : 'cdktf';
}

/**
 * The package.json that installs `engine`: the `cdktf` dependency (alias or not), the overrides that
 * give each provider binding the root cdktf, constructs in cdktn's range, the CDK CLI package and the
 * scripts that call its binary. Switching back removes exactly what switching added; a second switch
 * to the same engine changes nothing.
 */
export function switchEngine(pkg: PackageJson, engine: EngineName): PackageJson {
  const target = ENGINES[engine];
  const other = ENGINES[engine === 'cdktn' ? 'cdktf' : 'cdktn'];
  const result: PackageJson = JSON.parse(JSON.stringify(pkg));
  const cdktf = cdktfDependency(result);
  cdktf.section.cdktf = target.library;

  const bindings = SECTIONS.flatMap((s) => Object.keys(result[s] ?? {})).filter((name) => PROVIDER_BINDING.test(name));
  const overrides: Overrides = result.overrides ?? {};
  for (const binding of [...new Set(bindings)].sort()) {
    const existing = overrides[binding];
    // npm writes a package's own version override as "." when the entry also holds dependency overrides.
    const entry: Record<string, unknown> =
      typeof existing === 'object' && existing !== null ? { ...existing } : existing === undefined ? {} : { '.': existing };
    if (engine === 'cdktn') entry.cdktf = ROOT_CDKTF;
    else delete entry.cdktf;
    if (Object.keys(entry).length === 0) delete overrides[binding];
    else overrides[binding] = entry;
  }
  if (Object.keys(overrides).length > 0) result.overrides = overrides;
  else delete result.overrides;

  for (const section of SECTIONS.map((s) => result[s])) {
    if (section === undefined) continue;
    if (engine === 'cdktn' && section.constructs !== undefined && !withinRange(section.constructs, CONSTRUCTS.range)) {
      section.constructs = CONSTRUCTS.version;
    }
    if (section[other.cli.package] !== undefined) {
      delete section[other.cli.package];
      section[target.cli.package] = target.cli.version;
    }
  }
  for (const s of SECTIONS) if (result[s] !== undefined) result[s] = sortedByKey(result[s]);

  const otherBinary = new RegExp(`(^|[;&|(]\\s*|\\bnpx\\s+)${other.cli.bin}(?=\\s|$)`, 'g');
  for (const [name, command] of Object.entries(result.scripts ?? {})) {
    result.scripts![name] = command.replace(otherBinary, `$1${target.cli.bin}`);
  }
  return result;
}

function cdktfDependency(pkg: PackageJson): { section: Dependencies; spec: string } {
  for (const s of SECTIONS) {
    const section = pkg[s];
    if (section?.cdktf !== undefined) return { section, spec: section.cdktf };
  }
  throw new EngineError('package.json: no "cdktf" in dependencies or devDependencies; this switch is for a cdktf project');
}

/** Whether every version a dependency spec allows is in `range` (a tag, URL or alias is not). */
function withinRange(spec: string, range: string): boolean {
  return semver.validRange(spec) !== null && semver.subset(spec, range);
}

function sortedByKey(section: Dependencies): Dependencies {
  return Object.fromEntries(Object.entries(section).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

/** The engine a project's node_modules holds under cdktf's name, if any. */
export function installedEngine(projectDir: string): EngineName | undefined {
  const manifest = path.join(projectDir, 'node_modules', 'cdktf', 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
  return name === 'cdktn' || name === 'cdktf' ? name : undefined;
}

/** A warning line when this Node cannot run the engine's CLI binary, which the app itself does not need. */
export function cliNodeWarning(engine: EngineName, nodeVersion: string): string | undefined {
  const { cli } = ENGINES[engine];
  if (cli.node === undefined || semver.satisfies(nodeVersion, cli.node)) return undefined;
  return (
    `${cli.package} ${cli.version} needs Node ${cli.node} and this is Node ${nodeVersion}: its \`${cli.bin}\` command will not run here. ` +
    `Synthesize with \`node -r sucrase/register main.ts\` and deploy with terraform (help/engines.md), or upgrade Node.`
  );
}

/** One synth output folder: file path relative to the folder -> contents. */
export type SynthOutput = Readonly<Record<string, string>>;

/** Where an engine writes its own version in a synth output file: the only value allowed to differ. */
export function engineVersionKey(file: string): readonly string[] | undefined {
  if (file === 'manifest.json' || file.endsWith('/manifest.json')) return ['version'];
  if (file.endsWith('cdk.tf.json')) return ['//', 'metadata', 'version'];
  return undefined;
}

const MAX_DIFFERENCES_PER_FILE = 20;

/**
 * Every difference between two engines' synth outputs of the same input, as lines; none when the
 * files are the same set and parse to the same JSON except, where each engine writes its version,
 * that exact version. Formatting is not compared: cdktn writes `{}` where cdktf writes `{\n}`.
 */
export function compareSynthOutputs(
  left: { engine: Engine; output: SynthOutput },
  right: { engine: Engine; output: SynthOutput },
): string[] {
  const label = (side: typeof left) => `${side.engine.name} ${side.engine.version}`;
  const differences: string[] = [];
  const files = [...new Set([...Object.keys(left.output), ...Object.keys(right.output)])].sort();
  for (const file of files) {
    const [a, b] = [left.output[file], right.output[file]];
    if (a === undefined || b === undefined) {
      differences.push(`${file}: only written by ${label(a === undefined ? right : left)}`);
      continue;
    }
    if (!file.endsWith('.json')) {
      if (a !== b) differences.push(`${file}: the contents differ`);
      continue;
    }
    const parsed = [parseJson(file, a, label(left), differences), parseJson(file, b, label(right), differences)];
    if (parsed[0] === undefined || parsed[1] === undefined) continue;
    const key = engineVersionKey(file);
    if (key !== undefined) {
      [left, right].forEach((side, i) => {
        const written = removeAt(parsed[i], key);
        if (written !== side.engine.version) {
          differences.push(
            `${file}: ${key.join('.')} = ${showValue(written)} from ${label(side)}, expected ${showValue(side.engine.version)}`,
          );
        }
      });
    }
    const found: string[] = [];
    collectDifferences(parsed[0], parsed[1], [], [label(left), label(right)], found);
    differences.push(
      ...found.slice(0, MAX_DIFFERENCES_PER_FILE).map((d) => `${file}: ${d}`),
      ...(found.length > MAX_DIFFERENCES_PER_FILE ? [`${file}: ... and ${found.length - MAX_DIFFERENCES_PER_FILE} more differences`] : []),
    );
  }
  return differences;
}

function parseJson(file: string, text: string, label: string, differences: string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    differences.push(`${file}: not JSON as written by ${label} (${(error as Error).message})`);
    return undefined;
  }
}

/** Deletes the value at `key` in a parsed document and returns it (undefined when absent). */
function removeAt(document: unknown, key: readonly string[]): unknown {
  let node = document as Record<string, unknown> | undefined;
  for (const part of key.slice(0, -1)) {
    const next = node?.[part];
    node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
  }
  const last = key[key.length - 1];
  const value = node?.[last];
  if (node !== undefined) delete node[last];
  return value;
}

/** The JSON paths where two documents differ, each with both values and the engine that wrote them. */
function collectDifferences(a: unknown, b: unknown, at: string[], labels: readonly [string, string], found: string[]): void {
  if (isDeepStrictEqual(a, b)) return;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) collectDifferences(a[key], b[key], [...at, key], labels, found);
    return;
  }
  found.push(`${at.length === 0 ? '(whole file)' : at.join('.')}: ${showValue(a)} from ${labels[0]}, ${showValue(b)} from ${labels[1]}`);
}
