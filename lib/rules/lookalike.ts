/**
 * Look-alikes: a letter of another script among Latin ones (U+0435 CYRILLIC SMALL LETTER IE in
 * "al\u0435rt_email" or "ex\u0430mple.com") prints like the Latin letter, so a name reads right and
 * is wrong, and an address reads like the SOC's own and mails someone else. Scripts come from the
 * JavaScript engine's Unicode data (`\\p{Script=…}`); the names of the letters that pass for Latin
 * ones are in the table below, taken from the Unicode Character Database (Python's unicodedata).
 * Pure: no cdktf import.
 */
import { codePoint, terminalSafe } from './terminal';

/** The Cyrillic and Greek letters that print like a Latin letter: the Latin one and the Unicode name. */
const LATIN_LOOKALIKES: ReadonlyMap<string, readonly [latin: string, name: string]> = new Map<string, readonly [string, string]>([
  ['\u0430', ['a', 'CYRILLIC SMALL LETTER A']],
  ['\u0435', ['e', 'CYRILLIC SMALL LETTER IE']],
  ['\u043E', ['o', 'CYRILLIC SMALL LETTER O']],
  ['\u0440', ['p', 'CYRILLIC SMALL LETTER ER']],
  ['\u0441', ['c', 'CYRILLIC SMALL LETTER ES']],
  ['\u0443', ['y', 'CYRILLIC SMALL LETTER U']],
  ['\u0445', ['x', 'CYRILLIC SMALL LETTER HA']],
  ['\u0455', ['s', 'CYRILLIC SMALL LETTER DZE']],
  ['\u0456', ['i', 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I']],
  ['\u0458', ['j', 'CYRILLIC SMALL LETTER JE']],
  ['\u04BB', ['h', 'CYRILLIC SMALL LETTER SHHA']],
  ['\u04CF', ['l', 'CYRILLIC SMALL LETTER PALOCHKA']],
  ['\u0501', ['d', 'CYRILLIC SMALL LETTER KOMI DE']],
  ['\u051B', ['q', 'CYRILLIC SMALL LETTER QA']],
  ['\u051D', ['w', 'CYRILLIC SMALL LETTER WE']],
  ['\u04AF', ['y', 'CYRILLIC SMALL LETTER STRAIGHT U']],
  ['\u0410', ['A', 'CYRILLIC CAPITAL LETTER A']],
  ['\u0412', ['B', 'CYRILLIC CAPITAL LETTER VE']],
  ['\u0415', ['E', 'CYRILLIC CAPITAL LETTER IE']],
  ['\u041A', ['K', 'CYRILLIC CAPITAL LETTER KA']],
  ['\u041C', ['M', 'CYRILLIC CAPITAL LETTER EM']],
  ['\u041D', ['H', 'CYRILLIC CAPITAL LETTER EN']],
  ['\u041E', ['O', 'CYRILLIC CAPITAL LETTER O']],
  ['\u0420', ['P', 'CYRILLIC CAPITAL LETTER ER']],
  ['\u0421', ['C', 'CYRILLIC CAPITAL LETTER ES']],
  ['\u0422', ['T', 'CYRILLIC CAPITAL LETTER TE']],
  ['\u0425', ['X', 'CYRILLIC CAPITAL LETTER HA']],
  ['\u0405', ['S', 'CYRILLIC CAPITAL LETTER DZE']],
  ['\u0406', ['I', 'CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I']],
  ['\u0408', ['J', 'CYRILLIC CAPITAL LETTER JE']],
  ['\u04AE', ['Y', 'CYRILLIC CAPITAL LETTER STRAIGHT U']],
  ['\u051A', ['Q', 'CYRILLIC CAPITAL LETTER QA']],
  ['\u051C', ['W', 'CYRILLIC CAPITAL LETTER WE']],
  ['\u03B1', ['a', 'GREEK SMALL LETTER ALPHA']],
  ['\u03B9', ['i', 'GREEK SMALL LETTER IOTA']],
  ['\u03BA', ['k', 'GREEK SMALL LETTER KAPPA']],
  ['\u03BD', ['v', 'GREEK SMALL LETTER NU']],
  ['\u03BF', ['o', 'GREEK SMALL LETTER OMICRON']],
  ['\u03C1', ['p', 'GREEK SMALL LETTER RHO']],
  ['\u03C5', ['u', 'GREEK SMALL LETTER UPSILON']],
  ['\u03C7', ['x', 'GREEK SMALL LETTER CHI']],
  ['\u0391', ['A', 'GREEK CAPITAL LETTER ALPHA']],
  ['\u0392', ['B', 'GREEK CAPITAL LETTER BETA']],
  ['\u0395', ['E', 'GREEK CAPITAL LETTER EPSILON']],
  ['\u0396', ['Z', 'GREEK CAPITAL LETTER ZETA']],
  ['\u0397', ['H', 'GREEK CAPITAL LETTER ETA']],
  ['\u0399', ['I', 'GREEK CAPITAL LETTER IOTA']],
  ['\u039A', ['K', 'GREEK CAPITAL LETTER KAPPA']],
  ['\u039C', ['M', 'GREEK CAPITAL LETTER MU']],
  ['\u039D', ['N', 'GREEK CAPITAL LETTER NU']],
  ['\u039F', ['O', 'GREEK CAPITAL LETTER OMICRON']],
  ['\u03A1', ['P', 'GREEK CAPITAL LETTER RHO']],
  ['\u03A4', ['T', 'GREEK CAPITAL LETTER TAU']],
  ['\u03A5', ['Y', 'GREEK CAPITAL LETTER UPSILON']],
  ['\u03A7', ['X', 'GREEK CAPITAL LETTER CHI']],
]);

/** The scripts named in messages; a letter of any other is "a letter of another script". */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Cherokee',
  'Arabic',
  'Hebrew',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
].map((script) => [script, new RegExp(`^\\p{Script=${script}}$`, 'u')] as const);
const LETTER = /^\p{L}$/u;

/** The script of one letter, or undefined for a digit, a mark or punctuation (common to every script). */
export function scriptOf(character: string): string | undefined {
  if (!LETTER.test(character)) return undefined;
  return SCRIPTS.find(([, pattern]) => pattern.test(character))?.[0] ?? 'another script';
}

/** One character as a message names it: "U+0435 CYRILLIC SMALL LETTER IE", else "U+0436, a Cyrillic letter". */
export function describeCharacter(character: string): string {
  const code = codePoint(character);
  const known = LATIN_LOOKALIKES.get(character);
  if (known !== undefined) return `${code} ${known[1]}`;
  const script = scriptOf(character);
  if (script === undefined) return code;
  const letter = script === 'another script' ? 'letter of another script' : `${script} letter`;
  return `${code}, ${/^[AEIOU]/.test(letter) ? 'an' : 'a'} ${letter}`;
}

/**
 * Scripts written together in one word: Japanese mixes Han, Hiragana and Katakana, Korean Han and
 * Hangul, and either may hold Latin letters (Unicode's "highly restrictive" profile, UTS #39 5.2).
 */
const EAST_ASIAN = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul']);
const group = (script: string) => (EAST_ASIAN.has(script) ? 'Han' : script);

/**
 * The letters of `text` that are not in the script most of its letters are in (Latin winning a tie);
 * empty when it is written in one script, or in scripts that are written together.
 */
export function oddLetters(text: string): string[] {
  const letters = [...text].map((c) => [c, scriptOf(c)] as const).filter((l): l is readonly [string, string] => l[1] !== undefined);
  const counts = new Map<string, number>();
  for (const [, script] of letters) counts.set(group(script), (counts.get(group(script)) ?? 0) + 1);
  if (counts.size < 2 || (counts.size === 2 && counts.has('Latin') && counts.has('Han'))) return [];
  const main = [...counts].sort((a, b) => b[1] - a[1] || Number(b[0] === 'Latin') - Number(a[0] === 'Latin'))[0][0];
  return letters.filter(([, script]) => group(script) !== main).map(([c]) => c);
}

/** `text` with every letter that passes for a Latin one replaced by it: "al\u0435rt" becomes "alert". */
export function latinSkeleton(text: string): string {
  return [...text].map((c) => LATIN_LOOKALIKES.get(c)?.[0] ?? c).join('');
}

/**
 * Why an e-mail address is a look-alike, or undefined: its local part or a label of its domain mixes
 * scripts (a Cyrillic letter in a Latin domain), or a label is written wholly in letters that pass for
 * Latin ones among Latin labels ("\u0430\u0440\u0440\u04CF\u0435.com" for "apple.com"). A domain written in one
 * script (an internationalized domain such as "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444") passes.
 */
export function emailLookalike(address: string): string | undefined {
  // a label is shown as the value is: JSON-quoted, with hidden and direction characters escaped
  const shown = (label: string) => terminalSafe(JSON.stringify(label));
  const at = address.lastIndexOf('@');
  const labels = address.slice(at + 1).split('.');
  const parts: Array<readonly [string, string]> = [
    ['its local part', address.slice(0, at)],
    ...labels.map((label) => [`its domain label ${shown(label)}`, label] as const),
  ];
  for (const [where, text] of parts) {
    const odd = oddLetters(text);
    const main = [...text].map(scriptOf).find((script) => script !== undefined && script !== scriptOf(odd[0] ?? ''));
    if (odd.length > 0) return `${where} holds ${describeCharacter(odd[0])} among ${main} letters, a look-alike; retype the address`;
  }
  const latin = (label: string) => [...label].some((c) => scriptOf(c) === 'Latin');
  const disguised = labels.find((label) => !latin(label) && labels.some(latin) && /^[A-Za-z0-9-]+$/.test(latinSkeleton(label)));
  if (disguised === undefined) return undefined;
  const script = [...disguised].map(scriptOf).find((s) => s !== undefined);
  return `its domain label ${shown(disguised)} is ${script} letters that print like the Latin ${JSON.stringify(latinSkeleton(disguised))}, among Latin labels, a look-alike; retype the address`;
}
