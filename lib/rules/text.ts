/**
 * The one rule every string from any input passes (a terraform.tfvars value, an xdr.tfvars setting,
 * an XDR_* environment variable) before it is used: pure, so the readers and the constructs share it.
 */
import { problem } from './checks';
import { HIDDEN_CHARACTERS, codePoint, visible } from './terminal';

export { HIDDEN_CHARACTERS, visible };

/** `${` and `%{` start a Terraform template: written into the synthesized JSON, Terraform would evaluate them. */
export const TEMPLATE_SEQUENCE = /[$%]\{/;
/** A whole value that is one reference, such as "${ALERT_EMAIL}" or "${var.region}": a value expected to be filled in. */
const REFERENCE = /^\$\{\s*[A-Za-z_][\w.-]*\s*\}$/;

/**
 * What is wrong with one input string, as one message line naming `setting`, or `undefined` when the
 * string may be used: no template sequence, no hidden character, at most `maxLength` characters
 * (`why` says where the bound comes from, such as ", the longest any of these variables allows").
 */
export function checkText(setting: string, value: string, maxLength: number, why = ''): string | undefined {
  if (REFERENCE.test(value)) {
    return problem(
      setting,
      value,
      'must not contain "${" or "%{": nothing evaluates a reference here (no Terraform variable or template, no environment variable); write the value itself',
    );
  }
  if (TEMPLATE_SEQUENCE.test(value)) {
    return problem(setting, value, 'must not contain "${" or "%{": Terraform template sequences are not allowed in these values');
  }
  const hidden = value.match(HIDDEN_CHARACTERS);
  if (hidden) {
    const heredoc = value.endsWith('\n') ? '; a heredoc (<<EOT) always ends with a newline, so write a quoted string' : '';
    return problem(setting, visible(value), `must not contain control or invisible characters (found ${codePoint(hidden[0])})${heredoc}`);
  }
  if (value.length > maxLength) return problem(setting, value, `must be at most ${maxLength} characters${why}`);
  return undefined;
}
