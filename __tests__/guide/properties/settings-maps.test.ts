/**
 * The settings file's maps (issue 21): random tags, with keys that name JavaScript's own properties
 * (`__proto__`, `constructor`, `toString`…) among ordinary ones, given as HCL, as JSON or as XDR_TAGS,
 * read by the real reader and synthesized. Every key either reaches every tagged resource of the JSON
 * Terraform reads, with its value, and is counted in the summary, or the settings are refused with a
 * line about it; which of the two is computed here from Azure's and the hygiene rule's limits, not
 * read back from the code under test.
 */
import fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addGuideStacks } from '../../../lib/guide/app';
import { loadDeploymentSettings } from '../../../lib/guide/config/settings-file';
import { stackSummaries } from '../../../lib/guide/summary';
import { guideVariables } from '../../helpers';

jest.setTimeout(120_000);

/** Characters from `usual`, and now and then one of `rare` (those that open a template or Azure refuses). */
const mostly = (usual: string, rare: string) =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...usual.split('')) }, { weight: 1, arbitrary: fc.constantFrom(...rare.split('')) });
const OWN_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype', 'length'];
const key = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...OWN_NAMES) },
  { weight: 3, arbitrary: fc.string({ unit: mostly('ab_- \u0435', '$%{}<'), minLength: 1, maxLength: 6 }) },
);
const value = fc.string({ unit: mostly('xy ', '$%{}'), maxLength: 5 });
const tagEntries = fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, minLength: 1, maxLength: 5 });
const source = fc.constantFrom('hcl', 'json', 'environment');

/** Whether Azure's tag limits or the hygiene rule refuse these tags, or cdktf could not carry one of them. */
function refused(entries: ReadonlyArray<readonly [string, string]>): boolean {
  const template = /[$%]\{/;
  const lower = entries.map(([name]) => name.toLowerCase());
  return (
    entries.some(
      ([name, text]) => name === '__proto__' || name === '' || /[<>%&\\?/]/.test(name) || template.test(name) || template.test(text),
    ) || new Set(lower).size < lower.length
  );
}

function hclString(text: string): string {
  // JSON's escapes are HCL's; a `${` or `%{` in HCL would open a template, so it is written as HCL's `$${` / `%%{`
  return JSON.stringify(text).replace(/([$%])\{/g, '$1$1{');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'settings-maps-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('every tag key reaches every tagged resource with its value, or the settings are refused', async () => {
  let accepted = 0;
  let run = 0;
  await fc.assert(
    fc.asyncProperty(tagEntries, source, async (entries, given) => {
      const file = path.join(dir, `xdr-${run++}.tfvars${given === 'json' ? '.json' : ''}`);
      const tags = Object.fromEntries(entries); // own properties, __proto__ included (fromEntries defines them)
      let env: Record<string, string> = { XDR_SETTINGS: file };
      if (given === 'hcl')
        writeFileSync(file, `tags = {\n${entries.map(([n, v]) => `  ${hclString(n)} = ${hclString(v)}`).join('\n')}\n}\n`);
      else if (given === 'json') writeFileSync(file, JSON.stringify({ tags }));
      else {
        writeFileSync(file, '');
        env = { ...env, XDR_TAGS: JSON.stringify(tags) };
      }
      const read = await loadDeploymentSettings(env);
      expect(read.settings === undefined).toBe(refused(entries));
      if (read.settings === undefined) {
        expect(read.errors).toEqual(expect.arrayContaining([expect.stringMatching(/(tags|XDR_TAGS)( name|\[)/)]));
        return;
      }
      accepted++;
      const expected = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
      const variables = guideVariables();
      const summaries = stackSummaries([{ file: 'terraform.tfvars', variables, warnings: [] }], read.settings);
      for (const line of summaries) expect(line).toMatch(new RegExp(`; ${entries.length} tags?$`));

      const app = Testing.app();
      addGuideStacks(app, variables, { ...read.settings, alertEmail: 'soc@example.com' });
      for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
        const json = JSON.parse(Testing.synth(stack));
        for (const [type, resources] of Object.entries(json.resource as Record<string, Record<string, any>>)) {
          for (const resource of Object.values(resources)) {
            if (type === 'azuread_application') {
              expect([...resource.tags].sort()).toEqual(expected.map(([n, v]) => (v === '' ? n : `${n}=${v}`)).sort());
            } else if (resource.tags !== undefined) {
              // own entries of the parsed JSON: a key named __proto__ would be one too
              expect(Object.entries(resource.tags).sort(([a], [b]) => (a < b ? -1 : 1))).toEqual(expected);
            }
          }
        }
      }
    }),
    { numRuns: 40 },
  );
  // the inputs must often be accepted, or the property would hold vacuously
  expect(accepted).toBeGreaterThan(10);
});
