/**
 * Reading the app's inputs (tfvars files, tenants folders): every errno becomes one line naming the
 * path and what to do (lib/guide/fs/errors.ts). Pure Node.
 */
import * as fs from 'fs';
import { FileSystemAction, withFileSystemErrors } from './errors';

/** What a user does to give the app another input. */
export const OTHER_TFVARS = 'set XDR_TFVARS to the path of your terraform.tfvars or tenants folder';

/** `elsewhere`: how to give the app another path, in the words of the setting that named this one. */
const action = (verb: string, elsewhere = OTHER_TFVARS): FileSystemAction => ({ verb, elsewhere });

/** The path's type, or undefined when nothing is there. */
export function inputStats(file: string, elsewhere?: string): fs.Stats | undefined {
  return withFileSystemErrors(file, action('be read', elsewhere), () => fs.statSync(file, { throwIfNoEntry: false }));
}

export function readInputFile(file: string, elsewhere?: string): Buffer {
  return withFileSystemErrors(file, action('be read', elsewhere), () => fs.readFileSync(file));
}

/** The names in a folder, sorted as Terraform sorts file names (by bytes). */
export function listInputFolder(folder: string): string[] {
  return withFileSystemErrors(folder, action('be listed'), () => fs.readdirSync(folder)).sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
}

/**
 * The target of a symbolic link at `file` whose target does not exist (a cloud drive not mounted, a
 * file moved away), else undefined: `inputStats` follows links and sees nothing there, as if no link
 * had been made.
 */
export function danglingLinkTarget(file: string, elsewhere?: string): string | undefined {
  return withFileSystemErrors(file, action('be read', elsewhere), () => {
    if (!fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
    return fs.statSync(file, { throwIfNoEntry: false }) === undefined ? fs.readlinkSync(file) : undefined;
  });
}
