import { execFileSync } from 'child_process';
import { checkGuid, checkOneOf, checkWholeNumber, problem, shellWord, showValue } from '../../lib/rules/checks';

describe('messages', () => {
  test('name the setting, the value as written and what is allowed', () => {
    expect(problem('eventhub_tier', 'Basic', 'must be one of "Standard", "Premium"')).toBe(
      'eventhub_tier = "Basic": must be one of "Standard", "Premium"',
    );
  });

  test('long values are shortened and control characters escaped, so a message stays one line', () => {
    const shown = showValue(`${'x'.repeat(100)}\n`);
    expect(shown).toBe(`"${'x'.repeat(60)}"… (101 characters)`);
    expect(showValue('a\nb\u0007')).toBe('"a\\nb\\u0007"');
  });

  test('a path in a command to type is one shell word: bare when plain, else single-quoted', () => {
    expect(shellWord('cdktf.out.replacement')).toBe('cdktf.out.replacement');
    expect(shellWord('/home/me/clouddrive/tenants/acme.tfvars')).toBe('/home/me/clouddrive/tenants/acme.tfvars');
    const awkward = ['my out', "it's", 'a$b`c`"d"*', '-x;y&z|w'];
    // what the shell hands the program is the name itself: the word is what a copied command needs
    for (const name of awkward) expect(execFileSync('sh', ['-c', `printf %s ${shellWord(name)}`], { encoding: 'utf8' })).toBe(name);
    expect(shellWord("it's")).toBe("'it'\\''s'");
    // a name no one can type is shown escaped, never raw on the terminal
    expect(shellWord('out\u001b[2J')).toBe('"out\\u001b[2J"');
  });

  test('whole numbers within bounds', () => {
    expect(checkWholeNumber('n', 3, 1, 3)).toBeUndefined();
    expect(checkWholeNumber('n', 4, 1, 3, ' here')).toBe('n = 4: must be a whole number from 1 to 3 here');
    expect(checkWholeNumber('n', 1.5, 1, 3)).toMatch(/^n = 1.5: must be a whole number/);
    expect(checkWholeNumber('n', Number.NaN, 1, 3)).toMatch(/^n = NaN:/);
  });

  test('one of a list', () => {
    expect(checkOneOf('pu', 3, [1, 2, 4])).toBe('pu = 3: must be one of 1, 2, 4');
    expect(checkOneOf('pu', 2, [1, 2, 4])).toBeUndefined();
  });

  test('GUIDs', () => {
    expect(checkGuid('azure_tenant_id', 'c0ffee00-1234-4abc-8def-0123456789ab')).toBeUndefined();
    expect(checkGuid('azure_tenant_id', 'contoso.onmicrosoft.com')).toMatch(/^azure_tenant_id = "contoso.onmicrosoft.com": must be a GUID/);
  });
});
