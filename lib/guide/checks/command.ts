/**
 * What `npm run preflight` and `npm run health` share as commands: the stack arguments, `--json`,
 * the help text, the exit codes, and one `Error:` line for bad input.
 */
import { Command, OptionValues } from 'commander';
import { reportCommandError } from '../cli/report';
import type { CliIo } from '../cli/size';

/** Exit codes: nothing failed (checks that could not be made are listed); a check failed; bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface ChecksCommandSpec {
  readonly script: 'preflight' | 'health';
  readonly description: string;
  readonly stacks: string;
  readonly json: string;
  readonly exitCodes: string;
  /** More options, after --json. */
  readonly options?: (command: Command) => Command;
  readonly notes?: readonly string[];
}

/** Parses `argv` and runs `act` with the stack names and options; returns the exit code. */
export async function runChecksCommand<O extends OptionValues>(
  spec: ChecksCommandSpec,
  argv: readonly string[],
  io: CliIo,
  act: (names: readonly string[], options: O) => Promise<number>,
): Promise<number> {
  const base = new Command(`npm run ${spec.script} --`)
    .description(spec.description)
    .argument('[stacks...]', spec.stacks)
    .option('--json', spec.json);
  const command = (spec.options ? spec.options(base) : base)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  npm run ${spec.script}`,
        `  npm run -s ${spec.script} -- --json > ${spec.script}.json`,
        '',
        ...(spec.notes ?? []),
        `Exit codes: ${spec.exitCodes}`,
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
  try {
    command.parse([...argv], { from: 'user' });
    return await act(command.args, command.opts<O>());
  } catch (error) {
    return reportCommandError(error, io, EXIT_BAD_INPUT);
  }
}
