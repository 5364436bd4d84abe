import fc from 'fast-check';
import { showValue } from '../../lib/rules/checks';
import { terminalSafe } from '../../lib/rules/terminal';

/** What must never reach a terminal raw: C0 and C1 controls, DEL, bidi controls, line and paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

describe('terminalSafe: every character that acts on a terminal or disguises a line, written visibly', () => {
  test.each([
    ['ESC (a terminal sequence: retitle, clear, hide)', 'a\u001b]0;owned\u0007b', 'a\\u001b]0;owned\\u0007b'],
    ['BEL', '\u0007', '\\u0007'],
    ['CR (overwrites the line)', 'ok\rError: x', 'ok\\rError: x'],
    ['LF (forges a new line)', 'ok\nError: forged', 'ok\\nError: forged'],
    ['tab', 'a\tb', 'a\\tb'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
    ['C1 CSI', 'a\u009b31mb', 'a\\u009b31mb'],
    ['bidi override', 'abc\u202egpj.exe', 'abc\\u202egpj.exe'],
    ['bidi isolate', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['paragraph separator', 'a\u2029b', 'a\\u2029b'],
    ['zero-width space', 'a\u200bb', 'a\\u200bb'],
    ['a lone surrogate', 'a\ud800b', 'a\\ud800b'],
  ])('%s', (_name, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
  });

  test('plain text, backslashes and non-Latin letters print unchanged, so a secret or a path can be copied', () => {
    for (const text of ['Q~s3cr3t.value_with-~chars', 'bGlzdGVuLW9ubHkta2V5Cg==', 'C:\\Users\\soc', 'Zürich, 東京, Київ', 'a b']) {
      expect(terminalSafe(text)).toBe(text);
    }
  });

  test('property: the result never holds an unsafe character, and is JSON: it parses back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(UNSAFE);
        // applied inside a JSON string (where JSON.stringify leaves these characters raw), the escapes are JSON's own
        expect(JSON.parse(terminalSafe(JSON.stringify(text)))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  test("the library's messages (showValue) use the same escapes", () => {
    expect(showValue('a\u202eb\u0085')).toBe('"a\\u202eb\\u0085"');
  });
});
