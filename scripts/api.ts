/**
 * The public API, as reviewers and readers see it: API Extractor's reports of both entry points
 * (api/*.api.md) and the reference generated from their TSDoc (help/api/). `npm run api` rewrites
 * them; `npm run api:check` (CI) fails when either differs from what the sources give.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules/.cache/api-extractor');
/** Entry point: its API Extractor config, and where its reference pages go under help/api/. */
const ENTRY_POINTS = [
  { config: 'api/api-extractor.json', model: 'library', docs: 'help/api' },
  { config: 'api/api-extractor.validation.json', model: 'validation', docs: 'help/api/validation' },
  { config: 'api/api-extractor.guide.json', model: 'guide', docs: 'help/api/guide' },
];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** The markdown files of a folder (not its subfolders), by name. */
function pages(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, readFileSync(path.join(dir, entry.name), 'utf8')]),
  );
}

function main(check: boolean): void {
  run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', 'dist']);
  const drift: string[] = [];
  for (const entry of ENTRY_POINTS) {
    const result = Extractor.invoke(ExtractorConfig.loadFileAndPrepare(path.join(ROOT, entry.config)), { localBuild: !check });
    if (!result.succeeded)
      drift.push(`${result.extractorConfig.reportFilePath} differs from the API the sources declare (npm run api updates it)`);

    const out = check ? mkdtempSync(path.join(tmpdir(), 'api-docs-')) : path.join(ROOT, entry.docs);
    mkdirSync(out, { recursive: true });
    if (!check) for (const [name] of pages(out)) rmSync(path.join(out, name));
    run(process.execPath, [
      path.join(ROOT, 'node_modules/@microsoft/api-documenter/bin/api-documenter'),
      'markdown',
      '-i',
      path.join(CACHE, entry.model),
      '-o',
      out,
    ]);
    if (check) {
      const expected = pages(path.join(ROOT, entry.docs));
      const actual = pages(out);
      const changed = [...new Set([...expected.keys(), ...actual.keys()])].filter((name) => expected.get(name) !== actual.get(name));
      if (changed.length > 0) drift.push(`${entry.docs}: ${changed.join(', ')} differ from the TSDoc (npm run api regenerates them)`);
      rmSync(out, { recursive: true, force: true });
    }
  }
  if (drift.length > 0) {
    console.error(drift.join('\n'));
    process.exitCode = 1;
  }
}

main(process.argv.includes('--check'));
