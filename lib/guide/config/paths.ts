/**
 * One resolution of the paths the app reads, each named by a setting: the settings file (XDR_SETTINGS,
 * else ./xdr.tfvars) and the guide's variables (XDR_TFVARS, else `tfvars` in the settings file, else
 * ./terraform.tfvars). A path that cannot be what its setting needs is refused with one line naming
 * the setting and what to do. A symbolic link whose target is missing (a cloud drive not mounted yet)
 * is never taken for "no file": the settings would be lost without a word, and the synth would go on
 * with alerts off, no allow-list and local state.
 */
import { showPath, showValue } from '../../rules/checks';
import { danglingLinkTarget, inputStats } from '../fs/read';

/** A path as one setting gave it, and what that setting needs there. */
export interface PathSetting {
  /** The path, relative to the working folder. */
  readonly location: string;
  /**
   * How the user named the path, to start each line: `XDR_SETTINGS = "x"` or `tfvars = "x"`, with
   * the source (`environment: `, `xdr.tfvars: `); for a default path, the path itself.
   */
  readonly named: string;
  /** Why a folder will not do, when it will not: "the settings are one HCL file …". */
  readonly needs?: string;
  /** How to give another path, such as "set XDR_SETTINGS to the settings file". */
  readonly elsewhere: string;
  /** Whether a folder is what it needs too (a tenants folder). @default false */
  readonly folder?: boolean;
  /** Whether nothing at the path means "none" (the default ./xdr.tfvars); a dangling link is still refused. @default false */
  readonly optional?: boolean;
}

export type PathKind = 'file' | 'folder' | 'absent';

/** How a line about a path starts when a setting named it: `environment: XDR_TFVARS = "x"`, or `--check = "x"`. */
export function namedSetting(name: string, value: string, source?: string): string {
  return `${source === undefined ? '' : `${source}: `}${name} = ${showValue(value)}`;
}

/** What is at the path, or the one line refusing it; a file system error is thrown as one line, in the setting's words. */
export function resolveInputPath(setting: PathSetting): PathKind | { readonly refused: string } {
  const refused = (reason: string) => ({ refused: `${setting.named}: ${reason}` });
  const target = danglingLinkTarget(setting.location, setting.elsewhere);
  if (target !== undefined) {
    return refused(
      `is a symbolic link to ${showPath(target)}, which does not exist (a drive not mounted, a file moved?); nothing is read without it: mount or restore it, or ${setting.elsewhere}`,
    );
  }
  const stats = inputStats(setting.location, setting.elsewhere);
  if (stats === undefined) return setting.optional ? 'absent' : refused(`no such file or folder; ${setting.elsewhere}`);
  if (stats.isDirectory())
    return setting.folder ? 'folder' : refused(`is a folder; ${setting.needs ?? 'a file is needed'}; ${setting.elsewhere}`);
  return 'file'; // anything else that is not a regular file is refused by the reader that opens it
}
