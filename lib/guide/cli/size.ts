/**
 * `npm run size`: the sizing calculator on the command line. `run` takes the arguments and where to
 * write, and returns the exit code, so it is tested in-process; bin/size.ts only wires it to the process.
 */
import { Command } from 'commander';
import { namedSetting, resolveInputPath } from '../config/paths';
import { loadGuideVariables } from '../config/tfvars';
import { problem, showValue } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { capacityFacts } from '../../sizing/capacity';
import { SizingCheck, checkSizing } from '../sizing/check';
import { SizingInput, recommendSizing, validateSizingInput } from '../../sizing/recommend';
import { renderTfvarsBlock, sizingVariables } from '../sizing/tfvars-block';
import { reportCommandError } from './report';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: sized (and, with --check, nothing under-provisioned); under-provisioned; bad input. */
export const EXIT_OK = 0;
export const EXIT_UNDER_PROVISIONED = 1;
export const EXIT_BAD_INPUT = 2;

const FLAGS = { eventsPerMinute: '--events-per-minute', endpoints: '--endpoints' };

/** Plain decimal notation only: `Number()` would also take "0x10", "" and "Infinity". */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A flag's text as a number when it is one, else the text itself so the error shows what was typed. */
function numberOrText(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return DECIMAL.test(raw) && Number.isFinite(value) ? value : raw;
}

/** Digits grouped with commas, underscores or spaces ("120,000"): the number the user meant, or undefined. */
function groupedDigits(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined || !/^\d{1,3}([,_ ]\d{3})+(\.\d+)?$/.test(raw)) return undefined;
  const digits = raw.replace(/[,_ ]/g, '');
  return problem(flag, raw, `holds a thousands separator, which a number here must not: write ${flag} ${digits}`);
}

interface Options {
  readonly eventsPerMinute: string;
  readonly endpoints?: string;
  readonly json?: boolean;
  readonly check?: string;
}

function program(io: CliIo): Command {
  return new Command('npm run size --')
    .description(
      "Size the Event Hub for the Defender stream from the events per minute the guide's Advanced Hunting query reports (see help/sizing.md), " +
        'and print the terraform.tfvars lines with the reasons.',
    )
    .requiredOption(
      `${FLAGS.eventsPerMinute} <n>`,
      "events per minute: the 99.9th percentile the guide's query reports (a number, 0 or more)",
    )
    .option(
      `${FLAGS.endpoints} <n>`,
      'endpoints onboarded to Defender (a whole number); above 32 throughput units, more than 50,000 means a dedicated cluster',
    )
    .option('--json', 'print the recommendation, capacity facts, tfvars values (and check) as JSON')
    .option(
      '--check <file>',
      'compare an existing terraform.tfvars with the recommendation, per variable; exit 1 when anything is under-provisioned',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  npm run -s size -- --events-per-minute 120000 --endpoints 20000 > sizing.tfvars',
        '  npm run -s size -- --events-per-minute 120000 --endpoints 20000 --check terraform.tfvars',
        '',
        'Exit codes: 0 sized (and nothing under-provisioned), 1 --check found under-provisioned variables, 2 bad input.',
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
}

function formatCheck(file: string, check: SizingCheck): string {
  const settings = check.variables.map((r) => `${r.variable} = ${showValue(r.actual)}`);
  const width = Math.max(...settings.map((s) => s.length));
  const lines = [`Checking ${file} (${check.tier} tier):`];
  check.variables.forEach((row, i) => lines.push(`  ${row.status.padEnd(17)}  ${settings[i].padEnd(width)}  ${row.note}`));
  const under = check.variables.filter((r) => r.status === 'under-provisioned').length;
  lines.push(
    under > 0
      ? `Result: ${under} variable${under === 1 ? '' : 's'} under-provisioned; the recommended lines follow.`
      : 'Result: nothing is under-provisioned.',
  );
  return lines.join('\n') + '\n';
}

async function sizeAndCheck(options: Options, io: CliIo): Promise<number> {
  const input = { eventsPerMinute: numberOrText(options.eventsPerMinute), endpoints: numberOrText(options.endpoints) };
  const grouped = [groupedDigits(FLAGS.eventsPerMinute, options.eventsPerMinute), groupedDigits(FLAGS.endpoints, options.endpoints)];
  // a number written with separators gets the line that says so instead of "must be a number"
  const problems = validateSizingInput(input, FLAGS).map(
    (line) => grouped.find((g) => g !== undefined && g.startsWith(line.slice(0, line.indexOf(': ')))) ?? line,
  );
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  const recommendation = recommendSizing(input as SizingInput);
  const capacity = capacityFacts(recommendation);

  let check: SizingCheck | undefined;
  if (options.check !== undefined) {
    // The loader's own hint about XDR_TFVARS is for the app, not for this flag.
    const kind = resolveInputPath({
      location: options.check,
      named: namedSetting('--check', options.check),
      needs: "--check compares one terraform.tfvars file (for a tenants folder, check each tenant's file)",
      elsewhere: 'give --check the path of a terraform.tfvars file',
    });
    if (typeof kind === 'object') throw new InvalidSettingsError([kind.refused]);
    const loaded = await loadGuideVariables(options.check);
    for (const warning of loaded.warnings) io.err(`Warning: ${warning}\n`);
    check = checkSizing(loaded.variables, recommendation);
    if (!options.json) io.out(formatCheck(options.check, check) + '\n');
  }
  if (options.json) {
    const report = { recommendation, capacity, tfvars: sizingVariables(recommendation), ...(check ? { check } : {}) };
    io.out(JSON.stringify(report, null, 2) + '\n');
  } else {
    io.out(renderTfvarsBlock(recommendation, capacity.notes));
  }
  return check?.underProvisioned ? EXIT_UNDER_PROVISIONED : EXIT_OK;
}

/** Runs the calculator on `argv` (the arguments after the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const command = program(io);
  try {
    command.parse([...argv], { from: 'user' });
    return await sizeAndCheck(command.opts<Options>(), io);
  } catch (error) {
    return reportCommandError(error, io, EXIT_BAD_INPUT);
  }
}
