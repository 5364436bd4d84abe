/**
 * The output folder swap on its own, with a writer that stands in for cdktf (it writes a manifest
 * and one file per stack), against real folders: links, modes, file systems, long names and errno.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replaceOutputFolder } from '../../../lib/guide/fs/output';
import { InvalidSettingsError } from '../../../lib/rules/errors';
import { fileTree } from '../../helpers';

// symlinkSync fails on demand below: the tests run as root, who is never denied access
jest.mock('fs', () => {
  const real = jest.requireActual<typeof fs>('fs');
  return {
    ...real,
    symlinkSync: jest.fn(real.symlinkSync),
    accessSync: jest.fn(real.accessSync),
    rmSync: jest.fn(real.rmSync),
    utimesSync: jest.fn(real.utimesSync),
  };
});

const OPTIONS = { staleStacks: 'remove', elsewhere: 'choose another output folder' } as const;

let work: string;
beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'output-'))));
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** A synth of `stacks`, each stack folder holding `file` with `marker`. */
function writer(stacks: string[], marker: string, file = 'cdk.tf.json') {
  return (folder: string): void => {
    fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify({ stacks, marker }));
    for (const stack of stacks) {
      fs.mkdirSync(path.join(folder, 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(folder, 'stacks', stack, file), marker);
    }
  };
}

/** Terraform's working files, as `terraform init` and `plan` leave them. */
function seedWorkingFiles(stackFolder: string): void {
  fs.mkdirSync(path.join(stackFolder, '.terraform', 'providers'), { recursive: true });
  fs.writeFileSync(path.join(stackFolder, '.terraform', 'providers', 'terraform-provider-azurerm'), 'binary');
  fs.symlinkSync('providers/terraform-provider-azurerm', path.join(stackFolder, '.terraform', 'current'));
  fs.writeFileSync(path.join(stackFolder, '.terraform.lock.hcl'), 'lock');
  fs.writeFileSync(path.join(stackFolder, 'plan'), 'cdktf plan file');
  fs.writeFileSync(path.join(stackFolder, 'terraform.tfstate'), '{"version":4}');
}

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const lines = (error as InvalidSettingsError).problems;
    expect(lines).toHaveLength(1);
    return lines[0];
  }
  throw new Error('expected a refusal');
}

const besides = (folder: string) => fs.readdirSync(path.dirname(folder)).filter((n) => n.startsWith('.xdr-'));
/** What a synth leaves beside the output folder: the generation it links to and, from the second synth on, the spare. */
const besidesAfter = (folder: string, synths: number) => {
  const prefix = fs.readlinkSync(folder).split('.g')[0];
  return [fs.readlinkSync(folder), ...(synths > 1 ? [`${prefix}.s`] : [])].sort();
};

test('switching JSON and HCL leaves one format per stack folder and keeps every working file', () => {
  const out = path.join(work, 'cdktf.out');
  replaceOutputFolder(out, writer(['a', 'b'], 'json'), OPTIONS);
  seedWorkingFiles(path.join(out, 'stacks', 'a'));
  replaceOutputFolder(
    out,
    (folder) => {
      writer(['a', 'b'], 'hcl', 'cdk.tf')(folder);
      for (const s of ['a', 'b']) fs.writeFileSync(path.join(folder, 'stacks', s, 'metadata.json'), '{}');
    },
    OPTIONS,
  );
  expect(Object.keys(fileTree(path.join(out, 'stacks', 'a'))).sort()).toEqual(
    [
      '.terraform.lock.hcl',
      '.terraform/current',
      '.terraform/providers/terraform-provider-azurerm',
      'cdk.tf',
      'metadata.json',
      'plan',
      'terraform.tfstate',
    ].sort(),
  );
  expect(fs.readlinkSync(path.join(out, 'stacks', 'a', '.terraform', 'current'))).toBe('providers/terraform-provider-azurerm');
  replaceOutputFolder(out, writer(['a', 'b'], 'json'), OPTIONS);
  expect(fs.readdirSync(path.join(out, 'stacks', 'b'))).toEqual(['cdk.tf.json']);
  expect(fs.readFileSync(path.join(out, 'stacks', 'a', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
  expect(fs.existsSync(path.join(out, 'stacks', 'a', 'cdk.tf'))).toBe(false);
  expect(besides(out).sort()).toEqual(besidesAfter(out, 3)); // the generation the link points to and the spare, nothing else
});

describe('the spare: the previous output, which the next synth writes into', () => {
  const spareOf = (out: string) => path.join(work, `${fs.readlinkSync(out).split('.g')[0]}.s`);

  test('holds no working file, and the next synth overwrites its files instead of creating them', () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a', 'b'], 'v1'), OPTIONS);
    seedWorkingFiles(path.join(out, 'stacks', 'a'));
    replaceOutputFolder(out, writer(['a', 'b'], 'v2'), OPTIONS);
    const spare = spareOf(out);
    // the working files are hard links into the new output: the spare lets go of them
    expect(Object.keys(fileTree(spare)).sort()).toEqual(['manifest.json', 'stacks/a/cdk.tf.json', 'stacks/b/cdk.tf.json']);
    const spareFile = fs.statSync(path.join(spare, 'stacks', 'a', 'cdk.tf.json')).ino;
    replaceOutputFolder(out, writer(['a', 'b'], 'v3'), OPTIONS);
    expect(fs.statSync(path.join(out, 'stacks', 'a', 'cdk.tf.json')).ino).toBe(spareFile);
    expect(fs.readFileSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('v3');
    expect(fs.readFileSync(path.join(out, 'stacks', 'a', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(besides(out).sort()).toEqual(besidesAfter(out, 3));
  });

  test("what the synth writing into it does not write is gone: another format, a stack dropped, the manifest's absence", () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a', 'dropped'], 'json'), OPTIONS);
    replaceOutputFolder(out, writer(['a'], 'json'), OPTIONS);
    replaceOutputFolder(
      out,
      (folder) => {
        fs.mkdirSync(path.join(folder, 'stacks', 'a'), { recursive: true });
        fs.writeFileSync(path.join(folder, 'stacks', 'a', 'cdk.tf'), 'hcl');
      },
      OPTIONS,
    );
    expect(fileTree(out)).toEqual({ 'stacks/a/cdk.tf': 'hcl' });
  });

  test('a spare that cannot be prepared (EPERM, simulated) is replaced by a new folder', () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
    replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS);
    jest.mocked(fs.utimesSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    });
    replaceOutputFolder(out, writer(['a'], 'v3'), OPTIONS);
    expect(fileTree(out)).toEqual({ 'manifest.json': JSON.stringify({ stacks: ['a'], marker: 'v3' }), 'stacks/a/cdk.tf.json': 'v3' });
    expect(besides(out).sort()).toEqual(besidesAfter(out, 3));
  });
});

test('a stack no longer synthesized is removed, unless its folder holds local state: then nothing changes', () => {
  const out = path.join(work, 'cdktf.out');
  replaceOutputFolder(out, writer(['a', 'gone', 'stateful'], 'v1'), OPTIONS);
  fs.writeFileSync(path.join(out, 'stacks', 'stateful', 'terraform.tfstate'), '{"version":4}');
  const before = fileTree(out, 'base64');
  const line = refusal(() => replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS));
  expect(line).toMatch(/stacks\/stateful: stack "stateful" is no longer synthesized, but its folder holds terraform\.tfstate/);
  // cdktf is the project's own (npm ci), not on the PATH: the command runs through npx, as every other line says
  expect(line).toContain('destroy them first (npx cdktf destroy stateful, with the input that still makes the stack; help/removal.md)');
  expect(fileTree(out, 'base64')).toEqual(before);
  expect(besides(out)).toHaveLength(1);

  fs.renameSync(path.join(out, 'stacks', 'stateful', 'terraform.tfstate'), path.join(work, 'saved.tfstate'));
  replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS);
  expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual(['a']);
});

test('a real output folder (from an earlier release) becomes the link once, keeping its mode and working files', () => {
  const out = path.join(work, 'cdktf.out');
  writer(['a'], 'old')(fs.mkdirSync(out, { recursive: true }) ?? out);
  seedWorkingFiles(path.join(out, 'stacks', 'a'));
  fs.chmodSync(out, 0o700);
  replaceOutputFolder(out, writer(['a'], 'new'), OPTIONS);
  expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
  expect(fs.statSync(out).mode & 0o777).toBe(0o700);
  expect(fs.readFileSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('new');
  expect(fs.readFileSync(path.join(out, 'stacks', 'a', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
  replaceOutputFolder(out, writer(['a'], 'newer'), OPTIONS);
  expect(fs.statSync(out).mode & 0o777).toBe(0o700);
});

test('a symlinked output folder stays a link; the linked folder gets the synth and keeps its lock file', () => {
  const real = path.join(work, 'elsewhere', 'out');
  const out = path.join(work, 'project', 'cdktf.out');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  replaceOutputFolder(real, writer(['a'], 'v1'), OPTIONS);
  seedWorkingFiles(path.join(real, 'stacks', 'a'));
  fs.symlinkSync(real, out);
  replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS);
  expect(fs.readlinkSync(out)).toBe(real);
  expect(fs.readFileSync(path.join(real, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('v2');
  expect(fs.readFileSync(path.join(real, 'stacks', 'a', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
  expect(fs.readdirSync(path.dirname(out))).toEqual(['cdktf.out']); // nothing written beside the link
});

const otherFileSystem = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').dev !== fs.statSync(os.tmpdir()).dev;
(otherFileSystem ? test : test.skip)('a link to another file system works: every rename stays beside the linked folder', () => {
  const real = fs.mkdtempSync(path.join('/dev/shm', 'xdr-out-'));
  try {
    const out = path.join(work, 'cdktf.out');
    fs.symlinkSync(real, out);
    replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
    seedWorkingFiles(path.join(out, 'stacks', 'a'));
    replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS);
    expect(fs.readFileSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('v2');
    expect(fs.readFileSync(path.join(out, 'stacks', 'a', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(fs.readdirSync(work)).toEqual(['cdktf.out']);
  } finally {
    fs.rmSync(real, { recursive: true, force: true });
  }
});

test('a 245-character folder name works: what is put beside it has a short name of its own', () => {
  const out = path.join(work, 'o'.repeat(245));
  replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
  replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS);
  expect(fs.readFileSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('v2');
});

test('a killed switch of a real folder is put back by the next synth', () => {
  const out = path.join(work, 'cdktf.out');
  replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
  const prefix = fs.readlinkSync(out).split('.g')[0];
  const real = path.join(work, 'moved-aside');
  fs.renameSync(fs.realpathSync(out), real);
  fs.rmSync(out);
  fs.renameSync(real, path.join(work, `${prefix}.o${(2 ** 22 + 17).toString(36)}`));
  replaceOutputFolder(out, writer(['a'], 'v2'), { ...OPTIONS });
  expect(fs.readFileSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('v2');
  expect(besides(out)).toHaveLength(1);
});

describe('file system errors are one line naming the path, and leave nothing behind', () => {
  test('the output folder is a file (ENOTDIR)', () => {
    const out = path.join(work, 'cdktf.out');
    fs.writeFileSync(out, 'not a folder');
    expect(refusal(() => replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS))).toMatch(
      /cdktf\.out: cannot be the output folder: it is a file \(ENOTDIR\)/,
    );
    expect(fs.readdirSync(work)).toEqual(['cdktf.out']);
  });

  test('its parent is a file (ENOTDIR or EEXIST)', () => {
    fs.writeFileSync(path.join(work, 'parent'), '');
    const line = refusal(() => replaceOutputFolder(path.join(work, 'parent', 'cdktf.out'), writer(['a'], 'v1'), OPTIONS));
    expect(line).toMatch(
      /^\/.*\/parent\/cdktf\.out: cannot be used as the output folder: a part of the path is a file where a folder is needed \(ENOTDIR\)/,
    );
    expect(fs.readdirSync(work)).toEqual(['parent']);
  });

  test('past PATH_MAX (ENAMETOOLONG)', () => {
    const out = path.join(work, ...Array.from({ length: 20 }, () => 'n'.repeat(250)), 'cdktf.out');
    expect(refusal(() => replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS))).toMatch(
      /… \(\d+ characters\): cannot be used as the output folder: the path, or a name in it, is longer than the file system allows \(ENAMETOOLONG/,
    );
  });

  test('no write permission (EACCES, simulated: the tests run as root)', () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
    const before = fileTree(out, 'base64');
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: path.join(work, 'x') });
    jest.mocked(fs.symlinkSync).mockImplementationOnce(() => {
      throw denied;
    });
    expect(refusal(() => replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS))).toMatch(
      /cdktf\.out: cannot be replaced \(at .*\/x\): permission denied \(EACCES\); give your user access .* or choose another output folder$/,
    );
    expect(fileTree(out, 'base64')).toEqual(before);
  });

  test('a read-only earlier output (EACCES, simulated) is refused before anything is written, with the command that fixes it', () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
    const before = fileTree(out, 'base64');
    jest.mocked(fs.accessSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    expect(refusal(() => replaceOutputFolder(out, writer(['a'], 'v2'), OPTIONS))).toMatch(
      /cdktf\.out: cannot be replaced: .*\.xdr-[0-9a-f]{8}\.g\S+ is read-only for your user \(mode 0755, EACCES\), and a synth removes the previous output; nothing was changed; make it writable \(chmod -R u\+w \/.*\/cdktf\.out\/\), or choose another output folder$/,
    );
    expect(fileTree(out, 'base64')).toEqual(before);
    expect(besides(out)).toHaveLength(1);
  });

  test('an earlier output that cannot be removed once the new one is in place is a warning, not a failure', () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
    // what a killed synth left: the previous output itself is kept, as the spare
    const dead = spawnSync('true').pid; // a pid that has exited
    const previous = path.join(work, `${fs.readlinkSync(out).split('.g')[0]}.g${dead.toString(36)}-x`);
    fs.mkdirSync(path.join(previous, 'stacks'), { recursive: true });
    const real = jest.requireActual<typeof fs>('fs');
    jest.mocked(fs.rmSync).mockImplementation((target, options) => {
      if (target === previous)
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: path.join(previous, 'stacks') });
      real.rmSync(target, options);
    });
    const said: string[] = [];
    replaceOutputFolder(out, writer(['a'], 'v2'), { ...OPTIONS, say: (line) => said.push(line) });
    jest.mocked(fs.rmSync).mockImplementation(real.rmSync);
    expect(fs.readFileSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('v2');
    expect(said).toEqual([
      expect.stringMatching(/^Warning: .*\.xdr-[0-9a-f]{8}\.g\S+: cannot be removed \(at .*stacks\): permission denied \(EACCES\)/),
    ]);
    replaceOutputFolder(out, writer(['a'], 'v3'), OPTIONS);
    expect(besides(out).sort()).toEqual(besidesAfter(out, 3));
  });

  test('a read error while writing (EIO) keeps the previous output and removes the new one', () => {
    const out = path.join(work, 'cdktf.out');
    replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS);
    const before = fileTree(out, 'base64');
    const line = refusal(() =>
      replaceOutputFolder(
        out,
        () => {
          throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        },
        OPTIONS,
      ),
    );
    expect(line).toMatch(/cdktf\.out: cannot be written: the disk or network file system reported an input\/output error \(EIO\)/);
    expect(fileTree(out, 'base64')).toEqual(before);
    expect(besides(out)).toHaveLength(1);
  });

  test('a path with a newline and an ESC is shown escaped', () => {
    const out = path.join(work, 'evil\n\u001b[31mError: forged');
    fs.writeFileSync(out, '');
    const line = refusal(() => replaceOutputFolder(out, writer(['a'], 'v1'), OPTIONS));
    expect(line).not.toMatch(/[\n\u001b]/);
    expect(line).toContain('evil\\n\\u001b[31mError: forged"');
  });
});
