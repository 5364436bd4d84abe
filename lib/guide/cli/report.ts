import { CommanderError } from 'commander';
import { InvalidSettingsError } from '../../rules/errors';
import { terminalSafe } from '../../rules/terminal';
import type { CliIo } from './size';

/**
 * How the project's commands end on an error they expect: commander's own (`--help` is exit 0) and
 * refused input each become one `Error:` line per problem and `badInputCode`; anything else is a bug
 * and is thrown on, with its stack trace. A line may echo a file's content or an argument, so it is
 * printed through `terminalSafe`: no control or bidi character reaches the terminal.
 */
export function reportCommandError(error: unknown, io: CliIo, badInputCode: number): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    // Commander puts its "(Did you mean ...?)" on a second line; one line per problem keeps logs greppable.
    io.err(`Error: ${terminalSafe(error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' '))}\n`);
    return badInputCode;
  }
  if (error instanceof InvalidSettingsError) {
    for (const line of error.problems) io.err(`Error: ${terminalSafe(line)}\n`);
    return badInputCode;
  }
  throw error;
}
