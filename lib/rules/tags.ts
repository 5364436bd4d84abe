/**
 * Azure resource tags, refused at synth as Azure Resource Manager would refuse them at deploy
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations):
 * at most 50 tags on a resource, a name of 1-512 characters without `<`, `>`, `%`, `&`, `\`, `?` or `/`,
 * a value of at most 256 characters. Names are compared without case by Azure, so two names that differ
 * only in case are one tag. Every name and value also passes the input hygiene rule.
 */
import { failures, problem, showValue } from './checks';
import { checkText } from './text';

export const MAX_TAGS = 50;
export const MAX_TAG_NAME_CHARS = 512;
export const MAX_TAG_VALUE_CHARS = 256;
const FORBIDDEN_IN_TAG_NAME = /[<>%&\\?/]/;
/** The one key a plain JavaScript object cannot hold by assignment (cdktf's hashMapper and resolve assign). */
const PROTOTYPE_KEY = '__proto__';

/** Every problem with a set of tags, each line naming `setting[name]`; empty when Azure would accept them. */
export function checkTags(setting: string, tags: Readonly<Record<string, string>>): string[] {
  const names = Object.keys(tags);
  if (names.length > MAX_TAGS) {
    return [`${setting}: holds ${names.length} tags; Azure allows at most ${MAX_TAGS} on one resource`];
  }
  const found: string[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const entry = `${setting}[${showValue(name)}]`;
    const nameFault =
      name.length === 0
        ? problem(entry, name, 'a tag name must not be empty')
        : checkText(`${setting} name`, name, MAX_TAG_NAME_CHARS, ", Azure's limit on a tag name");
    if (nameFault !== undefined) {
      found.push(nameFault);
      continue;
    }
    if (name === PROTOTYPE_KEY) {
      found.push(
        problem(
          `${setting} name`,
          name,
          "cannot be written into Terraform's JSON: cdktf copies tags into plain JavaScript objects, where this name sets the object's prototype and the tag vanishes from every resource; choose another name",
        ),
      );
      continue;
    }
    if (FORBIDDEN_IN_TAG_NAME.test(name)) {
      found.push(problem(`${setting} name`, name, 'must not contain <, >, %, &, \\, ? or /; Azure refuses them in tag names'));
      continue;
    }
    const sameName = seen.get(name.toLowerCase());
    if (sameName !== undefined)
      found.push(problem(`${setting} name`, name, `is the tag ${showValue(sameName)} again: Azure ignores case in tag names`));
    seen.set(name.toLowerCase(), name);
    const value = tags[name];
    if (typeof value !== 'string') found.push(problem(entry, value, 'must be a quoted string'));
    else found.push(...failures(checkText(entry, value, MAX_TAG_VALUE_CHARS, ", Azure's limit on a tag value")));
  }
  return found;
}

/**
 * The tags as Entra ID application tags, a list of strings: `name=value` each (a bare `name` when the
 * value is empty), so the application carries the same tags as the Azure resources, searchable with
 * Microsoft Graph's `tags/any(t: t eq 'name=value')`.
 */
export function applicationTagList(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags).map(([name, value]) => (value === '' ? name : `${name}=${value}`));
}

/** The longest `name=value` an Azure tag makes. */
const MAX_APPLICATION_TAG_CHARS = MAX_TAG_NAME_CHARS + 1 + MAX_TAG_VALUE_CHARS;

/** Every problem with an application's tag list: non-empty strings that pass the hygiene rule, none twice. */
export function checkApplicationTags(setting: string, tags: readonly string[]): string[] {
  const found: string[] = [];
  tags.forEach((tag, i) => {
    const entry = `${setting}[${i}]`;
    const fault =
      tag === ''
        ? problem(entry, tag, 'must not be empty')
        : checkText(entry, tag, MAX_APPLICATION_TAG_CHARS, ', the longest "name=value" of an Azure tag');
    if (fault !== undefined) found.push(fault);
    else if (tags.indexOf(tag) < i) found.push(problem(entry, tag, 'is listed twice'));
  });
  return found;
}
