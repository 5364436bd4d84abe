/**
 * `npm run values` prints values read from a Terraform state, which anyone who can write the state
 * file (or the storage blob) controls. Property: no line it prints, human or --json, on stdout or
 * stderr, carries a control or bidi character from the state, and a value with a line break cannot
 * forge a line (`Error: ...`): every value stays on the line of its label.
 */
import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import fc from 'fast-check';
import { addTenantStacks } from '../../../lib/guide/app';
import { readDeploymentSettings } from '../../../lib/guide/config/settings';
import { run } from '../../../lib/guide/values/cli';
import { guideVariables } from '../../helpers';

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const OUTPUTS = [
  'tenant_id',
  'client_id',
  'client_secret',
  'event_hub_namespace_name',
  'event_hub_namespace_resource_id',
  'event_hub_name',
  'consumer_group_name',
  'shared_access_policy_name',
  'shared_access_policy_key',
  'azure_consent_url',
];
const RESOURCES = [{ mode: 'managed', type: 'azurerm_eventhub_namespace', name: 'x', instances: [] }];

let root: string;
let outdir: string;
const stateFile = () => path.join(root, 'terraform.defender-integration.tfstate');

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'values-property-'));
  outdir = path.join(root, 'cdktf.out');
  const app = new App({ outdir, stackTraces: false });
  addTenantStacks(
    app,
    [{ name: undefined, file: 't.tfvars', variables: guideVariables(), warnings: [] }],
    readDeploymentSettings({}).settings!,
  );
  app.synth();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeState(values: Record<string, unknown>): void {
  const outputs = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, type: 'string', sensitive: name.includes('secret') }]),
  );
  writeFileSync(stateFile(), JSON.stringify({ version: 4, serial: 1, lineage: 'l', outputs, resources: RESOURCES }));
}

async function values(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['--output', outdir, ...argv], { out: (t) => (out += t), err: (t) => (err += t), outIsTerminal: true }, {});
  return { code, out, err };
}

/** Text with the characters that attack a terminal, and line breaks that try to forge an `Error:` line. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('\n', '\r', '\r\n', '\u2028', '\u0085', '\u001b[2J', '\u001b]0;x\u0007', '\u202e'),
      fc.string({ maxLength: 8 }),
    )
    .map(([a, attack, b]) => `${a}${attack}Error: forged${b}`),
);

test('property: no line of npm run values (human and --json) carries a control or bidi character from the state, and no value forges a line', async () => {
  const plain = Object.fromEntries(OUTPUTS.map((name) => [name, 'x']));
  writeState(plain);
  const baseline = await values();
  const baselineLines = baseline.out.split('\n').length;
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom(...OUTPUTS), hostile), hostile, async (chosen, otherName) => {
      const state = { ...plain, ...chosen, [`other_${otherName}`]: otherName };
      writeState(state);
      const human = await values();
      const json = await values('--json');
      for (const text of [human.out, human.err, json.out, json.err]) {
        for (const line of text.split('\n')) expect(line).not.toMatch(UNSAFE);
      }
      // one line per value: the baseline's lines plus the "Other outputs" block (blank, title, the one line)
      expect(human.out.split('\n').length).toBe(baselineLines + 3);
      expect(human.out).not.toMatch(/^Error: forged/m);
      // and --json still holds every value exactly as the state has it
      expect(JSON.parse(json.out).stacks[0].outputs[`other_${otherName}`].value).toBe(otherName);
      for (const [name, value] of Object.entries(chosen)) expect(JSON.parse(json.out).stacks[0].outputs[name].value).toBe(value);
    }),
    { numRuns: 60 },
  );
});

test('the real command: escape sequences and a forged Error: line in a state reach the terminal escaped', async () => {
  writeState({ ...Object.fromEntries(OUTPUTS.map((name) => [name, 'x'])), client_secret: 's\u001b]0;pwned\u0007\nError: forged\u202e' });
  const root_ = path.resolve(__dirname, '../../..');
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) =>
    execFile(
      process.execPath,
      ['-r', './bin/transpile-cache.js', 'bin/values.ts', '--output', outdir],
      { cwd: root_ },
      (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? Number(error.code) : 0 }),
    ),
  );
  expect([code, stderr]).toEqual([0, '']);
  expect(stdout).toMatch(
    /\n {4}Client Secret +s\\u001b\]0;pwned\\u0007\\nError: forged\\u202e {2}\(shown escaped: the value holds control or invisible characters\)\n/,
  );
  expect(stdout).not.toMatch(UNSAFE);
});
