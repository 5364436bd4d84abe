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

/** The ```ts blocks of a page, in order, each with the page line its code starts on. */
function typescriptBlocks(markdown: string): { code: string; firstLine: number }[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
    code: match[1],
    firstLine: markdown.slice(0, match.index).split('\n').length + 1,
  }));
}

test("help/constructs.md's TypeScript examples type-check against the library", () => {
  const blocks = typescriptBlocks(readFileSync(path.join(ROOT, 'help/constructs.md'), 'utf8'));
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  const dir = mkdtempSync(path.join(tmpdir(), 'constructs-examples-'));
  try {
    // Each block is its own module, so two examples may declare the same names.
    const files = blocks.map(({ code }, i) => {
      const file = path.join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      // tsconfig.json's library: the target's default adds the DOM's declarations (lib.dom.d.ts, 1.9 MB),
      // which no example uses and which took about a second to parse and bind
      lib: ['lib.es2020.d.ts'],
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
    // The examples alone are checked, not every file of the program: the library is npm run
    // typecheck's, and its problems were dropped here anyway. Checking all of it cost about a second.
    const message = (d: ts.Diagnostic) => ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const problems = [
      ...[...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(message),
      ...files.flatMap((file, i) => {
        const source = program.getSourceFile(file);
        if (source === undefined) return [`example-${i + 1}.ts: not in the program`];
        return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
          const line = blocks[i].firstLine + source.getLineAndCharacterOfPosition(d.start ?? 0).line;
          return `help/constructs.md:${line}: ${message(d)}`;
        });
      }),
    ];
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
