/**
 * Messages about a tfvars file that must not mislead or flood, and file system errors on the inputs
 * as one line naming the path: every user-supplied string (file names and paths too) escaped.
 */
import * as fs from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadTenants } from '../../../lib/guide/config/tenants';
import { loadGuideVariables } from '../../../lib/guide/config/tfvars';
import { problemsOf } from '../../helpers';

// readFileSync and readdirSync fail on demand below: the tests run as root, who is never denied access
jest.mock('fs', () => {
  const real = jest.requireActual<typeof fs>('fs');
  return { ...real, readFileSync: jest.fn(real.readFileSync), readdirSync: jest.fn(real.readdirSync) };
});

const IDS = 'azure_tenant_id = "11111111-2222-3333-4444-555555555555"\nazure_subscription_id = "66666666-7777-8888-9999-000000000000"\n';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(join(tmpdir(), 'messages-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const full = join(dir, name);
  fs.mkdirSync(join(full, '..'), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

const tfvars = (text: string) => problemsOf(loadGuideVariables(file('t.tfvars', text)));
const HIDDEN = /[\u0000-\u001f\u007f\u2028\u2029\u202e\u3164]/;

describe('tfvars messages', () => {
  test('an unquoted word says to put it in quotes, never that the user typed "${"', async () => {
    expect(await tfvars(`${IDS}azure_region = eastus\n`)).toEqual([
      `${join(dir, 't.tfvars')}: azure_region: the value eastus is not in quotes; write azure_region = "eastus" (without quotes HCL reads a word as an expression, not as text)`,
    ]);
  });

  test("an unbalanced quote prints HCL's first diagnostic with its line and column, once", async () => {
    const [line, ...rest] = await tfvars('client_name = "abc\nazure_region = "eastus"\n');
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /t\.tfvars: is not valid HCL: line 1, column 19: Invalid multi-line string; Quoted strings may not be split over multiple lines\..* \(and 2 more the parser found after it\)$/,
    );
    expect(line.match(/Invalid multi-line string/g)).toHaveLength(1);
    expect(line.length).toBeLessThan(400);
  });

  test('20,000 unknown variables list the first 20 and count the rest', async () => {
    const lines = await tfvars(Array.from({ length: 20_000 }, (_, i) => `unknown_${i} = 1`).join('\n'));
    expect(lines).toHaveLength(21);
    expect(lines[20]).toMatch(/: 19980 more variables that are not the guide's are not listed \(20000 in all\); is this the right file\?$/);
    expect(lines.join('\n').length).toBeLessThan(10_000);
  });

  test('a did-you-mean whose difference is invisible shows the name escaped', async () => {
    expect(await tfvars(`${IDS}client_name\u3164 = "Acme"\n`)).toEqual([
      `${join(dir, 't.tfvars')}: "client_name\\u3164" = "Acme": is not a variable of the guide's terraform.tfvars; did you mean "client_name"?`,
    ]);
  });

  test.each([
    ['UTF-16 LE with a byte order mark', Buffer.from(`\ufeff${IDS}`, 'utf16le')],
    ['UTF-16 BE with a byte order mark', Buffer.from(`\ufeff${IDS}`, 'utf16le').swap16()],
    ['UTF-16 LE without one', Buffer.from(IDS, 'utf16le')],
  ])('%s says to save the file as UTF-8', async (_, bytes) => {
    expect(await tfvars(bytes as unknown as string)).toEqual([
      expect.stringMatching(/t\.tfvars: is UTF-16 text \(what Windows PowerShell 5 writes by default\); save it as UTF-8/),
    ]);
  });

  test('a region code Azure does not have is refused with a did-you-mean; a real one outside the guide list is a warning', async () => {
    expect(await tfvars(`${IDS}azure_region = "westeuope"\n`)).toEqual([
      `${join(dir, 't.tfvars')}: azure_region = "westeuope": is not an Azure public-cloud region; did you mean "westeurope" (West Europe)?`,
    ]);
    const loaded = await loadGuideVariables(file('ok.tfvars', `${IDS}azure_region = "japaneast"\n`));
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/azure_region = "japaneast" is outside the US and EU regions the guide supports/),
    ]);
  });
});

describe('file and folder names in messages are escaped', () => {
  test('a tenant file name with a newline and an ESC cannot print a line of its own', async () => {
    file('t/acme.tfvars', `${IDS}client_name = "Acme"\n`);
    file('t/evil\n\u001b[2KError: forged.tfvars', `${IDS}client_name = "Evil"\n`);
    const problems = await problemsOf(loadTenants(join(dir, 't'), {}));
    expect(problems).toEqual([
      expect.stringContaining(
        `evil\\n\\u001b[2KError: forged.tfvars": file name = "evil\\n\\u001b[2KError: forged": a tenant file name must be`,
      ),
    ]);
    for (const line of problems) expect(line).not.toMatch(HIDDEN);
  });

  test('an XDR_TFVARS path with a newline and an ESC is shown escaped, first on its line', async () => {
    const path = file('in\n\u001b[31mdir/terraform.tfvars', `${IDS}client_name = "bad name"\n`);
    const problems = await problemsOf(loadTenants(path, {}));
    expect(problems).toEqual([
      `${JSON.stringify(path).replace('\u001b', '\\u001b')}: client_name = "bad name": must be letters, digits and hyphens only, with no whitespace, and not empty`,
    ]);
    const missing = await problemsOf(loadTenants(join(dir, 'no\u202ewhere.tfvars'), {}));
    expect(missing).toEqual([expect.stringMatching(/^".*no\\u202ewhere\.tfvars": no such file or folder/)]);
  });
});

describe('file system errors on the inputs are one line naming the path', () => {
  const failing = (code: string) => () => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };

  test('an unreadable tfvars file (EACCES, simulated: the tests run as root)', async () => {
    const path = file('terraform.tfvars', IDS);
    jest.mocked(fs.readFileSync).mockImplementationOnce(failing('EACCES'));
    expect(await problemsOf(loadGuideVariables(path))).toEqual([
      `${path}: cannot be read: permission denied (EACCES); give your user access (ls -ld each folder on the path, then chmod), or set XDR_TFVARS to the path of your terraform.tfvars or tenants folder`,
    ]);
  });

  test('a read error (EIO)', async () => {
    const path = file('terraform.tfvars', IDS);
    jest.mocked(fs.readFileSync).mockImplementationOnce(failing('EIO'));
    expect(await problemsOf(loadGuideVariables(path))).toEqual([
      `${path}: cannot be read: the disk or network file system reported an input/output error (EIO); check the disk (dmesg, df) and run again`,
    ]);
  });

  test('an unreadable tenants folder (EACCES)', async () => {
    file('t/acme.tfvars', IDS);
    jest.mocked(fs.readdirSync).mockImplementationOnce(failing('EACCES'));
    expect(await problemsOf(loadTenants(join(dir, 't'), {}))).toEqual([
      expect.stringMatching(new RegExp(`^${join(dir, 't')}: cannot be listed: permission denied \\(EACCES\\)`)),
    ]);
  });

  test('an unreadable folder beside terraform.tfvars (where Terraform would look for *.auto.tfvars)', async () => {
    const path = file('terraform.tfvars', IDS);
    jest.mocked(fs.readdirSync).mockImplementationOnce(failing('EACCES'));
    expect(await problemsOf(loadTenants(path, {}))).toEqual([
      expect.stringMatching(new RegExp(`^${dir}: cannot be listed: permission denied`)),
    ]);
  });
});
