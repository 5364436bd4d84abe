/**
 * The rotation's part of `npm run values` (help/rotation.md): the Entra rows for the secrets' deadlines
 * and the lines printed first for a stack that holds the application, from the outputs alone (so the
 * local and the azurerm backend read alike), with the same model as the synth line and the outputs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import * as path from 'path';
import { day, rotateSteps } from './plan';
import { DEFAULT_OUTPUT_FOLDER, localStateFolder } from '../local-state';

/** The rows of the Entra block, under the consent URL. */
export const ROTATION_FIELDS: ReadonlyArray<{ readonly field: string; readonly output: string }> = [
  ['Client secret ID (XDR must hold it)', 'client_secret_key_id'],
  ['Rotate by', 'client_secret_rotate_by'],
  ['Client secret expires at', 'client_secret_expires_at'],
  ['Older secret ID (next rotation deletes it)', 'previous_client_secret_key_id'],
  ['Older secret expires at', 'previous_client_secret_expires_at'],
  ['Secret generation (deployed)', 'secret_generation'],
].map(([field, output]) => ({ field, output }));

/** Printed under the Entra rows. */
export const ROTATION_NOTE =
  `Rotate by the date above: ${rotateSteps()} (Client Secret field). ` +
  'XDR must hold client_secret before the older secret expires, and before the next rotation deletes it.';

type Outputs = Readonly<Record<string, { readonly value: unknown }>>;

function time(outputs: Outputs, name: string): number | undefined {
  const value = outputs[name]?.value;
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * What the operator must do about the secrets, first: which Secret ID XDR's Client Secret field must
 * hold, until when the older one still works, and whether a rotation is due. Empty for a stack without
 * the application.
 */
export function rotationNotice(outputs: Outputs, outdir = DEFAULT_OUTPUT_FOLDER, now = Date.now()): string[] {
  const current = outputs.client_secret_key_id?.value;
  if (typeof current !== 'string') return [];
  const lines = [`XDR's Client Secret field must hold client_secret, Secret ID ${current}.`];
  const previous = outputs.previous_client_secret_key_id?.value;
  const previousEnds = time(outputs, 'previous_client_secret_expires_at');
  if (typeof previous === 'string' && previousEnds !== undefined && previousEnds > now) {
    lines.push(
      `If XDR still holds the older secret ${previous}, type client_secret into it before ${day(previousEnds)}: the older secret stops working then.`,
    );
  }
  const rotateBy = time(outputs, 'client_secret_rotate_by');
  const expires = time(outputs, 'client_secret_expires_at');
  if (expires !== undefined && expires <= now) lines.push(`client_secret expired on ${day(expires)}: run ${rotateSteps(outdir)} now.`);
  else if (rotateBy !== undefined && rotateBy <= now) lines.push(`Rotation due since ${day(rotateBy)}: run ${rotateSteps(outdir)}.`);
  else if (rotateBy !== undefined) lines.push(`Next rotation due ${day(rotateBy)}.`);
  return lines;
}

/**
 * Where `npm run values` remembers, per stack, the Secret ID it last showed as client_secret: under the
 * project's node_modules/.cache (ignored by git, beside the output folder like the local state), so
 * the next run can say first that a deploy issued a new secret since.
 */
export function shownSecretsFile(outdir: string): string {
  return path.join(localStateFolder(outdir), 'node_modules', '.cache', 'xdr-rotation', 'shown-secrets.json');
}

function readShown(file: string): Record<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {}; // none yet, or unreadable: nothing is claimed to be new
  }
}

/**
 * The line `npm run values` prints first when client_secret is not the Secret ID it showed last time
 * for this stack (a deploy issued a new secret since), and the record updated to the one shown now.
 */
export function newSecretNotice(file: string, stack: string, outputs: Outputs): string[] {
  const current = outputs.client_secret_key_id?.value;
  if (typeof current !== 'string') return [];
  const shown = readShown(file);
  const before = shown[stack];
  if (before !== current) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify({ ...shown, [stack]: current }) + '\n');
      renameSync(`${file}.tmp`, file);
    } catch {
      // a read-only project: the notice is only not remembered
    }
  }
  if (before === undefined || before === current) return [];
  const previousEnds = time(outputs, 'previous_client_secret_expires_at');
  return [
    `NEW CLIENT SECRET since npm run values last ran: Secret ID ${current}. Type client_secret into XDR's Client Secret field` +
      (previousEnds === undefined ? '.' : ` before ${day(previousEnds)}, when the older secret stops working.`),
  ];
}
