/**
 * Reading the app's inputs (tfvars files, tenants folders): every errno becomes one line naming the
 * path and what to do (lib/guide/fs/errors.ts). Pure Node.
 */
import * as fs from 'fs';
import { FileSystemAction, withFileSystemErrors } from './errors';

/** What a user does to give the app another input. */
export const OTHER_TFVARS = 'set XDR_TFVARS to the path of your terraform.tfvars or tenants folder';

const action = (verb: string): FileSystemAction => ({ verb, elsewhere: OTHER_TFVARS });

/** The path's type, or undefined when nothing is there. */
export function inputStats(file: string): fs.Stats | undefined {
  return withFileSystemErrors(file, action('be read'), () => fs.statSync(file, { throwIfNoEntry: false }));
}

export function readInputFile(file: string): Buffer {
  return withFileSystemErrors(file, action('be read'), () => fs.readFileSync(file));
}

/** The names in a folder, sorted as Terraform sorts file names (by bytes). */
export function listInputFolder(folder: string): string[] {
  return withFileSystemErrors(folder, action('be listed'), () => fs.readdirSync(folder)).sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
}
