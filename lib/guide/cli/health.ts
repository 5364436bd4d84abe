/**
 * `npm run health`: after a deploy, checks each deployed stream from Azure's side, reading the
 * stack's outputs from its Terraform state as `npm run values` does. `run` returns the exit code;
 * bin/health.ts only wires it to the process.
 */
import { InvalidSettingsError } from '../../rules/errors';
import { ChecksCommandSpec, EXIT_FAILED, EXIT_OK, runChecksCommand } from '../checks/command';
import { Connect, connectToAzure } from '../checks/connect';
import { deployedStream } from '../checks/plan';
import { StackReport, anyFailed, formatReport, summaryLine } from '../checks/report';
import { loadDeploymentSettings } from '../config/settings-file';
import { cdktfCommand, isDefaultOutputFolder, outputFolder, projectCommand } from '../local-state';
import { shellWord } from '../../rules/checks';
import { writeArgumentFor } from '../sizing/write';
import { readStackValues, synthesizedStacks } from '../values/read';
import type { CliIo } from './size';

export { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK } from '../checks/command';

interface Options {
  readonly json?: boolean;
  readonly output?: string;
}

const spec = (defaultOutdir: string): ChecksCommandSpec => ({
  script: 'health',
  description:
    "After a deploy: check each deployed stream in Azure (resources, Defender writing, XDR reading, throttling and capacity, consent, the secret XDR holds, network rules), from each stack's Terraform state.",
  stacks: 'stacks to check (default: every deployed stack with an event hub)',
  json: 'print the results as JSON, per stack, with the metric series',
  options: (command) => command.option('--output <folder>', 'the output folder cdktf synthesized into', defaultOutdir),
  exitCodes:
    '0 nothing failed, 1 a check failed (no events in the last hour, the held secret ends within 30 days, ...), 2 bad input or nothing deployed.',
});

async function health(names: readonly string[], options: Options, io: CliIo, env: NodeJS.ProcessEnv, connect?: Connect): Promise<number> {
  const outdir = options.output as string;
  const synthesized = synthesizedStacks(outdir);
  const unknown = names.filter((n) => !synthesized.some((s) => s.name === n));
  if (synthesized.length === 0 || unknown.length > 0) {
    throw new InvalidSettingsError([
      synthesized.length === 0
        ? `no synthesized stack in ${outdir}: run ${cdktfCommand('synth', [], outdir)} (or ${cdktfCommand('deploy', [], outdir)}) first`
        : `no synthesized stack ${unknown.join(', ')} in ${outdir}; there are: ${synthesized.map((s) => s.name).join(', ')}`,
    ]);
  }
  const loaded = await loadDeploymentSettings(env);
  if (!loaded.settings) throw new InvalidSettingsError([...loaded.errors]);
  const { parseNamespaceId, runHealth } = await import('../../azure/checks/health');
  let reach = connect;
  const reports: StackReport[] = [];
  for (const stack of synthesized.filter((s) => names.length === 0 || names.includes(s.name))) {
    const values = await readStackValues(stack, env);
    const stream = values.deployed ? deployedStream(values.outputs, loaded.settings) : undefined;
    if (stream === undefined) {
      // a stack without an event hub (repopulate-application), or not deployed: said only when named
      if (names.includes(stack.name)) io.err(`${values.deployed ? `Stack ${stack.name} has no event hub to check.` : values.line}\n`);
      continue;
    }
    reach ??= connectToAzure();
    const deployCommand = cdktfCommand('deploy', [stack.name], outdir);
    // size reads the stacks where CDKTF_OUTDIR says (it has no --output of its own)
    const sizeOutdir = isDefaultOutputFolder(outdir) ? '' : `CDKTF_OUTDIR=${shellWord(outdir)} `;
    const results = await runHealth(reach(parseNamespaceId(stream.namespaceResourceId).subscriptionId), stream, {
      // --write, not pasted lines: it records apply_capacity, without which a deploy leaves an auto-inflating namespace's
      // units as they are, and refuses (naming the in-place command) what the deployed namespace cannot take
      resizeCommand: `${sizeOutdir}npm run -s size -- --from-metrics ${stack.name} --write${writeArgumentFor(stack.name, loaded.tfvars)}, then ${deployCommand}`,
      deployCommand,
      valuesCommand: projectCommand('values', outdir),
      rotateCommand: projectCommand('rotate', outdir),
    });
    const report = { stack: stack.name, source: values.state, results };
    reports.push(report);
    if (!options.json) io.out(formatReport(report));
  }
  if (reports.length === 0)
    throw new InvalidSettingsError([
      `no deployed stack with an event hub in ${outdir}: deploy first (${cdktfCommand('deploy', [], outdir)}), then ${projectCommand('health', outdir)}`,
    ]);
  io.out(options.json ? JSON.stringify({ stacks: reports }, null, 2) + '\n' : summaryLine(reports));
  return anyFailed(reports) ? EXIT_FAILED : EXIT_OK;
}

/** Runs `npm run health` on `argv` (the arguments after the script name) and returns the exit code. */
export function run(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, connect?: Connect): Promise<number> {
  return runChecksCommand<Options>(spec(outputFolder(env)), argv, io, (names, options) => health(names, options, io, env, connect));
}
