import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheParsedHcl, parseHcl } from '../../../lib/guide/config/hcl-cache';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hcl-cache-'));
});
afterEach(() => {
  cacheParsedHcl(undefined);
  rmSync(dir, { recursive: true, force: true });
});

test('off by default: parses and writes nothing', async () => {
  await expect(parseHcl('a.tfvars', 'client_name = "Acme"\n')).resolves.toEqual({ client_name: 'Acme' });
  expect(readdirSync(dir)).toEqual([]);
});

// a list is more than the simple reader takes (hcl-simple.ts): these texts go to HashiCorp's parser
const LIST = 'allowed_ip_ranges = ["203.0.113.0/24"]\n';

test('on: the second parse of the same text is read from the cache', async () => {
  cacheParsedHcl(dir);
  await expect(parseHcl('a.tfvars', LIST)).resolves.toEqual({ allowed_ip_ranges: ['203.0.113.0/24'] });
  const [entry] = readdirSync(dir);
  expect(readdirSync(dir)).toEqual([entry]);
  expect(JSON.parse(readFileSync(path.join(dir, entry), 'utf8'))).toEqual({ allowed_ip_ranges: ['203.0.113.0/24'] });
  writeFileSync(path.join(dir, entry), JSON.stringify({ allowed_ip_ranges: ['cached'] }));
  await expect(parseHcl('b.tfvars', LIST)).resolves.toEqual({ allowed_ip_ranges: ['cached'] });
  await expect(parseHcl('b.tfvars', LIST.replace('24', '25'))).resolves.toEqual({ allowed_ip_ranges: ['203.0.113.0/25'] });
});

test('a file of plain lines is read without the parser, and so never cached', async () => {
  cacheParsedHcl(dir);
  await expect(parseHcl('a.tfvars', 'eventhub_partition_count = 4\n')).resolves.toEqual({ eventhub_partition_count: 4 });
  expect(readdirSync(dir)).toEqual([]);
});

test('invalid HCL is rejected as the parser rejects it, and not cached', async () => {
  cacheParsedHcl(dir);
  await expect(parseHcl('bad.tfvars', 'client_name = "unterminated\n')).rejects.toThrow();
  expect(readdirSync(dir)).toEqual([]);
});
