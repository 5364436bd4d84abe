/** The did-you-mean of every refusal of a name (a variable, a setting, a region code). */
import { closest, distance } from 'fastest-levenshtein';

/** The entry of `known` nearest to `name` when at most `maxEdits` edits away (a likely typo), else `undefined`. */
export function nearest(name: string, known: readonly string[], maxEdits: number): string | undefined {
  const suggestion = closest(name, known as string[]);
  return distance(name, suggestion) <= maxEdits ? suggestion : undefined;
}
