/**
 * `npm run rotate`: raises the rotation counter (`secret_generation` in the settings file) by one from
 * the deployed one, so the next deploy replaces the older client secret and makes its successor current
 * (help/rotation.md). `--record` writes the deployed counter without rotating: the first step when the
 * deployed state is from the release with time_rotating timers. Reads each synthesized stack's state
 * like `npm run values` (a local file, or the azurerm backend through terraform); writes one line.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { reportCommandError } from '../cli/report';
import { CliIo } from '../cli/size';
import { SETTINGS_FILE, settingsFileLocation } from '../config/settings';
import { loadDeploymentSettings } from '../config/settings-file';
import { cdktfCommand, outputFolder, projectCommand } from '../local-state';
import { SynthesizedStackFiles, notInitialized, stackBackend, synthesizedStacks } from '../values/read';
import { InvalidSettingsError } from '../../rules/errors';
import { showPath } from '../../rules/checks';
import { day } from './plan';
import { pullState, readStateFile } from './read';
import { writeSecretGeneration } from './settings-line';
import { DeployedGeneration, DeployedSecrets, TerraformState, currentAndPrevious, deployedGeneration, deployedSecrets } from './state';

/** Exit codes: written; nothing to do yet (not deployed, or the last rotation not deployed); bad input or unreadable state. */
export const EXIT_OK = 0;
export const EXIT_NOT_YET = 1;
export const EXIT_BAD_INPUT = 2;

interface Options {
  readonly record?: boolean;
  readonly output?: string;
}

function program(io: CliIo, defaultOutdir: string): Command {
  return new Command('npm run rotate --')
    .description(
      'Rotate the client secret: raise secret_generation in the settings file by one from the deployed value, so the next deploy ' +
        'deletes the older secret and issues a new current one. The secret XDR holds is kept.',
    )
    .option('--record', 'write the deployed secret_generation without rotating (first step after upgrading from the timer release)')
    .option('--output <folder>', 'the output folder cdktf synthesized into', defaultOutdir)
    .addHelpText(
      'after',
      [
        '',
        'Then: npx cdktf deploy <stack>; npm run values; type the new client_secret into XDR (Client Secret field).',
        'Exit codes: 0 written, 1 nothing to rotate yet (not deployed, or the last rotation is not deployed), 2 bad input or state that cannot be read.',
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
}

interface DeployedStack {
  readonly stack: string;
  readonly secrets: DeployedSecrets;
  readonly found: Exclude<DeployedGeneration, { kind: 'none' }>;
}

async function stackState(stack: SynthesizedStackFiles, env: NodeJS.ProcessEnv): Promise<TerraformState | undefined> {
  const backend = await stackBackend(stack.file);
  if (backend.type === 'local') {
    const state = readStateFile(path.join(stack.dir, backend.path));
    if (state !== undefined && 'refused' in state) throw new InvalidSettingsError([state.refused]);
    return state;
  }
  if (!existsSync(path.join(stack.dir, '.terraform'))) {
    throw new InvalidSettingsError([`stack ${notInitialized(stack, 'rotate')}`]);
  }
  return pullState(stack.dir, env);
}

async function deployedStacks(outdir: string, env: NodeJS.ProcessEnv): Promise<DeployedStack[]> {
  const synthesized = synthesizedStacks(outdir);
  if (synthesized.length === 0)
    throw new InvalidSettingsError([`no synthesized stack in ${showPath(outdir)}: run ${cdktfCommand('synth', [], outdir)} first`]);
  const deployed: DeployedStack[] = [];
  for (const stack of synthesized) {
    const state = await stackState(stack, env);
    if (state === undefined) continue;
    const secrets = deployedSecrets(state);
    const found = deployedGeneration(secrets);
    if (found.kind !== 'none') deployed.push({ stack: stack.name, secrets, found });
  }
  return deployed;
}

async function rotate(options: Options, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const loaded = await loadDeploymentSettings(env);
  if (loaded.settings === undefined) throw new InvalidSettingsError([...loaded.errors]);
  const settingsFile = settingsFileLocation(env);
  const outdir = options.output as string;
  const stacks = await deployedStacks(outdir, env);
  if (stacks.length === 0) {
    io.err('No deployed stack holds the XDR application yet: deploy first (a new deployment issues both client secrets).\n');
    return EXIT_NOT_YET;
  }
  const counters = new Set(stacks.map((s) => s.found.generation));
  if (counters.size > 1) {
    throw new InvalidSettingsError([
      `the stacks hold different secret_generation values (${stacks.map((s) => `${s.stack}: ${s.found.generation}`).join(', ')}); one ${SETTINGS_FILE} line serves them all: deploy every stack with the same value first`,
    ]);
  }
  const deployed = stacks[0].found.generation;
  const setting = loaded.settings.secretGeneration;
  const names = stacks.map((s) => s.stack).join(' ');
  const deploy = cdktfCommand(
    'deploy',
    stacks.map((s) => s.stack),
    outdir,
  );
  const fromTimers = stacks.some((s) => s.found.kind === 'timers');
  // on a timer release's state the synth refuses any other counter and sends here: --record writes the deployed one
  if (setting !== undefined && setting !== deployed && !fromTimers) {
    io.err(
      setting === deployed + 1
        ? `${settingsFile} already says secret_generation = ${setting}: the last rotation is not deployed yet: deploy first (${deploy}).\n`
        : `${settingsFile} says secret_generation = ${setting}, the deployed one is ${deployed}: set it to ${deployed} (or remove the line), deploy, then rotate.\n`,
    );
    return setting === deployed + 1 ? EXIT_NOT_YET : EXIT_BAD_INPUT;
  }
  if (options.record) {
    writeSecretGeneration(settingsFile, deployed);
    io.out(
      `Recorded secret_generation = ${deployed} in ${settingsFile}${fromTimers ? ' (the current secret of the timer release: the one whose timer ends last)' : ' (the deployed value)'}. ` +
        `No secret is rotated; the next deploy of ${names} replaces none${fromTimers ? ' and removes the retired timers from the state' : ''}.\n`,
    );
    return EXIT_OK;
  }
  if (fromTimers) {
    // The first deploy of this release creates the issue records, and a created record triggers no
    // replacement: a rotation written now would name a new current secret that is never issued.
    io.err(
      `The deployed state is from the release with time_rotating timers: run ${projectCommand('rotate', outdir, '--record')}, deploy (${deploy}; it replaces no secret), then ${projectCommand('rotate', outdir)}.\n`,
    );
    return EXIT_NOT_YET;
  }
  writeSecretGeneration(settingsFile, deployed + 1);
  const lines = [`Wrote secret_generation = ${deployed + 1} to ${settingsFile} (deployed: ${deployed}).`];
  for (const s of stacks) {
    const { current, previous } = currentAndPrevious(s.secrets, deployed);
    lines.push(
      `${s.stack}: the next deploy deletes the older secret ${previous?.keyId ?? '(none)'} and issues a new one. ` +
        `Before you deploy, XDR must hold the current secret ${current?.keyId ?? '(none)'} (${projectCommand('values', outdir)} shows it as client_secret): it is kept.`,
    );
  }
  const expires = stacks.map((s) => currentAndPrevious(s.secrets, deployed).current?.endDate).filter((d): d is string => !!d);
  lines.push(
    `Next: ${deploy}; ${projectCommand('values', outdir)}; type the new client_secret into XDR's Client Secret field` +
      (expires.length > 0 ? ` before ${day(Math.min(...expires.map((d) => Date.parse(d))))}, when the secret XDR holds now expires.` : '.'),
  );
  io.out(lines.join('\n') + '\n');
  return EXIT_OK;
}

/** Runs `npm run rotate` on `argv` (the arguments after the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = program(io, outputFolder(env));
  try {
    command.parse([...argv], { from: 'user' });
    return await rotate(command.opts<Options>(), io, env);
  } catch (error) {
    return reportCommandError(error, io, EXIT_BAD_INPUT);
  }
}
