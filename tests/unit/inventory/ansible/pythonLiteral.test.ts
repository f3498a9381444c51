import { describe, expect, it } from 'vitest';
import { iniValue } from '../../../../src-main/inventory/ansible/iniInventory';
import {
  pythonLiteralEval,
  UnhashableLiteralError,
} from '../../../../src-main/inventory/ansible/pythonLiteral';

describe('INI value typing (ast.literal_eval, else the text)', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['- 5', -5],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['00', 0],
    ['True', true],
    ['False', false],
    ['None', null],
    ["'42'", '42'],
    ['"double"', 'double'],
    ["'ab' 'cd'", 'abcd'],
    ["b'raw'", 'raw'],
    ["u'x'", 'x'],
    ["r'C:\\new'", 'C:\\new'],
    ["'tab\\there'", 'tab\there'],
    ["'\\x41\\u00e9'", 'Aé'],
    ['23 # a comment', 23],
    ["'#x' # y", '#x'],
  ])('%s is a literal', (text, value) => {
    expect(iniValue(text)).toEqual(value);
  });

  it.each([
    'yes',
    'FALSE',
    'true',
    '0755',
    '09',
    '1__0',
    'hello-world',
    '1+1',
    'len([])',
    '--1',
    '-True',
    'value # c',
    "'open",
    '1 2',
    '1+2j',
    '...',
    "f'x'",
    "'\\N{EM DASH}'",
    "'a' b'b'",
  ])('%s stays text', (text) => {
    expect(iniValue(text)).toBe(text);
  });

  it('reads lists, dicts, tuples and sets (tuples and sets become lists)', () => {
    expect(iniValue("[1, 'two', 3.0]")).toEqual([1, 'two', 3]);
    expect(iniValue("{'a': 1, 'b': [True, None], 'a': 2}")).toEqual(
      new Map<unknown, unknown>([
        ['a', 2],
        ['b', [true, null]],
      ]),
    );
    expect(iniValue('(1, 2)')).toEqual([1, 2]);
    expect(iniValue('1,2')).toEqual([1, 2]);
    expect(iniValue('()')).toEqual([]);
    expect(iniValue('{1, 2}')).toEqual([1, 2]);
    expect(iniValue('set()')).toEqual([]);
  });

  it('keeps every digit of a big integer', () => {
    expect(iniValue('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(iniValue('-123456789012345678901234567890')).toBe(-123456789012345678901234567890n);
  });

  it('refuses an unhashable dict key, which ansible does not survive either', () => {
    expect(() => pythonLiteralEval('{[1]: 2}')).toThrow(UnhashableLiteralError);
  });

  it('is bounded: deep nesting stays text, as in Python (too many nested parentheses)', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(iniValue(deep)).toBe(deep);
    const ok = '['.repeat(150) + ']'.repeat(150);
    expect(iniValue(ok)).not.toBe(ok);
  });
});
