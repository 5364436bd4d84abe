import { IResolvable, TerraformIterator, Token } from 'cdktf';

/**
 * True when a prop holds a value known at synth. A Terraform reference (a variable, another resource's
 * attribute, an expression) is only known at plan time: the construct leaves it to Terraform and Azure,
 * as AWS CDK does, instead of judging the placeholder cdktf puts in its place.
 */
export function isKnown<T>(value: T | undefined): value is T {
  return value !== undefined && !Token.isUnresolved(value);
}

/** A value given as a Terraform reference (a token): neither known nor absent. */
export function isReference(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

/**
 * The one message for a prop that must be known at synth (it chooses what is created, or feeds
 * arithmetic done here) but is a Terraform reference. It never shows cdktf's placeholder
 * (`${TfToken[TOKEN.6]}`, `-8.1e+298`), which names nothing the user wrote.
 */
export function mustBeKnown(setting: string, allowed: string): string {
  return `${setting} must be known at synth: a Terraform variable or another resource's attribute cannot choose it; give ${allowed}`;
}

/** `mustBeKnown` for a prop given as a Terraform reference, else `undefined` (an absent prop included). */
export function checkKnown(setting: string, value: unknown, allowed: string): string | undefined {
  return isReference(value) ? mustBeKnown(setting, allowed) : undefined;
}

/**
 * One line per required prop that is missing, for callers without TypeScript's checks (plain
 * JavaScript, a config value that is `undefined`): refused at construction rather than at plan.
 */
export function missingProps(props: object | undefined, required: Readonly<Record<string, string>>): string[] {
  const given = (props ?? {}) as Record<string, unknown>;
  return Object.entries(required)
    .filter(([name]) => given[name] === undefined || given[name] === null)
    .map(([name, what]) => `${name} is required: ${what}`);
}

/**
 * The entries of a string map known at synth: a whole-map reference (`Token.asStringMap(variable.value)`)
 * has none, and an entry whose name or value is a reference is left to Azure. What is left is checked.
 */
export function knownEntries(map: Readonly<Record<string, string>>): Record<string, string> {
  if (!isKnown(map)) return {};
  const known: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(map)) if (isKnown(name) && isKnown(value)) known[name] = value;
  return known;
}

/** The entries of a list known at synth: none for a list that is itself a reference (`variable.listValue`). */
export function knownItems<T>(list: readonly T[] | undefined): T[] {
  return isKnown(list) ? list.filter((item) => isKnown(item)) : [];
}

/**
 * A list of nested objects built from a list prop. A literal list (whose entries may be references) is
 * mapped here; a list that is itself a reference is known only at plan, so Terraform builds the objects
 * with a `for` expression (cdktf's iterator) instead of `.map()`, which would throw cdktf's "encoded list
 * token in a scalar string context". `expression` is one object in Terraform syntax, `val` the item.
 */
export function objectsOfList<T, U>(list: readonly T[], build: (item: T) => U, expression: string): U[] | IResolvable {
  if (isKnown(list)) return list.map(build);
  return TerraformIterator.fromList(list as unknown as string[]).forExpressionForList(expression);
}

/** A list prop passed on as a list: copied when literal, the reference itself when it is one. */
export function listOf<T>(list: readonly T[]): T[] {
  return isKnown(list) ? [...list] : (list as T[]);
}
