/**
 * Issue 21's settings findings through the real app (cdktf.json's command in a child process, in a
 * project folder of its own): a refused input exits 1 with one line and writes nothing, and a user
 * map's every key reaches the synthesized JSON. The runs start together in beforeAll.
 */
import { exec } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SUBSCRIPTION, TENANT } from '../../helpers';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const APP = `node -r ${path.join(ROOT, 'bin', 'transpile-cache.js')} ${path.join(ROOT, 'main.ts')}`;
const IDS = `azure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n`;

interface Run {
  readonly code: number;
  readonly stderr: string;
  readonly project: string;
}

let work: string;

/** One project folder: a terraform.tfvars, the files given, then the app run in it. */
function runIn(name: string, files: Record<string, string>, links: Record<string, string> = {}): Promise<Run> {
  const project = path.join(work, name);
  mkdirSync(project);
  writeFileSync(path.join(project, 'terraform.tfvars'), IDS);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  for (const [link, target] of Object.entries(links)) symlinkSync(target, path.join(project, link));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XDR_') && !k.startsWith('CDKTF_')));
  return new Promise((resolve) => {
    exec(APP, { cwd: project, env: { ...clean, CHECKPOINT_DISABLE: '1' } }, (error, _stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stderr, project }),
    );
  });
}

const errorLines = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('Error: '));
const wroteNothing = (r: Run) => !existsSync(path.join(r.project, 'cdktf.out'));

const runs: Record<string, Run> = {};

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'hostile-app-'));
  const [dangling, empty, tags, proto, tenants, lookalike] = await Promise.all([
    runIn('dangling', {}, { 'xdr.tfvars': path.join(work, 'unmounted', 'xdr.tfvars') }),
    runIn('empty', { 'xdr.tfvars': 'tfvars = ""\nalert_email = "soc@example.com"\n' }),
    runIn('tags', { 'xdr.tfvars': 'alert_email = "soc@example.com"\ntags = {\n  constructor = "c"\n  toString = "t"\n}\n' }),
    runIn('proto', { 'xdr.tfvars': 'tags = {\n  "__proto__" = "p"\n  owner = "soc"\n}\n' }),
    runIn('tenants', {
      'xdr.tfvars': 'tfvars = "tenants"\n',
      'tenants/acme.tfvars': `${IDS}client_name = "Acme"\n`,
      'tenants/terraform.tfvars': `${IDS}client_name = "Everyone"\n`,
    }),
    runIn('lookalike', { 'xdr.tfvars': 'alert_email = "soc@ex\u0430mple.com"\n' }),
  ]);
  Object.assign(runs, { dangling, empty, tags, proto, tenants, lookalike });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a settings path that is a dangling link stops the synth: no run without the settings', () => {
  expect(runs.dangling.code).toBe(1);
  expect(errorLines(runs.dangling)).toEqual([expect.stringMatching(/^Error: xdr\.tfvars: is a symbolic link to .*, which does not exist/)]);
  expect(wroteNothing(runs.dangling)).toBe(true);
});

test('an empty path setting stops the synth before any folder is read as tenants', () => {
  expect(runs.empty.code).toBe(1);
  expect(errorLines(runs.empty)).toEqual([expect.stringMatching(/^Error: xdr\.tfvars: tfvars = "": names no file or folder/)]);
  expect(wroteNothing(runs.empty)).toBe(true);
});

test('a user map reaches every resource with every key, constructor and toString included', () => {
  expect(runs.tags.code).toBe(0);
  expect(runs.tags.stderr).toMatch(/^defender-integration will deploy .*; 2 tags$/m);
  const stack = JSON.parse(
    readFileSync(path.join(runs.tags.project, 'cdktf.out', 'stacks', 'defender-integration', 'cdk.tf.json'), 'utf8'),
  );
  const tagged = Object.entries(stack.resource as Record<string, Record<string, any>>).flatMap(([type, resources]) =>
    Object.values(resources)
      .filter((r) => r.tags !== undefined)
      .map((r) => [type, r.tags] as const),
  );
  // the namespace, the resource group, the action group and the metric alerts; the application as "name=value"
  expect(tagged.length).toBeGreaterThanOrEqual(4);
  for (const [type, tags] of tagged) {
    if (type === 'azuread_application') expect(tags).toEqual(['constructor=c', 'toString=t']);
    else expect(tags).toEqual({ constructor: 'c', toString: 't' });
  }
});

test("a tag name JavaScript's objects cannot hold is refused, never counted and dropped", () => {
  expect(runs.proto.code).toBe(1);
  expect(errorLines(runs.proto)).toEqual([expect.stringMatching(/^Error: xdr\.tfvars: tags name = "__proto__": cannot be written/)]);
  expect(wroteNothing(runs.proto)).toBe(true);
});

test('a file Terraform reads by itself in a tenants folder stops the synth, never becomes a tenant', () => {
  expect(runs.tenants.code).toBe(1);
  expect(errorLines(runs.tenants)).toEqual([expect.stringMatching(/^Error: tenants\/terraform\.tfvars: is not a tenant file/)]);
  expect(wroteNothing(runs.tenants)).toBe(true);
});

test('a look-alike alert address stops the synth, naming the letter', () => {
  expect(runs.lookalike.code).toBe(1);
  expect(errorLines(runs.lookalike)).toEqual([expect.stringContaining('holds U+0430 CYRILLIC SMALL LETTER A among Latin letters')]);
  expect(wroteNothing(runs.lookalike)).toBe(true);
});
