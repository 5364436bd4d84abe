/**
 * A construct's `location`. Apart from regions.ts, whose look-alike search loads a string-distance
 * package the construct library must not load (__tests__/package/module-loading.integration.test.ts).
 */
import { problem } from './checks';
import { checkText } from './text';

/** Longer than any Azure region's code or display name. */
const MAX_LOCATION_CHARS = 90;

/**
 * Not judged against the region table (azurerm also takes display names such as "West Europe", and
 * clouds other than the public one), only required and passed through the input hygiene rule, so a
 * `${` cannot reach Terraform's JSON.
 */
export function checkLocation(setting: string, location: string): string | undefined {
  if (location === '') return problem(setting, location, 'must be an Azure region, such as "eastus"');
  return checkText(setting, location, MAX_LOCATION_CHARS);
}
