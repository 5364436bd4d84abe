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

test('on: the second parse of the same text is read from the cache', async () => {
  cacheParsedHcl(dir);
  await expect(parseHcl('a.tfvars', 'eventhub_partition_count = 4\n')).resolves.toEqual({ eventhub_partition_count: 4 });
  const [entry] = readdirSync(dir);
  expect(readdirSync(dir)).toEqual([entry]);
  expect(JSON.parse(readFileSync(path.join(dir, entry), 'utf8'))).toEqual({ eventhub_partition_count: 4 });
  writeFileSync(path.join(dir, entry), JSON.stringify({ eventhub_partition_count: 8 }));
  await expect(parseHcl('b.tfvars', 'eventhub_partition_count = 4\n')).resolves.toEqual({ eventhub_partition_count: 8 });
  await expect(parseHcl('b.tfvars', 'eventhub_partition_count = 5\n')).resolves.toEqual({ eventhub_partition_count: 5 });
});

test('invalid HCL is rejected as the parser rejects it, and not cached', async () => {
  cacheParsedHcl(dir);
  await expect(parseHcl('bad.tfvars', 'client_name = "unterminated\n')).rejects.toThrow();
  expect(readdirSync(dir)).toEqual([]);
});
