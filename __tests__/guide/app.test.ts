import { spawnSync } from 'child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { synthesizeAtomically } from '../../lib/guide/app';
import { fileTree } from '../helpers';

let parent: string;
let outdir: string;
beforeEach(() => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'atomic-'));
  outdir = path.join(parent, 'cdktf.out');
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

function stacks(app: App, names: string[], value: string): void {
  for (const name of names) new TerraformOutput(new TerraformStack(app, name), 'marker', { value });
}

function marker(stack: string): string {
  return JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).output.marker.value;
}

/**
 * Everything beside the output folder but the one generation it links to and the spare (the previous
 * output without working files, which the next synth writes into: __tests__/guide/fs/output.test.ts).
 */
const leftovers = () => {
  const live = lstatSync(outdir, { throwIfNoEntry: false })?.isSymbolicLink() ? readlinkSync(outdir) : undefined;
  return readdirSync(parent).filter((n) => n !== 'cdktf.out' && n !== live && !/^\.xdr-[0-9a-f]{8}\.s$/.test(n));
};

describe('synthesizeAtomically', () => {
  test('writes a fresh output and leaves no staging folder', () => {
    synthesizeAtomically(outdir, (app) => stacks(app, ['one', 'two'], 'v1'));
    expect(marker('one')).toBe('v1');
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['one', 'two']);
    expect(leftovers()).toEqual([]);
  });

  describe('a failed synth leaves the previous output byte for byte', () => {
    beforeEach(() => synthesizeAtomically(outdir, (app) => stacks(app, ['one', 'two'], 'v1')));

    test('when building the stacks throws halfway', () => {
      const before = fileTree(outdir, 'base64');
      expect(() =>
        synthesizeAtomically(outdir, (app) => {
          stacks(app, ['one'], 'v2');
          throw new Error('construct refused its props');
        }),
      ).toThrow('construct refused its props');
      expect(fileTree(outdir, 'base64')).toEqual(before);
      expect(leftovers()).toEqual([]);
    });

    test('when cdktf fails during synth, after some stacks were written', () => {
      const before = fileTree(outdir, 'base64');
      expect(() =>
        synthesizeAtomically(outdir, (app) => {
          stacks(app, ['one', 'two'], 'v2');
          app.node.addValidation({ validate: () => ['the app is invalid'] });
        }),
      ).toThrow(/the app is invalid/);
      expect(fileTree(outdir, 'base64')).toEqual(before);
      expect(leftovers()).toEqual([]);
    });
  });

  test("a successful synth replaces synthesized files, keeps Terraform's working files and drops stale stacks", () => {
    synthesizeAtomically(outdir, (app) => stacks(app, ['kept', 'dropped'], 'v1'));
    const providers = path.join(outdir, 'stacks', 'kept', '.terraform');
    mkdirSync(providers);
    writeFileSync(path.join(providers, 'plugin'), 'terraform init wrote this');
    writeFileSync(path.join(outdir, 'stacks', 'kept', '.terraform.lock.hcl'), 'lock');

    synthesizeAtomically(outdir, (app) => stacks(app, ['kept', 'added'], 'v2'));
    expect(marker('kept')).toBe('v2');
    expect(marker('added')).toBe('v2');
    expect(readFileSync(path.join(providers, 'plugin'), 'utf8')).toBe('terraform init wrote this');
    expect(existsSync(path.join(outdir, 'stacks', 'kept', '.terraform.lock.hcl'))).toBe(true);
    expect(existsSync(path.join(outdir, 'stacks', 'dropped'))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks).sort()).toEqual(['added', 'kept']);
    expect(leftovers()).toEqual([]);
  });

  test('run by cdktf synth, leaves a stale stack an empty folder for cdktf to prune', () => {
    synthesizeAtomically(outdir, (app) => stacks(app, ['kept', 'dropped'], 'v1'));
    const cli = { SYNTH_HCL_OUTPUT: 'false', CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' };
    synthesizeAtomically(outdir, (app) => stacks(app, ['kept'], 'v2'), cli);
    expect(readdirSync(path.join(outdir, 'stacks', 'dropped'))).toEqual([]);
  });

  test('removes the generation an interrupted synth left behind', () => {
    synthesizeAtomically(outdir, (app) => stacks(app, ['one'], 'v0'));
    const dead = spawnSync('true').pid; // a pid that has exited
    const abandoned = path.join(parent, `${readlinkSync(outdir).split('.g')[0]}.g${dead.toString(36)}-x`);
    mkdirSync(path.join(abandoned, 'stacks'), { recursive: true });
    synthesizeAtomically(outdir, (app) => stacks(app, ['one'], 'v1'));
    expect(existsSync(abandoned)).toBe(false);
    expect(marker('one')).toBe('v1');
  });
});

test('refuses an output folder that is the working folder or contains it, before touching anything', () => {
  for (const folder of [process.cwd(), path.dirname(process.cwd()), '.']) {
    expect(() => synthesizeAtomically(folder, () => undefined)).toThrow(/must be a folder of its own, not the working folder/);
  }
  expect(existsSync(path.join(process.cwd(), 'package.json'))).toBe(true);
});
