/**
 * What the first plan after an upgrade does to the resources an earlier release created, judged from
 * the two synthesized configurations and the ForceNew table (force-new.json) read in the providers.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';

const FORCE_NEW: Record<string, { source: string; forceNew: string[] }> = JSON.parse(
  readFileSync(path.join(__dirname, 'force-new.json'), 'utf8'),
).types;

/**
 * Meta-arguments, not attributes: Terraform sends none of them to the provider, so changing them
 * never updates or replaces a resource. (`lifecycle.ignore_changes` makes Terraform plan the listed
 * attributes as they are in state; `prevent_destroy` only refuses plans.)
 */
const META_ARGUMENTS = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

export interface UpgradeReport {
  /** Each one would destroy a live resource: the upgrade test fails on any. */
  readonly replaced: string[];
  /** Addresses gone on purpose (the `retired` argument): destroyed, with the reason why that is harmless. */
  readonly retired: string[];
  /** Updated in place by the provider. */
  readonly inPlace: string[];
  /** Changed in configuration, but listed in the new `ignore_changes`: Terraform keeps the state's value. */
  readonly ignored: string[];
}

type Synth = { resource?: Record<string, Record<string, Record<string, unknown>>>; moved?: { from: string; to: string }[] };

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

/**
 * Compares every resource address of `before` with the same address (or its `moved` target) in `after`.
 * `retired`: addresses allowed to disappear, each with why destroying it is harmless; any other
 * address that disappears is a replacement.
 */
export function compareReleases(before: Synth, after: Synth, retired: Readonly<Record<string, string>> = {}): UpgradeReport {
  const report: UpgradeReport = { replaced: [], retired: [], inPlace: [], ignored: [] };
  const movedTo = new Map((after.moved ?? []).map((m) => [m.from, m.to]));
  for (const [type, byName] of Object.entries(before.resource ?? {})) {
    const table = FORCE_NEW[type];
    for (const [name, old] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      const target = movedTo.get(address) ?? address;
      const [newType, newName] = target.split('.');
      const now = after.resource?.[newType]?.[newName];
      if (now === undefined && retired[address] !== undefined) {
        report.retired.push(`${address}: ${retired[address]}`);
        continue;
      }
      if (now === undefined) {
        report.replaced.push(
          `${address}: no longer in the configuration, so Terraform destroys it (keep the address, or add a moved block)`,
        );
        continue;
      }
      if (table === undefined) {
        report.replaced.push(`${address}: ${type} is not in force-new.json; read its ForceNew arguments in the provider and add them`);
        continue;
      }
      const ignoreChanges = (now.lifecycle as { ignore_changes?: string[] | 'all' } | undefined)?.ignore_changes ?? [];
      for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
        if (META_ARGUMENTS.has(key) || isDeepStrictEqual(old[key], now[key])) continue;
        const change = `${target}.${key}: ${show(old[key])} -> ${show(now[key])}`;
        if (ignoreChanges === 'all' || ignoreChanges.includes(key)) report.ignored.push(change);
        else if (table.forceNew.includes(key)) report.replaced.push(`${change} forces a new resource (${table.source})`);
        else report.inPlace.push(change);
      }
    }
  }
  return report;
}
