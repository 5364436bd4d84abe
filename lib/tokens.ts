import { Token } from 'cdktf';

/**
 * True when a prop holds a value known at synth. A Terraform reference (a variable, another resource's
 * attribute, an expression) is only known at plan time: the construct leaves it to Terraform and Azure,
 * as AWS CDK does, instead of judging the placeholder cdktf puts in its place.
 */
export function isKnown<T>(value: T | undefined): value is T {
  return value !== undefined && !Token.isUnresolved(value);
}
