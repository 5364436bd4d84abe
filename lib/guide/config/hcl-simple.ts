/**
 * The attributes of a tfvars file written the way the guide's files are, one `name = value` per line,
 * without starting HashiCorp's parser: a Go program compiled to WebAssembly whose start is most of the
 * first synth after an edit (help/performance.md). Only a text every line of which is blank, a comment,
 * or an assignment of a plain quoted string, a number or a bool is read here; anything else (an escape,
 * a template, a list, a heredoc, a block comment, a repeated name, a character HCL might read another
 * way) returns `undefined`, and the caller parses with HashiCorp's parser, whose messages and edge cases
 * the tests pin. `__tests__/guide/config/hcl-simple.test.ts` checks, on generated files, that what this
 * returns is what `@cdktf/hcl2json` returns. Pure: no import.
 */

/** An ASCII identifier: HCL also takes other letters, which are left to its parser. */
const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
/** A quoted string with no escape and no control character (templates are refused on the whole text). */
const STRING = '"[^"\\\\\\u0000-\\u001f\\u007f]*"';
/** A number as JSON writes it back: no leading zero, no exponent, not so long that a float rounds it. */
const NUMBER = '-?[1-9][0-9]{0,14}(?:\\.[0-9]{1,15})?|0(?:\\.[0-9]{1,15})?';
/** HCL's blanks within a line are spaces and tabs (other spaces are not whitespace to it). */
const BLANK = '[ \\t]*';
const COMMENT = `(?:(?:#|//)[^\\n]*)?`;
const ASSIGNMENT = new RegExp(`^${BLANK}(${NAME})${BLANK}=${BLANK}(${STRING}|${NUMBER}|true|false)${BLANK}${COMMENT}$`);
const NOTHING = new RegExp(`^${BLANK}${COMMENT}$`);
/** What makes a text more than plain lines: templates, escapes, block comments, heredocs, a lone CR, a BOM. */
const NOT_SIMPLE = /\$\{|%\{|\\|\/\*|<<|\r(?!\n)|^\uFEFF/;

/** The attributes of `text` when it is a simple tfvars file, else `undefined` (parse it with HCL's parser). */
export function parseSimpleTfvars(text: string): Record<string, unknown> | undefined {
  if (NOT_SIMPLE.test(text)) return undefined;
  const values: Record<string, unknown> = Object.create(null);
  for (const line of text.split(/\r?\n/)) {
    if (NOTHING.test(line)) continue;
    const match = ASSIGNMENT.exec(line);
    if (match === null) return undefined;
    const [, name, value] = match;
    // HCL refuses a repeated name ("Attribute redefined"): its parser says so
    if (Object.prototype.hasOwnProperty.call(values, name)) return undefined;
    values[name] = value.startsWith('"') ? value.slice(1, -1) : value === 'true' ? true : value === 'false' ? false : Number(value);
  }
  return values;
}
