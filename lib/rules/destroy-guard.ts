import { TerraformResourceLifecycle } from 'cdktf';

/**
 * The `lifecycle` of a resource that holds unread events or credentials a customer re-enters by hand:
 * `prevent_destroy` unless the caller opted out (`preventDestroy: false`, the removal procedure; the
 * default, `true` or the stack-wide switch, is `preventDestroyOf`'s in lib/destroy-guards.ts).
 * Terraform then refuses any plan that destroys it, including a replacement forced by an input change.
 * Opting out leaves `lifecycle` unset rather than writing `prevent_destroy = false`.
 */
export function destroyGuard(preventDestroy: boolean): TerraformResourceLifecycle | undefined {
  return preventDestroy ? { preventDestroy: true } : undefined;
}

/**
 * `destroyGuard` plus Terraform `ignore_changes` on the listed attributes (a lifecycle meta-argument:
 * Terraform plans them as they are in state, so they never force an update or a replacement).
 */
export function guardedLifecycle(preventDestroy: boolean, ignoreChanges: readonly string[]): TerraformResourceLifecycle | undefined {
  const guard = destroyGuard(preventDestroy);
  return ignoreChanges.length === 0 ? guard : { ...guard, ignoreChanges: [...ignoreChanges] };
}
