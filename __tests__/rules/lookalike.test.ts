/** Look-alike letters: scripts from the engine's Unicode data, names from the table, checked against each other. */
import { describeCharacter, emailLookalike, latinSkeleton, oddLetters, scriptOf } from '../../lib/rules/lookalike';
import { checkEmail } from '../../lib/rules/checks';
import { userMap, withoutPrototypes } from '../../lib/rules/user-map';

/** Every letter of the table, as the module exposes it: a letter whose skeleton is a Latin letter. */
const TABLE = Array.from({ length: 0x0530 - 0x0370 }, (_, i) => String.fromCodePoint(0x0370 + i)).filter((c) => latinSkeleton(c) !== c);

test('the table holds Cyrillic and Greek letters only, each named by its script and standing for one Latin letter', () => {
  expect(TABLE.length).toBeGreaterThan(40);
  for (const letter of TABLE) {
    const script = scriptOf(letter);
    expect(['Cyrillic', 'Greek']).toContain(script);
    expect(describeCharacter(letter)).toMatch(new RegExp(`^U\\+[0-9A-F]{4} ${script?.toUpperCase()} (SMALL|CAPITAL) LETTER [A-Z -]+$`));
    expect(latinSkeleton(letter)).toMatch(/^[A-Za-z]$/);
    // a small letter stands for a small one, a capital for a capital
    expect(latinSkeleton(letter) === latinSkeleton(letter).toUpperCase()).toBe(describeCharacter(letter).includes('CAPITAL'));
  }
});

test.each([
  ['\u0435', 'U+0435 CYRILLIC SMALL LETTER IE'],
  ['\u0436', 'U+0436, a Cyrillic letter'],
  ['\u0561', 'U+0561, an Armenian letter'],
  ['7', 'U+0037'],
])('%j is described as %j', (character, described) => {
  expect(describeCharacter(character)).toBe(described);
});

test.each([
  ['alert_email', []],
  ['al\u0435rt_email', ['\u0435']],
  ['\u043F\u0440\u0438\u043C\u0435\u0440', []],
  ['\u043F\u0440\u0438\u043Cer', ['e', 'r']],
  ['東京tokyo', []],
  ['例え', []],
  ['m\u00FCnchen', []],
])('the odd letters of %j are %j', (text, odd) => {
  expect(oddLetters(text)).toEqual(odd);
});

test.each([
  'soc@example.com',
  'soc@m\u00FCnchen.de',
  'soc@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444',
  'soc@\u4F8B\u3048.jp',
  'soc@xn--80ak6aa92e.com',
  '\u0441\u043E\u0446@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444',
])('an address in one script per part is not a look-alike: %s', (address) => {
  expect(emailLookalike(address)).toBeUndefined();
  expect(checkEmail('alert_email', address)).toBeUndefined();
});

test.each([
  ['soc@ex\u0430mple.com', 'its domain label "ex\u0430mple" holds U+0430 CYRILLIC SMALL LETTER A among Latin letters'],
  ['s\u043Ec@example.com', 'its local part holds U+043E CYRILLIC SMALL LETTER O among Latin letters'],
  ['soc@example.c\u03BFm', 'its domain label "c\u03BFm" holds U+03BF GREEK SMALL LETTER OMICRON among Latin letters'],
  [
    'soc@\u0430\u0440\u0440\u04CF\u0435.com',
    'its domain label "\u0430\u0440\u0440\u04CF\u0435" is Cyrillic letters that print like the Latin "apple"',
  ],
])('a look-alike address is refused, naming the letter: %s', (address, reason) => {
  expect(checkEmail('alert_email', address)).toContain(`alert_email = "${address}": ${reason}`);
});

test('a look-alike label with a direction override is named escaped, as the value is', () => {
  const reason = emailLookalike('soc@ex\u0430\u202Emple.com');
  expect(reason).toBe(
    'its domain label "ex\u0430\\u202emple" holds U+0430 CYRILLIC SMALL LETTER A among Latin letters, a look-alike; retype the address',
  );
  expect(reason).not.toMatch(/\u202E/);
});

test('a user map holds __proto__, constructor and toString as keys like any other, however deep', () => {
  const map = userMap([
    ['__proto__', 'x'],
    ['constructor', 'y'],
  ]);
  expect(Object.keys(map)).toEqual(['__proto__', 'constructor']);
  expect(Object.getPrototypeOf(map)).toBeNull();
  const parsed = withoutPrototypes(JSON.parse('{"tags":{"__proto__":"x","toString":"y"},"list":[{"__proto__":1}]}')) as any;
  expect(Object.keys(parsed.tags)).toEqual(['__proto__', 'toString']);
  expect(parsed.tags.toString).toBe('y');
  expect(Object.getPrototypeOf(parsed.list[0])).toBeNull();
  expect(Object.keys(parsed.list[0])).toEqual(['__proto__']);
});
