/**
 * `npm run help`: prints the command list of help/README.md (the block between its `commands` markers),
 * so the list exists once and the docs test checks every `npm run` in it.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

export const HELP_INDEX = path.join(__dirname, '..', 'help', 'README.md');
const START = '<!-- commands:start';
const END = '<!-- commands:end -->';

/** The lines of the fenced block between the markers; throws when the markers or the block are missing. */
export function commandList(markdown: string): string[] {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${HELP_INDEX} has no ${START} ... ${END} markers`);
  const lines = markdown.slice(start, end).split('\n').slice(1);
  const open = lines.findIndex((line) => line.startsWith('```'));
  const close = lines.findIndex((line, i) => i > open && line.startsWith('```'));
  if (open < 0 || close < 0) throw new Error(`${HELP_INDEX}: the commands block is not fenced`);
  return lines.slice(open + 1, close);
}

if (require.main === module) {
  process.stdout.write(commandList(readFileSync(HELP_INDEX, 'utf8')).join('\n') + '\n');
}
