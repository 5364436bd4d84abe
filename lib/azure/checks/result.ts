/**
 * What every preflight and health check returns: a status, one line of detail, and for a failure
 * what to do. No printing here: the commands (bin/preflight.ts, bin/health.ts) print, a platform team's
 * pipeline may read the objects instead.
 */

/** `unknown`: the check could not be made (no permission to look, throttled, not signed in). */
export type CheckStatus = 'passed' | 'failed' | 'unknown';

export interface CheckResult {
  /** What was checked, in a few words ("namespace name available"). */
  readonly check: string;
  readonly status: CheckStatus;
  /** One line: what was found, or why it could not be checked. */
  readonly detail: string;
  /** One line: what to do, for `failed` (and for `unknown` when there is something to do). */
  readonly fix?: string;
  /** Measured values behind the line (metric series, secrets), for --json and the picture. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export const passed = (check: string, detail: string, data?: CheckResult['data']): CheckResult => ({
  check,
  status: 'passed',
  detail,
  ...(data ? { data } : {}),
});

export const failed = (check: string, detail: string, fix: string, data?: CheckResult['data']): CheckResult => ({
  check,
  status: 'failed',
  detail,
  fix,
  ...(data ? { data } : {}),
});

/** The parts of an Azure SDK `RestError` (or a credential's error) a line is made of. */
interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly statusCode?: number;
  readonly code?: string;
}

/** The action ARM names in an AuthorizationFailed message ("... to perform action 'X' over scope ..."). */
const DENIED_ACTION = /perform action '([^']+)'/i;

/** The status of an Azure SDK error (`RestError.statusCode`), when it is one. */
export function statusOf(error: unknown): number | undefined {
  return (error as ErrorLike | undefined)?.statusCode;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split(/\r?\n/)[0].replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * A check that could not be made, in one line: a 403 names the permission that is missing (the one
 * ARM names, else `permission`, what the check needed), a 429 that outlived the SDK's retries says to
 * try again, a credential that found no sign-in says how to sign in.
 */
export function notCheckable(check: string, error: unknown, permission: string): CheckResult {
  const e = (error ?? {}) as ErrorLike;
  const code = e.code ? ` (${e.code})` : '';
  if (e.name === 'CredentialUnavailableError' || e.name === 'AggregateAuthenticationError' || e.name === 'AuthenticationRequiredError') {
    return {
      check,
      status: 'unknown',
      detail: 'not signed in to Azure',
      fix: 'run az login (Cloud Shell is signed in already), or set the AZURE_* variables of a service principal or workload identity',
    };
  }
  if (e.statusCode === 401) {
    // a token Azure does not take here: expired, or issued by another tenant than the resource's
    return {
      check,
      status: 'unknown',
      detail: `could not be checked: Azure refused the sign-in${code}: ${firstLine(e.message)}`,
      fix: 'sign in again, to the tenant azure_tenant_id names (az login --tenant <azure_tenant_id>)',
    };
  }
  if (e.statusCode === 403) {
    const named = DENIED_ACTION.exec(e.message ?? '')?.[1] ?? permission;
    return {
      check,
      status: 'unknown',
      detail: `could not be checked: the signed-in identity lacks ${named}${code}`,
      fix: `ask for a role that grants ${named}, or have someone who holds one run this`,
    };
  }
  if (e.statusCode === 429) {
    return {
      check,
      status: 'unknown',
      detail: `could not be checked: Azure is throttling requests${code}`,
      fix: 'run it again in a minute',
    };
  }
  const status = e.statusCode ? `HTTP ${e.statusCode}` : e.code || e.name || 'error';
  return { check, status: 'unknown', detail: `could not be checked: ${status}: ${firstLine(e.message)}` };
}
