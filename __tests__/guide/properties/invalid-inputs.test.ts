/**
 * Random invalid tfvars: always refused, every refusal a one-line message that names the variable,
 * never an exception other than InvalidSettingsError, and nothing written.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import { App } from 'cdktf';
import { addGuideStacks } from '../../../lib/guide/app';
import { loadGuideVariables } from '../../../lib/guide/config/tfvars';
import { validateGuideVariables } from '../../../lib/guide/config/variables';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import { brokenTfvars, toHcl } from './arbitraries';

const dir = mkdtempSync(join(tmpdir(), 'invalid-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The app's path from a file to written Terraform: read, validate, then (only then) synthesize. */
async function synthFile(text: string, outdir: string): Promise<void> {
  const file = join(dir, 'terraform.tfvars');
  writeFileSync(file, text);
  const loaded = await loadGuideVariables(file);
  const app = new App({ outdir });
  addGuideStacks(app, loaded.variables);
  app.synth();
}

describe('random invalid tfvars', () => {
  test('are refused, with a one-line message naming the broken variable first', () => {
    fc.assert(
      fc.property(brokenTfvars, ({ raw, culprit }) => {
        const result = validateGuideVariables(raw);
        expect(result.variables).toBeUndefined();
        expect(result.errors.length).toBeGreaterThan(0);
        expect(result.errors.some((line) => line.startsWith(`${culprit} = `))).toBe(true);
        for (const line of result.errors) {
          expect(line).not.toMatch(/[\n\r\u001b\u202e]/);
          expect(line.length).toBeLessThan(400);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('from a file, are refused with InvalidSettingsError alone, and nothing is written', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(brokenTfvars, async ({ raw }) => {
        const outdir = join(dir, `out-${run++}`);
        const error = await synthFile(toHcl(raw), outdir).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidSettingsError);
        expect((error as InvalidSettingsError).stack).toBeDefined();
        expect((error as InvalidSettingsError).problems.every((p) => !p.includes('\n') && !/\bat .+:\d+:\d+/.test(p))).toBe(true);
        expect(existsSync(outdir)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  test('arbitrary text is either read or refused with InvalidSettingsError, never another error', async () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .tuple(fc.constantFrom('client_name', 'eventhub_partition_count', 'x'), fc.string({ maxLength: 20 }))
        .map(([k, v]) => `${k} = ${v}`),
      fc.constantFrom('# c', '// c', '/* c */', '/*', '<<EOT', 'EOT', '{', '}', '[', '"', '${', '%{', '\u0000', '\ufeff'),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 6 }), async (lines) => {
        const outdir = join(dir, `fuzz-${run++}`);
        const error = await synthFile(lines.join('\n'), outdir).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error !== undefined) {
          expect(error).toBeInstanceOf(InvalidSettingsError);
          expect(existsSync(outdir)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});
