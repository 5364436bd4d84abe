import { MAX_TAGS, applicationTagList, checkApplicationTags, checkTags } from '../../lib/rules/tags';

describe('Azure tag limits (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations)', () => {
  test('50 tags with the longest name and value Azure allows are accepted', () => {
    const tags = Object.fromEntries(Array.from({ length: MAX_TAGS }, (_, i) => [`${i}`.padEnd(512, 'n'), 'v'.repeat(256)]));
    expect(checkTags('tags', tags)).toEqual([]);
  });

  test('a 51st tag is refused, once, with the count', () => {
    const tags = Object.fromEntries(Array.from({ length: MAX_TAGS + 1 }, (_, i) => [`t${i}`, '']));
    expect(checkTags('tags', tags)).toEqual(['tags: holds 51 tags; Azure allows at most 50 on one resource']);
  });

  test.each([
    [{ ['n'.repeat(513)]: 'v' }, /^tags name = "n{60}"… \(513 characters\): must be at most 512 characters, Azure's limit on a tag name$/],
    [
      { owner: 'v'.repeat(257) },
      /^tags\["owner"\] = "v{60}"… \(257 characters\): must be at most 256 characters, Azure's limit on a tag value$/,
    ],
    [{ '': 'v' }, /^tags\[""\] = "": a tag name must not be empty$/],
    [{ Owner: 'a', owner: 'b' }, /^tags name = "owner": is the tag "Owner" again: Azure ignores case in tag names$/],
    [{ owner: 3 as unknown as string }, /^tags\["owner"\] = 3: must be a quoted string$/],
    [{ 'a${b}': 'v' }, /^tags name = "a\$\{b\}": must not contain "\$\{"/],
    [{ owner: 'a%{b}' }, /^tags\["owner"\] = "a%\{b\}": must not contain "\$\{" or "%\{"/],
    [{ owner: 'a\u202eb' }, /found U\+202E/],
    // cdktf copies tags into plain objects, where this name sets the prototype and the tag vanishes
    [JSON.parse('{"__proto__":"x"}'), /^tags name = "__proto__": cannot be written into Terraform's JSON/],
  ])('%j is refused', (tags, message) => {
    expect(checkTags('tags', tags)).toEqual([expect.stringMatching(message)]);
  });

  test.each(['<', '>', '%', '&', '\\', '?', '/'])('%s in a tag name is refused, and allowed in a value', (character) => {
    expect(checkTags('tags', { [`a${character}b`]: 'v' })).toEqual([expect.stringContaining('must not contain <, >, %, &, \\, ? or /')]);
    expect(checkTags('tags', { owner: `a${character}b` })).toEqual([]);
  });
});

describe('application tags', () => {
  test('one "name=value" per tag, a bare name for an empty value, in the given order', () => {
    expect(applicationTagList({ 'cost-center': '4711', team: 'a=b', empty: '' })).toEqual(['cost-center=4711', 'team=a=b', 'empty']);
  });

  test('empty, repeated and hidden-character tags are refused by position', () => {
    expect(checkApplicationTags('tags', ['a', '', 'a', 'b\u0007'])).toEqual([
      'tags[1] = "": must not be empty',
      'tags[2] = "a": is listed twice',
      'tags[3] = "b\uFFFD": must not contain control or invisible characters (found U+0007)',
    ]);
  });
});
