/**
 * `npm run size`: the sizing calculator on the command line. `run` takes the arguments and where to
 * write, and returns the exit code, so it is tested in-process; bin/size.ts only wires it to the process.
 */
import { existsSync } from 'fs';
import { Command } from 'commander';
import { namedSetting, resolveInputPath } from '../config/paths';
import { loadGuideVariables } from '../config/tfvars';
import { problem, shellWord, showValue } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';
import { terminalSafe } from '../../rules/terminal';
import { capacityFacts } from '../../sizing/capacity';
import { SizingCheck, checkSizing } from '../sizing/check';
import { SizingInput, inflateCapFor, processingUnitsFor, recommendSizing, validateSizingInput } from '../../sizing/recommend';
import {
  SIZING_VARIABLE_NAMES,
  SizingVariables,
  renderAssignments,
  renderTfvarsBlock,
  sizingVariables,
  tierName,
} from '../sizing/tfvars-block';
import { TfvarsValue } from '../sizing/tfvars-edit';
import { NeedsReplacementError, defaultSizingFile, writeSizing } from '../sizing/write';
import { Env } from '../config/settings';
import { effectiveTier } from '../config/variables';
import { checkInflateCap, checkProcessingUnits, checkThroughputUnits } from '../../rules/capacity';
import { EventHubTier, GUIDE_MAX_THROUGHPUT_UNITS } from '../../rules/limits';
import { reportCommandError } from './report';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: sized (and, with --check, nothing under-provisioned); under-provisioned; bad input; needs a replacement. */
export const EXIT_OK = 0;
export const EXIT_UNDER_PROVISIONED = 1;
export const EXIT_BAD_INPUT = 2;

const FLAGS = { eventsPerMinute: '--events-per-minute', endpoints: '--endpoints' };
const MODES = ['--events-per-minute', '--from-metrics', '--throughput-units', '--processing-units'] as const;

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
  readonly eventsPerMinute?: string;
  readonly fromMetrics?: string | true;
  readonly endpoints?: string;
  readonly throughputUnits?: string;
  readonly inflateCap?: string;
  readonly autoInflate: boolean;
  readonly processingUnits?: string;
  readonly json?: boolean;
  readonly check?: string;
  readonly write?: string | boolean;
}

function program(io: CliIo): Command {
  return new Command('npm run -s size --')
    .description(
      "Size the Event Hub for the Defender stream from the events per minute the guide's Advanced Hunting query reports (see help/sizing.md), " +
        'or set the throughput or processing units of the existing namespace; print the terraform.tfvars lines, or write them with --write.',
    )
    .option(`${FLAGS.eventsPerMinute} <n>`, "events per minute: the 99.9th percentile the guide's query reports (a number, 0 or more)")
    .option(
      `${FLAGS.endpoints} <n>`,
      'endpoints onboarded to Defender (a whole number); above 32 throughput units, more than 50,000 means a dedicated cluster',
    )
    .option('--throughput-units <n>', "instead of a rate: the Standard namespace's throughput units (1-32), changed in place")
    .option('--inflate-cap <n>', 'with --throughput-units: the auto-inflate ceiling (default min(40, 2 x units))')
    .option('--no-auto-inflate', 'with --throughput-units: auto-inflate off (the ceiling equals the units)')
    .option('--processing-units <n>', "instead of a rate: the Premium namespace's processing units (1, 2, 4, 8 or 16), changed in place")
    .option(
      '--from-metrics [stack]',
      "instead of --events-per-minute: the busiest minute of the deployed event hub's last 7 days (Azure Monitor)",
    )
    .option('--json', 'print the recommendation, capacity facts, tfvars values (and check) as JSON')
    .option(
      '--check <file>',
      'compare an existing terraform.tfvars with the recommendation, per variable; exit 1 when anything is under-provisioned',
    )
    .option(
      '--write [file]',
      'write the lines in place into the file given, else the tfvars the app reads (terraform.tfvars, or the tfvars setting), and record in xdr.tfvars that the next deploy applies the capacity',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  npm run -s size -- --events-per-minute 120000 --endpoints 20000 --write',
        '  npm run -s size -- --events-per-minute 120000 --endpoints 20000 --check terraform.tfvars',
        '  npm run -s size -- --throughput-units 6 --write          # too small or too big: the existing namespace, in place',
        '  npm run -s size -- --processing-units 4 --write',
        '  npm run -s size -- --from-metrics --check terraform.tfvars',
        '',
        "npm run -s keeps npm's own banner off the output, so the printed block is a valid tfvars file.",
        'Exit codes: 0 sized or written (and nothing under-provisioned), 1 --check found under-provisioned variables, 2 bad input,',
        '            3 the deployed namespace cannot take the change in place (help/replacing.md).',
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
}

/** Refused without writing because the deployed namespace cannot take the change in place. */
export const EXIT_NEEDS_REPLACEMENT = 3;

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

/** One of the three ways in, and the flags that belong to another refused. */
function chosenMode(options: Options): (typeof MODES)[number] {
  const given = MODES.filter((flag) => options[camel(flag)] !== undefined);
  if (given.length !== 1) {
    throw new InvalidSettingsError([
      given.length === 0
        ? `one of ${MODES.join(', ')} is required: the rate the guide's query reports, or the units to set on the existing namespace`
        : `${given.join(' and ')}: give only one of them`,
    ]);
  }
  const mode = given[0];
  const misplaced = [
    ...(mode !== '--throughput-units'
      ? [
          ['--inflate-cap', options.inflateCap !== undefined],
          ['--no-auto-inflate', !options.autoInflate],
        ]
      : []),
    ...(mode !== '--events-per-minute' && mode !== '--from-metrics'
      ? [
          ['--endpoints', options.endpoints !== undefined],
          ['--check', options.check !== undefined],
        ]
      : []),
  ] as Array<[string, boolean]>;
  const wrong = misplaced.filter(([, present]) => present).map(([flag]) => flag);
  if (wrong.length > 0) throw new InvalidSettingsError([`${wrong.join(', ')}: not read with ${mode}`]);
  if (options.inflateCap !== undefined && !options.autoInflate) {
    throw new InvalidSettingsError(['--inflate-cap and --no-auto-inflate: give only one of them']);
  }
  return mode;
}

function camel(flag: (typeof MODES)[number]): 'eventsPerMinute' | 'fromMetrics' | 'throughputUnits' | 'processingUnits' {
  return flag.slice(2).replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as
    'eventsPerMinute' | 'fromMetrics' | 'throughputUnits' | 'processingUnits';
}

/** The Standard or Premium capacity lines the unit flags ask for, checked by the tfvars rules. */
function capacityValues(options: Options): { values: SizingVariables; tier: EventHubTier } {
  if (options.processingUnits !== undefined) {
    const units = numberOrText(options.processingUnits);
    const fault =
      typeof units === 'number'
        ? checkProcessingUnits('--processing-units', units)
        : problem('--processing-units', units, 'must be one of 1, 2, 4, 8, 16');
    if (fault !== undefined) throw new InvalidSettingsError([fault]);
    return { values: { eventhub_processing_units: units as number }, tier: 'Premium' };
  }
  const units = numberOrText(options.throughputUnits);
  const unitFault =
    typeof units === 'number'
      ? checkThroughputUnits('--throughput-units', units, GUIDE_MAX_THROUGHPUT_UNITS)
      : problem('--throughput-units', units, `must be a whole number from 1 to ${GUIDE_MAX_THROUGHPUT_UNITS}`);
  if (unitFault !== undefined) throw new InvalidSettingsError([unitFault]);
  const tus = units as number;
  const cap = options.inflateCap === undefined ? (options.autoInflate ? inflateCapFor(tus) : tus) : numberOrText(options.inflateCap);
  const capFault =
    typeof cap === 'number'
      ? checkInflateCap('--inflate-cap', cap, '--throughput-units', tus)
      : problem('--inflate-cap', cap, `must be a whole number from ${tus} to 40`);
  if (capFault !== undefined) throw new InvalidSettingsError([capFault]);
  return { values: { eventhub_throughput_allocated: tus, eventhub_throughput_inflate_cap: cap as number }, tier: 'Standard' };
}

/** --throughput-units / --processing-units: the existing namespace's capacity, in place. */
async function sizeCapacity(options: Options, io: CliIo, env: Env): Promise<number> {
  const { values, tier } = capacityValues(options);
  if (options.json) {
    io.out(JSON.stringify({ tfvars: values }, null, 2) + '\n');
  } else if (options.write === undefined) {
    io.out(renderAssignments(values).join('\n') + '\n');
  }
  if (options.write === undefined) return EXIT_OK;
  const file = typeof options.write === 'string' ? options.write : await defaultSizingFile(env);
  if (existsSync(file)) {
    // the units of one tier on a file of another would be ignored: that is a tier change
    const { variables } = await loadGuideVariables(file);
    const fileTier = effectiveTier(variables);
    if (fileTier !== tier) {
      throw new NeedsReplacementError([
        `${file}: selects ${tierName(fileTier)}; ${options.processingUnits !== undefined ? '--processing-units' : '--throughput-units'} sets ${tierName(tier)}, and changing the tier needs a second namespace next to this one: help/replacing.md; nothing was written`,
      ]);
    }
  }
  return written(await writeSizing({ file, owned: Object.keys(values), values: values as Record<string, TfvarsValue> }, env), io);
}

function written(result: { lines: string[] }, io: CliIo): number {
  io.out(result.lines.join('\n') + '\n');
  return EXIT_OK;
}

async function sizeAndCheck(options: Options, io: CliIo, env: Env): Promise<number> {
  const mode = chosenMode(options);
  if (mode === '--throughput-units' || mode === '--processing-units') return sizeCapacity(options, io, env);
  const eventsPerMinute =
    mode === '--from-metrics'
      ? await (await import('./from-metrics')).measuredEventsPerMinute(options.fromMetrics as string | true, io)
      : numberOrText(options.eventsPerMinute);
  const input = { eventsPerMinute, endpoints: numberOrText(options.endpoints) };
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
    for (const warning of loaded.warnings) io.err(`Warning: ${terminalSafe(warning)}\n`);
    check = checkSizing(loaded.variables, recommendation);
    if (!options.json) io.out(formatCheck(options.check, check) + '\n');
  }
  if (options.json) {
    const report = { recommendation, capacity, tfvars: sizingVariables(recommendation), ...(check ? { check } : {}) };
    io.out(JSON.stringify(report, null, 2) + '\n');
  } else if (options.write === undefined) {
    io.out(renderTfvarsBlock(recommendation, capacity.notes));
  }
  if (options.write !== undefined) {
    const values = sizingVariables(recommendation);
    // the units of the tier the deployed namespace keeps in place, written where this run writes
    const target = typeof options.write === 'string' ? ` ${shellWord(options.write)}` : '';
    const units = recommendation.throughputUnits;
    const inPlaceCommand = (tier: EventHubTier): string | undefined => {
      if (tier === 'Standard' && units <= GUIDE_MAX_THROUGHPUT_UNITS)
        return `npm run -s size -- --throughput-units ${units} --write${target}`;
      const processingUnits = recommendation.tier === 'Premium' ? recommendation.processingUnits : processingUnitsFor(units);
      if (tier === 'Premium' && processingUnits !== undefined)
        return `npm run -s size -- --processing-units ${processingUnits} --write${target}`;
      return undefined;
    };
    const file = typeof options.write === 'string' ? options.write : await defaultSizingFile(env);
    const result = await writeSizing(
      { file, owned: SIZING_VARIABLE_NAMES, values: values as Record<string, TfvarsValue>, inPlaceCommand },
      env,
    );
    // the reasons (the block's comments, without the lines now in the file), then what changed
    if (!options.json) io.out(renderTfvarsBlock(recommendation, capacity.notes).replace(/^(?!# Sized|# {3}).*\n/gm, ''));
    written(result, io);
  }
  return check?.underProvisioned ? EXIT_UNDER_PROVISIONED : EXIT_OK;
}

/** Runs the calculator on `argv` (the arguments after the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo, env: Env = process.env): Promise<number> {
  const command = program(io);
  try {
    command.parse([...argv], { from: 'user' });
    return await sizeAndCheck(command.opts<Options>(), io, env);
  } catch (error) {
    return reportCommandError(error, io, error instanceof NeedsReplacementError ? EXIT_NEEDS_REPLACEMENT : EXIT_BAD_INPUT);
  }
}
