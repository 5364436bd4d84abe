import { showValue } from '../../lib/rules/checks';
import { HIDDEN_CHARACTERS, checkText } from '../../lib/rules/text';

describe('the input hygiene rule', () => {
  test('ordinary text, letters of any script and ASCII spaces pass', () => {
    for (const value of ['soc@example.com', 'Zürich Ops', '東京', 'a$b', '100%', '{x}', '$ {x}', '😀']) {
      expect(checkText('s', value, 20)).toBeUndefined();
    }
  });

  test.each(['${', '%{', 'a${b}', '$${x}', '%%{x}'])('%j: a template sequence is refused', (value) => {
    expect(checkText('s', value, 20)).toMatch(/^s = .*: must not contain "\$\{" or "%\{"/);
  });

  test.each([
    ['\u0000', 'U+0000'],
    ['\u001b', 'U+001B'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\u00ad', 'U+00AD'],
    ['\u00a0', 'U+00A0'],
    ['\u200b', 'U+200B'],
    ['\u200d', 'U+200D'],
    ['\u2028', 'U+2028'],
    ['\u2029', 'U+2029'],
    ['\u202e', 'U+202E'],
    ['\u2066', 'U+2066'],
    ['\u3000', 'U+3000'],
    ['\u3164', 'U+3164'],
    ['\ufe0f', 'U+FE0F'],
    ['\ufeff', 'U+FEFF'],
    ['\ue000', 'U+E000'],
    ['\ud800', 'U+D800'],
  ])('a hidden character %j is refused and named', (character, code) => {
    const line = checkText('s', `a${character}b`, 20) as string;
    expect(line).toBe(`s = "a\uFFFDb": must not contain control or invisible characters (found ${code})`);
  });

  test('the length bound is per call, with the reason given', () => {
    expect(checkText('s', 'abcd', 3, ', the longest of these')).toBe('s = "abcd": must be at most 3 characters, the longest of these');
    expect(checkText('s', 'abc', 3)).toBeUndefined();
  });

  test('messages escape every character the rule refuses', () => {
    for (const character of ['\u3164', '\u00a0', '\u202e', '\u2028', '\ufe0f']) {
      expect(showValue(`a${character}b`)).not.toMatch(HIDDEN_CHARACTERS);
    }
  });
});
