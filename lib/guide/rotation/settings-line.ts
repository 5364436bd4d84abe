/**
 * The one line of the settings file that `npm run rotate` owns, `secret_generation = N`: replaced in
 * place, or appended with a comment when absent (the file is created when there is none). Every other
 * line, comment and blank is kept byte for byte; the new file replaces the old one in one rename, so an
 * interrupted write leaves the old file whole.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';

const OWNED_LINE = /^[ \t]*secret_generation[ \t]*=.*$/m;

/** The settings file's text with `secret_generation = generation`. */
export function withSecretGeneration(text: string, generation: number): string {
  const line = `secret_generation = ${generation}`;
  if (OWNED_LINE.test(text)) return text.replace(OWNED_LINE, line);
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${separator}${text === '' ? '' : '\n'}# The rotation counter: which client secret is current. npm run rotate raises it (help/rotation.md).\n${line}\n`;
}

/** Writes `secret_generation = generation` into `file`, creating it when absent. */
export function writeSecretGeneration(file: string, generation: number): void {
  const exists = existsSync(file);
  const text = exists ? readFileSync(file, 'utf8') : '';
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, withSecretGeneration(text, generation), { mode: exists ? statSync(file).mode : 0o644 });
  renameSync(temporary, file);
}
