/**
 * How `npm run preflight` and `npm run health` print check results: one line per check (status,
 * check, detail, and for a failure what to do), a picture under the checks that carry metric series,
 * and one result line; or, with --json, the results as they are.
 */
import type { CheckResult } from '../../azure/checks/result';
import { sparkline } from '../../azure/checks/metrics';
import { visible } from '../../rules/terminal';

export interface StackReport {
  readonly stack: string;
  /** Where the stack's input came from (a tfvars file, a state), shown after the name. */
  readonly source: string;
  readonly results: readonly CheckResult[];
}

const MARK: Readonly<Record<CheckResult['status'], string>> = { passed: 'passed ', failed: 'FAILED ', unknown: 'unknown' };

function picture(result: CheckResult): string[] {
  const hour = result.data?.lastHourPer5Minutes as Array<number | null> | undefined;
  const day = result.data?.last24HoursPerHour as Array<number | null> | undefined;
  if (hour === undefined || day === undefined) return [];
  return [`           last hour per 5 min |${sparkline(hour)}|  last 24 h per hour |${sparkline(day)}|`];
}

export function formatReport(report: StackReport): string {
  const lines = [`${report.stack} (${visible(report.source)})`];
  for (const r of report.results) {
    const fix = r.fix ? ` -> ${r.fix}` : '';
    // text from Azure (display names, error messages) cannot move the cursor or recolour the terminal
    lines.push(visible(`  ${MARK[r.status]}  ${r.check}: ${r.detail}${fix}`), ...picture(r));
  }
  return lines.join('\n') + '\n';
}

export function summaryLine(reports: readonly StackReport[]): string {
  const all = reports.flatMap((r) => r.results);
  const count = (status: CheckResult['status']) => all.filter((r) => r.status === status).length;
  return `Result: ${count('failed')} failed, ${count('unknown')} not checkable, ${count('passed')} passed.\n`;
}

export const anyFailed = (reports: readonly StackReport[]) => reports.some((r) => r.results.some((c) => c.status === 'failed'));
