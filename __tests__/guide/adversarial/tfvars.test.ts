/**
 * Hostile and odd terraform.tfvars files, read through the real reader (lib/guide/config/tfvars.ts). Each
 * is refused or accepted on purpose; help/guarantees.md lists the decisions.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LoadedVariables, MAX_TFVARS_BYTES, loadGuideVariables } from '../../../lib/guide/config/tfvars';
import { InvalidSettingsError } from '../../../lib/rules/errors';

const dir = mkdtempSync(join(tmpdir(), 'adversarial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

function write(content: string | Buffer): string {
  const path = join(dir, `case-${count++}.tfvars`);
  writeFileSync(path, content);
  return path;
}

async function accepted(content: string | Buffer): Promise<LoadedVariables> {
  return loadGuideVariables(write(content));
}

/** The problems of a refused file, without the file-name prefix; fails on any other outcome. */
async function refused(content: string | Buffer): Promise<string[]> {
  const path = write(content);
  const error = await loadGuideVariables(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidSettingsError);
  const problems = (error as InvalidSettingsError).problems;
  for (const line of problems) {
    expect(line.startsWith(`${path}: `)).toBe(true);
    // One printable line: no line breaks, terminal escapes or bidi overrides echoed back.
    expect(line).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/u);
  }
  return problems.map((line) => line.slice(path.length + 2));
}

const STRING_VARIABLES = [
  'client_name',
  'azure_region',
  'azure_tenant_id',
  'azure_subscription_id',
  'resource_group_name',
  'eventhub_tier',
];
const TEMPLATE_REFUSAL = 'must not contain "${" or "%{": Terraform template sequences are not allowed in these values';
/** A whole value that is one reference is told that nothing evaluates it, with the fix (issue 21). */
const REFERENCE_REFUSAL =
  'must not contain "${" or "%{": nothing evaluates a reference here (no Terraform variable or template, no environment variable); write the value itself';

describe('Terraform template sequences: refused in every string, so nothing is interpolated at apply time', () => {
  test.each(STRING_VARIABLES)('in %s', async (name) => {
    for (const value of ['${var.secret}', 'x${file("/etc/passwd")}', '%{ if true }x%{ endif }', 'a$${b}', 'a%%{b}']) {
      const problems = await refused(`${name} = "${value}"\n`);
      const refusal = value === '${var.secret}' ? REFERENCE_REFUSAL : TEMPLATE_REFUSAL;
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name} = ".*": ${refusal.replace(/[$(){}]/g, '\\$&')}$`))]);
    }
  });

  test('in a heredoc, and as the unquoted expressions the parser turns into templates', async () => {
    expect(await refused('client_name = <<EOT\n${var.x}\nEOT\n')).toEqual([`client_name = "\${var.x}\\n": ${TEMPLATE_REFUSAL}`]);
    expect(await refused('eventhub_partition_count = 2 + 2\n')).toEqual([`eventhub_partition_count = "\${2 + 2}": ${TEMPLATE_REFUSAL}`]);
    expect(await refused('client_name = var.client\n')).toEqual([`client_name = "\${var.client}": ${REFERENCE_REFUSAL}`]);
    expect(await refused('client_name = upper("x")\n')).toEqual([`client_name = "\${upper(\\"x\\")}": ${TEMPLATE_REFUSAL}`]);
  });

  test('but not in comments, which are never values', async () => {
    const loaded = await accepted('# client_name = "${var.x}"\n// %{ if }\n/* ${ */\nclient_name = "Contoso" # ${x}\n');
    expect(loaded.variables.client_name).toBe('Contoso');
  });
});

describe('long values', () => {
  test('a 100,000-character value is refused with a shortened echo', async () => {
    const [problem] = await refused(`client_name = "${'a'.repeat(100_000)}"\n`);
    expect(problem).toBe(
      `client_name = "${'a'.repeat(60)}"… (100000 characters): must be at most 90 characters, the longest any of these variables allows`,
    );
  });

  test('the longest resource group name Azure allows (90) is accepted, 91 refused', async () => {
    expect((await accepted(`resource_group_name = "${'r'.repeat(90)}"\n`)).variables.resource_group_name).toHaveLength(90);
    expect(await refused(`resource_group_name = "${'r'.repeat(91)}"\n`)).toEqual([
      expect.stringMatching(/^resource_group_name = .*: must be at most 90 characters/),
    ]);
  });

  test('a very long unknown variable name is shortened in the message', async () => {
    const [problem] = await refused(`${'v'.repeat(50_000)} = 1\n`);
    expect(problem.length).toBeLessThan(600);
    expect(problem).toMatch(/^"v{60}"… \(50000 characters\) = 1: is not a variable of the guide's terraform.tfvars/);
  });
});

describe('Unicode look-alikes and control characters', () => {
  test('a Cyrillic letter in client_name is refused (the name would not be the one the customer reads)', async () => {
    expect(await refused('client_name = "Сontoso"\n')).toEqual([
      'client_name = "Сontoso": must be letters, digits and hyphens only, with no whitespace, and not empty',
    ]);
    expect(await refused('client_name = "\\u0421ontoso"\n')).toHaveLength(1);
  });

  test('a look-alike variable name is an unknown variable, with the real one suggested', async () => {
    expect(await refused('сlient_name = "Contoso"\n')).toEqual([
      'сlient_name = "Contoso": is not a variable of the guide\'s terraform.tfvars; did you mean "client_name"? The two print alike, but this name holds U+0441 CYRILLIC SMALL LETTER ES where "client_name" has a Latin letter: retype it',
    ]);
  });

  test('fullwidth digits are not numbers, quoted or not', async () => {
    expect(await refused('eventhub_partition_count = "４"\n')).toEqual(['eventhub_partition_count = "４": must be a number']);
    expect(await refused('eventhub_partition_count = ４\n')).toEqual([expect.stringMatching(/^is not valid HCL: .*Invalid character/)]);
  });

  test.each([
    ['escape', 'a\\u001bb', 'U+001B'],
    ['tab', 'a\\tb', 'U+0009'],
    ['NUL', 'a\\u0000b', 'U+0000'],
    ['DEL', 'a\\u007fb', 'U+007F'],
    ['C1 CSI', 'a\\u009bb', 'U+009B'],
    ['bidi override', 'a\\u202eb', 'U+202E'],
    ['zero-width space', 'a\\u200bb', 'U+200B'],
    ['byte order mark', 'a\\ufeffb', 'U+FEFF'],
    ['line separator', 'a\\u2028b', 'U+2028'],
  ])('%s: refused by name, shown as U+FFFD', async (_label, escaped, code) => {
    for (const name of STRING_VARIABLES) {
      expect(await refused(`${name} = "${escaped}"\n`)).toEqual([
        `${name} = "a\uFFFDb": must not contain control or invisible characters (found ${code})`,
      ]);
    }
  });

  test('a raw escape character written straight into the file is refused the same way', async () => {
    expect(await refused('client_name = "a\u001b[31mb"\n')).toEqual([
      'client_name = "a\uFFFD[31mb": must not contain control or invisible characters (found U+001B)',
    ]);
  });

  test('hidden characters in the value of an unknown variable are not echoed either', async () => {
    expect(await refused('note = "a\u202eb"\n')).toEqual([expect.stringMatching(/^note = "a\uFFFDb": is not a variable/)]);
  });
});

describe('file-level oddities', () => {
  test('a duplicate key is refused by the parser, naming the key', async () => {
    expect(await refused('client_name = "a"\nclient_name = "a"\n')).toEqual([
      expect.stringMatching(/^is not valid HCL: .*Attribute redefined; The argument "client_name" was already set/),
    ]);
  });

  test('an empty file, or one of only comments and blank lines, takes the guide defaults (as Terraform would)', async () => {
    for (const text of ['', '\n\n  \n', '# nothing\n// here\n/* at\nall */\n']) {
      const loaded = await accepted(text);
      expect(loaded.variables.client_name).toBe('CustomerName');
      expect(loaded.warnings.join('\n')).toMatch(/azure_tenant_id is the placeholder/);
    }
  });

  test('a binary file is refused before parsing', async () => {
    expect(await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toEqual([
      'is not a text file (it contains NUL bytes)',
    ]);
    expect(await refused(Buffer.from('client_name = "caf\xe9"\n', 'latin1'))).toEqual(['is not valid UTF-8 text; save it as UTF-8']);
  });

  test('a 10 MB file is refused by its size, before it is read', async () => {
    const started = Date.now();
    expect(await refused(Buffer.alloc(10 * 1024 * 1024, '#'))).toEqual([
      `is ${10 * 1024 * 1024} bytes; a terraform.tfvars must be at most ${MAX_TFVARS_BYTES} bytes`,
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a device that never ends (/dev/zero behind a symlink) is not a file', async () => {
    const link = join(dir, 'zero.tfvars');
    symlinkSync('/dev/zero', link);
    const error = await loadGuideVariables(link).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as InvalidSettingsError).problems).toEqual([
      `${link}: is not a regular file; set XDR_TFVARS to the path of your terraform.tfvars or tenants folder`,
    ]);
  });

  test('every HCL comment style, CRLF line ends and a UTF-8 byte order mark are accepted', async () => {
    const loaded = await accepted(
      '\ufeff# hash\r\n// slashes\r\n/* block\r\n spanning */ client_name = "Contoso" // trailing\r\neventhub_partition_count = 8 # trailing\r\n',
    );
    expect([loaded.variables.client_name, loaded.variables.eventhub_partition_count]).toEqual(['Contoso', 8]);
  });

  test('a heredoc is refused: it always ends with a newline, and no value of the guide spans lines', async () => {
    for (const text of ['client_name = <<EOT\nContoso\nEOT\n', 'client_name = <<-EOT\n    Contoso\n    EOT\n']) {
      expect(await refused(text)).toEqual([
        'client_name = "Contoso\uFFFD": must not contain control or invisible characters (found U+000A); a heredoc (<<EOT) always ends with a newline, so write a quoted string',
      ]);
    }
  });

  test("blocks and names from JavaScript's object prototype are unknown variables", async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await refused(`${name} = "x"\n`)).toEqual([
        expect.stringMatching(new RegExp(`^${name} = "x": is not a variable of the guide's terraform.tfvars`)),
      ]);
    }
    expect(await refused('variable "client_name" {\n  default = "x"\n}\n')).toEqual([
      expect.stringMatching(/^variable = .*is not a variable/),
    ]);
  });
});

describe('numbers', () => {
  test('a quoted number is read as Terraform reads it, with a warning', async () => {
    const loaded = await accepted('eventhub_partition_count = "4"\ndata_retention_length = "1.0"\n');
    expect([loaded.variables.eventhub_partition_count, loaded.variables.data_retention_length]).toEqual([4, 1]);
    expect(loaded.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/eventhub_partition_count = "4" is a quoted number; it is read as 4/)]),
    );
  });

  test('quoted numbers other than plain decimals are refused: padded, hexadecimal, exponent, signed, empty', async () => {
    for (const quoted of [' 4', '4 ', '0x10', '1e1', '+4', '4,0', '']) {
      expect(await refused(`eventhub_partition_count = "${quoted}"\n`)).toEqual([
        `eventhub_partition_count = "${quoted}": must be a number`,
      ]);
    }
  });

  test.each([
    ['-4', '-4'],
    ['-0', '0'],
    ['0', '0'],
    ['4.5', '4.5'],
    ['"4.5"', '4.5'],
    ['1e400', 'Infinity'],
    ['33', '33'],
  ])('%s is refused with the allowed range', async (written, shown) => {
    expect(await refused(`eventhub_partition_count = ${written}\n`)).toEqual([
      `eventhub_partition_count = ${shown}: must be a whole number from 1 to 32 on the Standard tier`,
    ]);
  });

  test('4.0 and 4e0 are the number 4, as in Terraform', async () => {
    for (const written of ['4.0', '4e0', '0.4e1']) {
      expect((await accepted(`eventhub_partition_count = ${written}\n`)).variables.eventhub_partition_count).toBe(4);
    }
  });

  test('known gap: a fraction finer than a double can hold is read as the whole number next to it', async () => {
    // The parser hands numbers over as JavaScript doubles; Terraform itself would refuse this one.
    expect((await accepted('eventhub_partition_count = 4.0000000000000000001\n')).variables.eventhub_partition_count).toBe(4);
  });

  test('null is refused, pointing at the default', async () => {
    expect(await refused('eventhub_partition_count = null\nclient_name = null\n')).toEqual([
      'client_name = null: must not be null; remove the line to use the default "CustomerName"',
      'eventhub_partition_count = null: must not be null; remove the line to use the default 4',
    ]);
  });

  test('quoted bools are read as bools; anything else is refused', async () => {
    expect((await accepted('replacement_eventhub = "true"\n')).variables.replacement_eventhub).toBe(true);
    for (const value of ['"yes"', '1', '"1"', '"True"']) {
      expect(await refused(`replacement_eventhub = ${value}\n`)).toEqual([
        expect.stringMatching(/^replacement_eventhub = .*: must be true or false$/),
      ]);
    }
  });
});
