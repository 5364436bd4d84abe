/**
 * Every ```ts block of help/constructs.md compiles against the library, in strict TypeScript, the way
 * a reader pastes it: `xdr-defender-eventhub` and its subpaths resolve to the sources, the providers
 * and cdktf to node_modules. A renamed prop or a wrong example fails here rather than in a reader's editor.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/** The ```ts blocks of a page, in order. */
function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

test("help/constructs.md's TypeScript examples type-check against the library", () => {
  const blocks = typescriptBlocks(readFileSync(path.join(ROOT, 'help/constructs.md'), 'utf8'));
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  const dir = mkdtempSync(path.join(tmpdir(), 'constructs-examples-'));
  try {
    // Each block is its own module, so two examples may declare the same names.
    const files = blocks.map((block, i) => {
      const file = path.join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${block}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      baseUrl: ROOT,
      paths: {
        'xdr-defender-eventhub': ['lib/index.ts'],
        'xdr-defender-eventhub/validation': ['lib/validation.ts'],
        'xdr-defender-eventhub/guide': ['lib/guide/index.ts'],
        '*': ['node_modules/*'],
      },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
      .map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        const name = d.file ? path.basename(d.file.fileName) : '';
        return `${name}:${where ? where.line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
