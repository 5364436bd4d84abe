/**
 * The one function that makes text from a file or a Terraform state safe to print on a terminal. Pure,
 * and in the library layer because the library's own messages (`showValue`) use it as well as every
 * command of the guide (`npm run values`, `npm run size`, the synth's lines). Imports nothing, so every
 * rule (text.ts, checks.ts, lookalike.ts) can use it without an import loop.
 */
/**
 * Characters no setting needs and that disguise a value or the message echoing it: controls (ESC starts
 * a terminal escape), format characters (bidi overrides such as U+202E, zero-width ones), line and
 * paragraph separators, surrogates, private use, the default-ignorable code points that render as
 * nothing (U+3164 HANGUL FILLER, variation selectors), and every space but the ASCII one (the
 * Unicode Zs list, which `\p{Zs}` cannot subtract from without ES2024's `v` flag).
 */
export const HIDDEN_CHARACTERS =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Default_Ignorable_Code_Point}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;

/** A character as a message names it: `U+0435`. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A value as a message may show it: hidden characters replaced by U+FFFD, so the line cannot be garbled or disguised. */
export function visible(value: string): string;
export function visible(value: unknown): unknown;
export function visible(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(HIDDEN_CHARACTERS, '\uFFFD') : value;
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with every character that could act on a terminal or disguise a line written visibly as an
 * escape: C0 and C1 controls (ESC starts a terminal sequence, BEL rings, CR and LF start a forged
 * line), DEL, bidi controls (U+202E), line and paragraph separators, and the other invisible
 * characters of `HIDDEN_CHARACTERS`. LF, CR and tab become `\n`, `\r`, `\t`; every other one `\uXXXX`
 * per UTF-16 unit. Both forms are JSON escapes too, so applied to a JSON document the result still
 * parses to the same values. Plain text, including backslashes, is left as it is, so an ordinary
 * secret or path prints unchanged and can be copied.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    HIDDEN_CHARACTERS,
    (c) => NAMED[c] ?? [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
