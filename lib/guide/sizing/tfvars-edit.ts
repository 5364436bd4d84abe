/**
 * Edits a tfvars file's text in place for `npm run size -- --write`: only the lines of the variables
 * it owns change, every other line (comments, blank lines, the customer's names and IDs) stays as it
 * is, in its order. An owned variable with a value is set on its line (a commented-out line of it is
 * uncommented where it is, else a new line goes after the last sizing line); an owned variable without
 * a value (one the chosen tier does not read) loses its line. Pure: text in, text out.
 */
import { problem } from '../../rules/checks';
import { InvalidSettingsError } from '../../rules/errors';

/** A one-line value: a scalar, or a map of strings written on one line (`apply_capacity`'s requests per namespace). */
export type TfvarsValue = string | number | boolean | Readonly<Record<string, string>>;

/** One line changed, for the report: `before` or `after` is absent for a line added or removed. */
export interface TfvarsChange {
  readonly name: string;
  readonly before?: string;
  readonly after?: string;
}

export interface TfvarsEdit {
  readonly text: string;
  readonly changes: readonly TfvarsChange[];
}

const ASSIGNMENT = /^(\s*)([A-Za-z_][\w-]*)(\s*=\s*)(.*)$/;
const COMMENTED = /^(\s*)(?:#|\/\/)\s?(\s*)([A-Za-z_][\w-]*)(\s*=\s*)(.*)$/;
/** A quoted string without a template sequence. */
const QUOTED = /"(?:[^"\\$%]|\\.)*"/.source;
/**
 * A single-line scalar (quoted string, number, bool) or map of quoted strings (`{ "a" = "b", ... }`) and
 * what follows it (a comment).
 */
const SCALAR = new RegExp(
  `^(${QUOTED}|-?\\d+(?:\\.\\d+)?|true|false|\\{\\s*(?:${QUOTED}\\s*=\\s*${QUOTED}\\s*,?\\s*)*\\})(\\s*(?:(?:#|\\/\\/).*)?)$`,
);

/** HCL's spelling of a value. */
export function hclValue(value: TfvarsValue): string {
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)} = ${JSON.stringify(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

interface Line {
  text: string;
  readonly name?: string;
  readonly commented?: boolean;
}

/**
 * Sets `values` and removes the other `owned` variables in `text`; `file` names it in messages.
 * Throws InvalidSettingsError when an owned variable is not a one-line scalar (a heredoc, a list),
 * which this editor does not rewrite.
 */
export function editTfvars(
  file: string,
  text: string,
  owned: readonly string[],
  values: Readonly<Record<string, TfvarsValue>>,
): TfvarsEdit {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines: Line[] = [];
  let inBlockComment = false;
  for (const raw of text.split(/\r?\n/)) {
    if (inBlockComment || /^\s*\/\*/.test(raw)) {
      // a line inside /* ... */ is text, never an assignment; the comment ends on the line with */
      inBlockComment = !raw.slice(inBlockComment ? 0 : raw.indexOf('/*') + 2).includes('*/');
      lines.push({ text: raw });
      continue;
    }
    const active = ASSIGNMENT.exec(raw);
    const commented = active ? null : COMMENTED.exec(raw);
    const name = active?.[2] ?? commented?.[3];
    lines.push(name !== undefined && owned.includes(name) ? { text: raw, name, commented: active === null } : { text: raw });
  }
  const finalNewline = /\n$/.test(text) || text === '';
  if (finalNewline) lines.pop(); // the empty text after the final newline, put back below
  const changes: TfvarsChange[] = [];
  const equalsColumn = Math.max(0, ...lines.filter((l) => l.name !== undefined && !l.commented).map((l) => l.text.indexOf('=')));
  const assignment = (indent: string, name: string, column: number, value: TfvarsValue, rest = '') =>
    `${indent}${name.padEnd(Math.max(name.length, column - indent.length - 1))} = ${hclValue(value)}${rest}`;

  for (const name of owned) {
    const activeLine = lines.find((l) => l.name === name && !l.commented);
    const wanted = values[name];
    if (activeLine !== undefined) {
      const [, indent, , equals, rhs] = ASSIGNMENT.exec(activeLine.text) as RegExpExecArray;
      const scalar = SCALAR.exec(rhs);
      if (scalar === null) {
        throw new InvalidSettingsError([
          problem(name, rhs.trim(), `is not a one-line value that npm run size -- --write can replace; edit ${file} by hand`),
        ]);
      }
      if (wanted === undefined) {
        lines.splice(lines.indexOf(activeLine), 1);
        changes.push({ name, before: scalar[1] });
      } else if (scalar[1] !== hclValue(wanted)) {
        activeLine.text = `${indent}${name}${equals}${hclValue(wanted)}${scalar[2]}`;
        changes.push({ name, before: scalar[1], after: hclValue(wanted) });
      }
      continue;
    }
    if (wanted === undefined) continue;
    const commentedLine = lines.find((l) => l.name === name && l.commented);
    if (commentedLine !== undefined) {
      const [, indent, , , equals, rhs] = COMMENTED.exec(commentedLine.text) as RegExpExecArray;
      const rest = /^\S+(\s+(?:#|\/\/).*)$/.exec(rhs)?.[1] ?? '';
      // aligned with the active sizing lines when there are any, else as it was written after the "#"
      const text =
        equalsColumn > 0 ? assignment(indent, name, equalsColumn, wanted, rest) : `${indent}${name}${equals}${hclValue(wanted)}${rest}`;
      lines[lines.indexOf(commentedLine)] = { text, name };
    } else {
      const before = owned.slice(0, owned.indexOf(name));
      const after = owned.slice(owned.indexOf(name) + 1);
      // after the last line of a variable that comes before it, else before the first that comes after, else at the end
      const previous = lines.map((l, i) => (l.name !== undefined && before.includes(l.name) ? i : -1)).filter((i) => i >= 0);
      const next = lines.findIndex((l) => l.name !== undefined && after.includes(l.name));
      const at = previous.length > 0 ? previous[previous.length - 1] + 1 : next >= 0 ? next : lines.length;
      lines.splice(at, 0, { text: assignment('', name, equalsColumn, wanted), name });
    }
    changes.push({ name, after: hclValue(wanted) });
  }
  return { text: lines.map((l) => l.text).join(newline) + (finalNewline ? newline : ''), changes };
}
