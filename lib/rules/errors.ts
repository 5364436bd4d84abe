/**
 * Every refused input, whether a tfvars file or construct props, surfaces as one of these: a list of
 * one-line problems, all of them at once, so a customer fixes a file in one pass.
 */
export class InvalidSettingsError extends Error {
  /** The problems, one line each, prefixed with the construct or file they concern. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], source?: string) {
    const prefix = source ? `${source}: ` : '';
    super(problems.map((p) => prefix + p).join('\n'));
    this.name = 'InvalidSettingsError';
    this.problems = problems.map((p) => prefix + p);
  }
}

/** Throws when any check failed; constructs call it first so nothing invalid reaches the tree. */
export function assertNoProblems(problems: readonly string[], source: string): void {
  if (problems.length > 0) throw new InvalidSettingsError(problems, source);
}
