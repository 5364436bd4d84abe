/**
 * `npm run values`: the values Defender's Streaming API page and XDR's form need, secrets included,
 * for each synthesized stack, read from that stack's Terraform state. `run` takes the arguments, the
 * environment and where to write, and returns the exit code; bin/values.ts only wires it to the process.
 */
import { Command } from 'commander';
import { reportCommandError } from '../cli/report';
import { CliIo } from '../cli/size';
import { InvalidSettingsError } from '../../rules/errors';
import { terminalSafe } from '../../rules/terminal';
import { cdktfCommand, outputFolder } from '../local-state';
import { readStackValues, synthesizedStacks } from './read';
import { StackValues, formatStackValues, sensitiveOutputs, valuesJson } from './values';
import { newSecretNotice, shownSecretsFile } from '../rotation/values';

/**
 * Exit codes: values shown; not deployed yet, a state without some XDR or Streaming API value, or
 * nothing synthesized; bad input, a state that cannot be read or is not this project's.
 */
export const EXIT_OK = 0;
export const EXIT_NOT_DEPLOYED = 1;
export const EXIT_BAD_INPUT = 2;

/** Where `npm run values` writes; `outIsTerminal`: stdout is a terminal (a person reads it, not a file). */
export interface ValuesIo extends CliIo {
  readonly outIsTerminal?: boolean;
}

interface Options {
  readonly json?: boolean;
  readonly output?: string;
}

function program(io: ValuesIo, defaultOutdir: string): Command {
  return new Command('npm run values --')
    .description(
      "Print the values for Defender's Streaming API page and XDR's Microsoft Defender for Endpoint form, secrets included, " +
        "from each deployed stack's Terraform state.",
    )
    .argument('[stacks...]', 'stacks to show (default: every synthesized stack)')
    .option('--json', 'print one JSON document: per stack, every output by name (secrets marked "sensitive": true) and where each goes')
    .option('--output <folder>', 'the output folder cdktf synthesized into', defaultOutdir)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  npm run values',
        '  npm run -s values -- defender-integration --json > values.json',
        '',
        'Exit codes: 0 values shown; 1 not deployed yet (a stack named, or every stack) or a state that lacks an XDR or Streaming API value;',
        "2 bad input, or a state that cannot be read or is not this project's.",
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
}

async function showValues(names: readonly string[], options: Options, io: ValuesIo, env: NodeJS.ProcessEnv): Promise<number> {
  const outdir = options.output as string;
  const synthesized = synthesizedStacks(outdir);
  if (synthesized.length === 0) {
    io.err(
      terminalSafe(
        `No synthesized stack in ${outdir}: run ${cdktfCommand('synth', [], outdir)} (or ${cdktfCommand('deploy', [], outdir)}) first.`,
      ) + '\n',
    );
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

  for (const s of stacks) if (s.line !== undefined) io.err(`${terminalSafe(s.line)}\n`);
  if (options.json) {
    const secrets = sensitiveOutputs(stacks);
    if (io.outIsTerminal && secrets.length > 0) {
      io.err(
        `Warning: the document below shows the secrets ${secrets.join(', ')} in clear text; ` +
          'write it to a file instead (npm run -s values -- --json > values.json, which git ignores) and delete the file once the forms are filled in.\n',
      );
    }
    io.out(valuesJson(stacks));
  } else {
    io.out(
      stacks
        .map((s) =>
          s.deployed
            ? formatStackValues(s.stack, s.state, s.outputs, newSecretNotice(shownSecretsFile(outdir), s.stack, s.outputs), outdir)
            : '',
        )
        .filter((text) => text !== '')
        .join('\n'),
    );
  }
  // Named stacks must all be deployed; without names, a stack nobody deployed (say the
  // repopulate-application stack, before it is needed) is only mentioned. A deployed stack must hold
  // every XDR and Streaming API value it declares.
  const notDeployed = names.length > 0 ? stacks.some((s) => !s.deployed) : stacks.every((s) => !s.deployed);
  const incomplete = stacks.some((s) => s.deployed && s.missing.length > 0);
  return notDeployed || incomplete ? EXIT_NOT_DEPLOYED : EXIT_OK;
}

/** Runs `npm run values` on `argv` (the arguments after the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: ValuesIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = program(io, outputFolder(env));
  try {
    command.parse([...argv], { from: 'user' });
    return await showValues(command.args, command.opts<Options>(), io, env);
  } catch (error) {
    return reportCommandError(error, io, EXIT_BAD_INPUT);
  }
}
