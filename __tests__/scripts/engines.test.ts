import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  CONSTRUCTS,
  ENGINES,
  EngineError,
  PackageJson,
  SynthOutput,
  cliNodeWarning,
  compareSynthOutputs,
  engineOf,
  installedEngine,
  parseEngine,
  switchEngine,
} from '../../scripts/engines';

const PROJECT: PackageJson = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
/** Compares key order too: package.json is a file people diff. */
const text = (pkg: PackageJson) => JSON.stringify(pkg, null, 2);
/** The project as committed on cdktf (npm run test:engines also runs this suite in a copy switched to cdktn). */
const ON_CDKTF = engineOf(PROJECT) === 'cdktf' ? PROJECT : switchEngine(PROJECT, 'cdktf');

describe('parseEngine', () => {
  test('accepts exactly one engine name', () => {
    expect(parseEngine(['cdktn'])).toBe('cdktn');
    expect(parseEngine(['cdktf'])).toBe('cdktf');
  });

  test.each([
    [['CDKTN'], 'engine = "CDKTN": give one engine: cdktn (CDK Terrain) or cdktf (HashiCorp CDKTF), as in `npm run engine -- cdktn`'],
    [[], 'engine arguments = []: give one engine'],
    [['cdktn', 'cdktf'], 'engine arguments = ["cdktn","cdktf"]: give one engine'],
    [['cd\u001bktn'], 'engine = "cd\\u001bktn": give one engine'],
  ])('refuses %j with one line naming the input', (args, message) => {
    expect(() => parseEngine(args)).toThrow(EngineError);
    expect(() => parseEngine(args)).toThrow(message);
  });
});

describe('switchEngine on this project', () => {
  const onTerrain = switchEngine(ON_CDKTF, 'cdktn');

  test('package.json is what the switch writes for its engine, with constructs in the range both engines accept', () => {
    expect(text(switchEngine(PROJECT, engineOf(PROJECT)))).toBe(text(PROJECT));
    expect(text(PROJECT)).toBe(text(engineOf(PROJECT) === 'cdktf' ? ON_CDKTF : onTerrain));
    expect(ON_CDKTF.devDependencies).toMatchObject({ cdktf: '0.21.0', 'cdktf-cli': '0.21.0', constructs: CONSTRUCTS.version });
    expect(ON_CDKTF.overrides).toBeUndefined();
  });

  test('to cdktn: the alias, one override per provider binding, the cdktn CLI and its binary in scripts', () => {
    expect(engineOf(onTerrain)).toBe('cdktn');
    expect(onTerrain.devDependencies).toMatchObject({ cdktf: 'npm:cdktn@0.24.0', 'cdktn-cli': '0.24.0', constructs: CONSTRUCTS.version });
    expect(onTerrain.devDependencies).not.toHaveProperty('cdktf-cli');
    expect(onTerrain.overrides).toEqual({
      '@cdktf/provider-azuread': { cdktf: '$cdktf' },
      '@cdktf/provider-azurerm': { cdktf: '$cdktf' },
      '@cdktf/provider-time': { cdktf: '$cdktf' },
    });
    expect(onTerrain.scripts?.synth).toBe('cdktn synth');
  });

  test('to cdktn changes nothing else', () => {
    const { devDependencies: before, scripts: scriptsBefore, ...restBefore } = ON_CDKTF;
    const { devDependencies: after, overrides, scripts: scriptsAfter, ...restAfter } = onTerrain;
    expect(overrides).toBeDefined();
    expect(restAfter).toEqual(restBefore);
    expect({ ...after, cdktf: undefined, 'cdktn-cli': undefined }).toEqual({ ...before, cdktf: undefined, 'cdktf-cli': undefined });
    expect(Object.entries(scriptsAfter!).filter(([name, command]) => scriptsBefore![name] !== command)).toEqual([['synth', 'cdktn synth']]);
  });

  test('back to cdktf gives the original file, key order included; each switch is idempotent', () => {
    expect(text(switchEngine(onTerrain, 'cdktf'))).toBe(text(ON_CDKTF));
    expect(text(switchEngine(onTerrain, 'cdktn'))).toBe(text(onTerrain));
    expect(Object.keys(onTerrain.devDependencies!)).toEqual(
      [...Object.keys(onTerrain.devDependencies!)].sort((a, b) => a.localeCompare(b, 'en')),
    );
  });
});

describe('switchEngine on other projects', () => {
  const project = (extra: PackageJson): PackageJson => ({ name: 'p', dependencies: { cdktf: '0.21.0', constructs: '10.7.1' }, ...extra });

  test.each([
    ['^10.4.2', CONSTRUCTS.version],
    ['10.4.2', CONSTRUCTS.version],
    ['10.8.1', CONSTRUCTS.version],
    ['latest', CONSTRUCTS.version],
    ['10.7.0', '10.7.0'],
    ['~10.7.1', '~10.7.1'],
    ['>=10.6.0 <10.8.0', '>=10.6.0 <10.8.0'],
  ])('constructs %s becomes %s on cdktn, and stays on the way back', (spec, expected) => {
    const onTerrain = switchEngine(project({ dependencies: { cdktf: '0.21.0', constructs: spec } }), 'cdktn');
    expect(onTerrain.dependencies).toEqual({ cdktf: 'npm:cdktn@0.24.0', constructs: expected });
    expect(switchEngine(onTerrain, 'cdktf').dependencies?.constructs).toBe(expected);
  });

  test('keeps the overrides it did not write, and removes only its own on the way back', () => {
    const before = project({
      devDependencies: { '@cdktf/provider-azurerm': '14.23.1', '@cdktf/provider-time': '11.0.1' },
      overrides: { semver: '7.7.2', '@cdktf/provider-azurerm': { 'some-dependency': '1.0.0' }, '@cdktf/provider-time': '11.0.1' },
    });
    const onTerrain = switchEngine(before, 'cdktn');
    expect(onTerrain.overrides).toEqual({
      semver: '7.7.2',
      '@cdktf/provider-azurerm': { 'some-dependency': '1.0.0', cdktf: '$cdktf' },
      '@cdktf/provider-time': { '.': '11.0.1', cdktf: '$cdktf' },
    });
    expect(switchEngine(onTerrain, 'cdktf').overrides).toEqual({
      semver: '7.7.2',
      '@cdktf/provider-azurerm': { 'some-dependency': '1.0.0' },
      '@cdktf/provider-time': { '.': '11.0.1' },
    });
  });

  test('renames the CLI binary only where it is the command', () => {
    const scripts = {
      deploy: 'npx cdktf deploy && cdktf output --outputs-file out.json',
      list: '(cdktf list)',
      clean: 'rm -rf cdktf.out && echo cdktf-cli',
    };
    expect(switchEngine(project({ scripts }), 'cdktn').scripts).toEqual({
      deploy: 'npx cdktn deploy && cdktn output --outputs-file out.json',
      list: '(cdktn list)',
      clean: 'rm -rf cdktf.out && echo cdktf-cli',
    });
    expect(switchEngine(switchEngine(project({ scripts }), 'cdktn'), 'cdktf').scripts).toEqual(scripts);
  });

  test('adds no CLI to a project without one, and swaps it in the section that holds it', () => {
    expect(Object.keys(switchEngine(project({}), 'cdktn').dependencies!)).toEqual(['cdktf', 'constructs']);
    const withCli = project({ dependencies: { cdktf: '0.21.0', 'cdktf-cli': '0.21.0' } });
    expect(switchEngine(withCli, 'cdktn').dependencies).toEqual({ cdktf: 'npm:cdktn@0.24.0', 'cdktn-cli': '0.24.0' });
  });

  test('a package.json without cdktf is refused with one line', () => {
    expect(() => switchEngine({ name: 'p', dependencies: { react: '19.0.0' } }, 'cdktn')).toThrow(
      new EngineError('package.json: no "cdktf" in dependencies or devDependencies; this switch is for a cdktf project'),
    );
  });
});

test('the cdktn CLI warns below Node 22.19, the cdktf CLI never', () => {
  expect(cliNodeWarning('cdktn', 'v20.20.2')).toMatch(
    /^cdktn-cli 0\.24\.0 needs Node >=22\.19\.0 and this is Node v20\.20\.2: .*node -r sucrase\/register main\.ts/,
  );
  expect(cliNodeWarning('cdktn', 'v22.18.9')).toBeDefined();
  expect(cliNodeWarning('cdktn', 'v22.19.0')).toBeUndefined();
  expect(cliNodeWarning('cdktn', 'v24.1.0')).toBeUndefined();
  expect(cliNodeWarning('cdktf', 'v20.20.2')).toBeUndefined();
});

test('installedEngine reads the package node_modules holds under the name cdktf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xdr-engine-'));
  try {
    expect(installedEngine(dir)).toBeUndefined();
    mkdirSync(path.join(dir, 'node_modules', 'cdktf'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'cdktf', 'package.json'), JSON.stringify({ name: 'cdktn', version: '0.24.0' }));
    expect(installedEngine(dir)).toBe('cdktn');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('compareSynthOutputs', () => {
  const stack = (version: string, partitions = 4) => ({
    '//': { metadata: { backend: 'local', stackName: 'defender-integration', version } },
    resource: { azurerm_eventhub: { hub: { partition_count: partitions, tags: {} } } },
  });
  const output = (version: string, overrides: Record<string, string | undefined> = {}): SynthOutput => {
    const files: Record<string, string | undefined> = {
      'manifest.json': JSON.stringify({ stacks: { 'defender-integration': { annotations: [] } }, version }, null, 2),
      'stacks/defender-integration/cdk.tf.json': JSON.stringify(stack(version), null, 2),
      ...overrides,
    };
    return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined));
  };
  const compare = (left: SynthOutput, right: SynthOutput) =>
    compareSynthOutputs({ engine: ENGINES.cdktf, output: left }, { engine: ENGINES.cdktn, output: right });

  test('outputs that differ only in each engine version and in formatting are the same', () => {
    const cdktnFormatting = output('0.24.0', {
      'stacks/defender-integration/cdk.tf.json': JSON.stringify(stack('0.24.0')).replace('"tags":{}', '"tags":{\n}'),
    });
    expect(compare(output('0.21.0'), cdktnFormatting)).toEqual([]);
  });

  test('a changed attribute is reported with its path and both values', () => {
    const changed = output('0.24.0', { 'stacks/defender-integration/cdk.tf.json': JSON.stringify(stack('0.24.0', 8)) });
    expect(compare(output('0.21.0'), changed)).toEqual([
      'stacks/defender-integration/cdk.tf.json: resource.azurerm_eventhub.hub.partition_count: 4 from cdktf 0.21.0, 8 from cdktn 0.24.0',
    ]);
  });

  test('only the version key is ignored, and it must hold the engine that wrote it', () => {
    const metadata = stack('0.21.0') as any;
    metadata['//'].metadata.backend = 'azurerm';
    const right = output('0.21.0', { 'stacks/defender-integration/cdk.tf.json': JSON.stringify(metadata) });
    expect(compare(output('0.21.0'), right)).toEqual([
      'manifest.json: version = "0.21.0" from cdktn 0.24.0, expected "0.24.0"',
      'stacks/defender-integration/cdk.tf.json: //.metadata.version = "0.21.0" from cdktn 0.24.0, expected "0.24.0"',
      'stacks/defender-integration/cdk.tf.json: //.metadata.backend: "local" from cdktf 0.21.0, "azurerm" from cdktn 0.24.0',
    ]);
  });

  test('a file only one engine wrote, or one that is not JSON, is reported', () => {
    const right = output('0.24.0', {
      'manifest.json': '{',
      'stacks/defender-integration/cdk.tf.json': undefined,
      'stacks/x/cdk.tf.json': '{}',
    });
    expect(compare(output('0.21.0'), right)).toEqual([
      expect.stringMatching(/^manifest\.json: not JSON as written by cdktn 0\.24\.0 \(/),
      'stacks/defender-integration/cdk.tf.json: only written by cdktf 0.21.0',
      'stacks/x/cdk.tf.json: only written by cdktn 0.24.0',
    ]);
  });

  test('a file with many differences is reported in a bounded number of lines', () => {
    const many = (offset: number) => JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i + offset])));
    const lines = compare({ 'a.json': many(0) }, { 'a.json': many(1) });
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('a.json: k0: 0 from cdktf 0.21.0, 1 from cdktn 0.24.0');
    expect(lines[20]).toBe('a.json: ... and 10 more differences');
  });
});
