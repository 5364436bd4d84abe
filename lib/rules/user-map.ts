/**
 * Maps read from a user's file or environment (tfvars values, settings, tags) are null-prototype
 * objects: a key named `__proto__`, `constructor` or `toString` is then a key like any other, never
 * the object's prototype or an inherited method. Assigning `__proto__` on an ordinary object sets its
 * prototype and drops the key without a word; on a null-prototype object it is an own property.
 */

/** A null-prototype object of `entries`; a later entry wins. */
export function userMap<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const map = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) map[key] = value;
  return map;
}

/** A parsed JSON or HCL value with every object in it copied to a null-prototype object. */
export function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (value === null || typeof value !== 'object') return value;
  return userMap(Object.entries(value).map(([key, item]) => [key, withoutPrototypes(item)] as const));
}
