/**
 * The one function that makes text from a file or a Terraform state safe to print on a terminal. Pure,
 * and in the library layer because the library's own messages (`showValue`) use it as well as every
 * command of the guide (`npm run values`, `npm run size`, the synth's lines).
 */
import { HIDDEN_CHARACTERS } from './text';

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
