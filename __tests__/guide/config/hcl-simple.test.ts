/**
 * The simple-file reader returns exactly what HashiCorp's parser returns, or nothing (the caller then
 * runs the parser): generated tfvars files of plain lines, checked against @cdktf/hcl2json itself.
 */
import { parse } from '@cdktf/hcl2json';
import { readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseSimpleTfvars } from '../../../lib/guide/config/hcl-simple';

// a no-break or em space is no blank to HCL: a file using one must be declined, never read
const blank = fc.constantFrom('', ' ', '\t', '  ', '\u00a0', '\u2003');
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,20}$/);
/** Text a value or a comment may hold: letters of any script, spaces, and HCL's own punctuation. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      'a',
      'Z',
      '0',
      ' ',
      '#',
      '/',
      '$',
      '%',
      '{',
      '}',
      '=',
      '"',
      "'",
      '\\',
      '\t',
      'é',
      'ß',
      '東',
      '😀',
      '\u00a0',
      '\u202e',
      '\u0001',
    ),
    fc.string({ maxLength: 1 }),
  ),
  maxLength: 12,
});
const value = fc.oneof(
  fc
    .tuple(blank, text, blank)
    .map(([before, t, after]) =>
      JSON.stringify(`${before}${t}${after}`).replace(/\\u[0-9a-f]{4}/gi, (escape) => JSON.parse(`"${escape}"`)),
    ),
  fc.integer({ min: -100000, max: 100000 }).map(String),
  fc.tuple(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 4 })).map(([n, digits]) => n.toFixed(digits)),
  fc.constantFrom('true', 'false', '007', '-0', '1e3', '0x10', '[]', 'eastus', '"a" "b"'),
);
const comment = fc.tuple(fc.constantFrom('#', '//'), text).map(([mark, body]) => `${mark}${body.replace(/[\r\n]/g, '')}`);
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(blank, name, blank, blank, value, blank, fc.option(comment))
      .map(([a, n, b, c, v, d, m]) => `${a}${n}${b}=${c}${v}${d}${m ?? ''}`),
  },
  { weight: 1, arbitrary: fc.tuple(blank, comment).map(([a, m]) => `${a}${m}`) },
  { weight: 1, arbitrary: blank },
);
const file = fc
  .tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, newline, final]) => lines.join(newline) + (final ? newline : ''));

async function hcl(source: string): Promise<unknown> {
  try {
    return await parse('input.tfvars', source);
  } catch {
    return 'invalid HCL';
  }
}

test('on generated files, what it returns is what HashiCorp parser returns; it declines the rest', async () => {
  let read = 0;
  await fc.assert(
    fc.asyncProperty(file, async (source) => {
      const simple = parseSimpleTfvars(source);
      if (simple === undefined) return;
      read += 1;
      expect({ ...simple }).toEqual(await hcl(source));
    }),
    { numRuns: 500, seed: 7 },
  );
  // the generator must reach the reader: most generated files are simple ones
  expect(read).toBeGreaterThan(50);
});

test.each([
  ['a repeated name (HCL: "Attribute redefined")', 'a = 1\na = 2\n'],
  ['an escape', 'a = "x\\ny"\n'],
  ['a template', 'a = "${var.x}"\n'],
  ['a directive', 'a = "%{ if true }x%{ endif }"\n'],
  ['a bare word', 'a = eastus\n'],
  ['a list', 'a = ["x"]\n'],
  ['a heredoc', 'a = <<EOT\nx\nEOT\n'],
  ['a block comment', '/* x */\na = 1\n'],
  ['a byte order mark', '\ufeffa = 1\n'],
  ['a no-break space as blank', 'a\u00a0= 1\n'],
  ['a control character in a string', 'a = "x\u0001"\n'],
  ['a number with a leading zero', 'a = 007\n'],
  ['an exponent', 'a = 1e3\n'],
  ['a lone carriage return', 'a = 1\rb = 2\n'],
])('declines %s', (_, source) => {
  expect(parseSimpleTfvars(source)).toBeUndefined();
});

test("the guide's own file is simple, and read as the parser reads it", async () => {
  const shipped = readFileSync(path.join(__dirname, '../../../terraform.tfvars.example'), 'utf8');
  const simple = parseSimpleTfvars(shipped);
  expect(simple).toBeDefined();
  expect({ ...simple }).toEqual(await hcl(shipped));
});
