/**
 * Rule checks shared by the tfvars layer and the constructs. Each returns `undefined` when the value
 * is allowed, else one line naming the setting, the value given and what is allowed, so that a
 * customer reading the message never has to open another document.
 */
import { HIDDEN_CHARACTERS, terminalSafe } from './terminal';
import { emailLookalike } from './lookalike';

const MAX_SHOWN_CHARS = 60;

/** Renders a value as the customer wrote it: strings quoted and escaped, long ones shortened. */
export function showValue(value: unknown, maxChars = MAX_SHOWN_CHARS): string {
  if (typeof value === 'string') {
    const shown = terminalSafe(JSON.stringify(value.length > maxChars ? value.slice(0, maxChars) : value));
    return value.length > maxChars ? `${shown}… (${value.length} characters)` : shown;
  }
  if (value === undefined || typeof value === 'number') return String(value);
  const json = terminalSafe(JSON.stringify(value) ?? String(value));
  return json.length > MAX_SHOWN_CHARS ? `${json.slice(0, MAX_SHOWN_CHARS)}…` : json;
}

/** A path needs more room than a value: the end of it usually names the file. */
const MAX_SHOWN_PATH_CHARS = 200;
/** Characters a path can show bare without being mistaken for message text. */
const PLAIN_PATH = /^[\w./\\:@+,=~-](?:[\w./\\:@+,=~ -]*[\w./\\:@+,=~-])?$/;

/**
 * Renders a file or folder name for a message: bare when it is plain, else quoted and escaped like
 * any value, so a name holding a newline or an ESC cannot forge or garble a line of output.
 */
export function showPath(file: string): string {
  return PLAIN_PATH.test(file) && file.length <= MAX_SHOWN_PATH_CHARS ? file : showValue(file, MAX_SHOWN_PATH_CHARS);
}

/** Characters a word of a POSIX shell command can hold bare. */
const SHELL_PLAIN = /^[\w./:@+,=~%-]+$/;
/** HIDDEN_CHARACTERS without its `g` flag, whose `lastIndex` would carry from one test to the next. */
const HAS_HIDDEN = new RegExp(HIDDEN_CHARACTERS.source, 'u');

/**
 * Renders a file or folder name as a word of a command the operator types: bare when the shell reads
 * it as it is, else in single quotes (a `'` in it as `'\''`). A name with a hidden character is shown
 * as `showPath` shows it: such a name cannot be typed from a terminal anyway, and printing it raw
 * could garble the line.
 */
export function shellWord(file: string): string {
  if (SHELL_PLAIN.test(file)) return file;
  if (HAS_HIDDEN.test(file)) return showPath(file);
  return `'${file.replace(/'/g, "'\\''")}'`;
}

export function problem(setting: string, value: unknown, allowed: string): string {
  return `${setting} = ${showValue(value)}: ${allowed}`;
}

export function checkWholeNumber(setting: string, value: number, min: number, max: number, context = ''): string | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return undefined;
  return problem(setting, value, `must be a whole number from ${min} to ${max}${context}`);
}

export function checkOneOf<T>(setting: string, value: T, allowed: readonly T[], context = ''): string | undefined {
  if (allowed.includes(value)) return undefined;
  return problem(setting, value, `must be one of ${allowed.map((a) => showValue(a)).join(', ')}${context}`);
}

export function checkPattern(setting: string, value: string, pattern: RegExp, allowed: string): string | undefined {
  return pattern.test(value) ? undefined : problem(setting, value, allowed);
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function checkGuid(setting: string, value: string): string | undefined {
  return checkPattern(setting, value, GUID, 'must be a GUID such as 00000000-0000-0000-0000-000000000000');
}

/** Collects the failed checks of a list; an empty result means every check passed. */
export function failures(...results: Array<string | undefined>): string[] {
  return results.filter((r): r is string => r !== undefined);
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** One e-mail address, and not a look-alike of one (a Cyrillic letter in a Latin domain: lib/rules/lookalike.ts). */
export function checkEmail(setting: string, value: string): string | undefined {
  const shape = checkPattern(setting, value, EMAIL, 'must be one e-mail address, such as soc@example.com');
  if (shape !== undefined) return shape;
  const lookalike = emailLookalike(value);
  return lookalike === undefined ? undefined : problem(setting, value, lookalike);
}
