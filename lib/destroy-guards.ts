import { IConstruct } from 'constructs';

/**
 * Context key of the stack-wide switch for destroy guards: `false` (in `cdktf.json`'s `context`, or
 * set with `setDestroyGuards`) makes `preventDestroy` default to `false` on every construct below,
 * for ephemeral environments that are created and destroyed by a pipeline. A `preventDestroy` given on
 * a construct still wins.
 */
export const PREVENT_DESTROY_CONTEXT = 'xdr-defender-eventhub:preventDestroy';

/**
 * Turns the library's destroy guards on or off for every construct under `scope` (an app or a stack)
 * by default. Call it before adding constructs to the scope: constructs refuse context set after their
 * first child.
 */
export function setDestroyGuards(scope: IConstruct, enabled: boolean): void {
  scope.node.setContext(PREVENT_DESTROY_CONTEXT, enabled);
}

/** The `preventDestroy` a construct applies: the prop, else the stack-wide switch, else `true`. */
export function preventDestroyOf(scope: IConstruct, given: boolean | undefined): boolean {
  if (given !== undefined) return given;
  const context: unknown = scope.node.tryGetContext(PREVENT_DESTROY_CONTEXT);
  return !(context === false || context === 'false');
}
