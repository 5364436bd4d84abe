/**
 * Azure RBAC as the permissions API reports it: a list of `{ actions, notActions }`, one per role
 * the identity holds at a scope. An action is allowed when one entry's actions match it (with `*`
 * wildcards, without case) and the same entry's notActions do not.
 */
import type { Permission } from '@azure/arm-authorization';

function matches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return regex.test(action);
}

export function isAllowed(permissions: readonly Permission[], action: string): boolean {
  return permissions.some(
    (p) => (p.actions ?? []).some((a) => matches(a, action)) && !(p.notActions ?? []).some((n) => matches(n, action)),
  );
}

/** The actions of `actions` that no permission allows. */
export function missingActions(permissions: readonly Permission[], actions: readonly string[]): string[] {
  return actions.filter((action) => !isAllowed(permissions, action));
}
