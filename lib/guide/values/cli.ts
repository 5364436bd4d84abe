/**
 * `npm run values`: the values Defender's Streaming API page and XDR's form need, secrets included,
 * for each synthesized stack, read from that stack's Terraform state. `run` takes the arguments, the
 * environment and where to write, and returns the exit code; bin/values.ts only wires it to the process.
 */
import { Command } from 'commander';
import { reportCommandError } from '../cli/report';
import { CliIo } from '../cli/size';
import { InvalidSettingsError } from '../../rules/errors';
import { readStackValues, synthesizedStacks } from './read';
import { StackValues, formatStackValues, valuesDocument } from './values';
import { newSecretNotice, shownSecretsFile } from '../rotation/values';

/** Exit codes: values shown; not deployed yet (or nothing synthesized); bad input or a failed read. */
export const EXIT_OK = 0;
export const EXIT_NOT_DEPLOYED = 1;
export const EXIT_BAD_INPUT = 2;

interface Options {
  readonly json?: boolean;
  readonly output?: string;
}

function program(io: CliIo, defaultOutdir: string): Command {
  return new Command('npm run values --')
    .description(
      "Print the values for Defender's Streaming API page and XDR's Microsoft Defender for Endpoint form, secrets included, " +
        "from each deployed stack's Terraform state.",
    )
    .argument('[stacks...]', 'stacks to show (default: every synthesized stack)')
    .option('--json', 'print one JSON document: per stack, every output value by name and where each goes')
    .option('--output <folder>', 'the output folder cdktf synthesized into', defaultOutdir)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  npm run values',
        '  npm run -s values -- defender-integration --json > values.json',
        '',
        'Exit codes: 0 values shown, 1 not deployed yet (a stack named, or every stack), 2 bad input or state that cannot be read.',
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
}

async function showValues(names: readonly string[], options: Options, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const outdir = options.output as string;
  const synthesized = synthesizedStacks(outdir);
  if (synthesized.length === 0) {
    io.err(`No synthesized stack in ${outdir}: run npx cdktf synth (or npx cdktf deploy) first.\n`);
    return EXIT_NOT_DEPLOYED;
  }
  const known = synthesized.map((s) => s.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new InvalidSettingsError([`no synthesized stack ${unknown.join(', ')} in ${outdir}; there are: ${known.join(', ')}`]);
  }
  const stacks: StackValues[] = [];
  for (const stack of synthesized.filter((s) => names.length === 0 || names.includes(s.name))) {
    stacks.push(await readStackValues(stack, env));
  }

  for (const s of stacks) if (!s.deployed) io.err(`${s.line}\n`);
  if (options.json) {
    io.out(JSON.stringify(valuesDocument(stacks), null, 2) + '\n');
  } else {
    io.out(
      stacks
        .map((s) =>
          s.deployed ? formatStackValues(s.stack, s.state, s.outputs, newSecretNotice(shownSecretsFile(outdir), s.stack, s.outputs)) : '',
        )
        .filter((text) => text !== '')
        .join('\n'),
    );
  }
  // Named stacks must all be deployed; without names, the stacks nobody deployed (say the
  // repopulate-application stack) are only mentioned.
  const missing = names.length > 0 ? stacks.some((s) => !s.deployed) : stacks.every((s) => !s.deployed);
  return missing ? EXIT_NOT_DEPLOYED : EXIT_OK;
}

/** Runs `npm run values` on `argv` (the arguments after the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = program(io, env.CDKTF_OUTDIR || 'cdktf.out');
  try {
    command.parse([...argv], { from: 'user' });
    return await showValues(command.args, command.opts<Options>(), io, env);
  } catch (error) {
    return reportCommandError(error, io, EXIT_BAD_INPUT);
  }
}
