import { describe, expect, it } from 'vitest';
import { ShlexError, shlexSplit } from '../../../../src-main/inventory/ansible/pythonShlex';

describe("shlex.split(posix=True), as ansible's INI reader runs it", () => {
  const split = (line: string) => shlexSplit(line, { comments: true });

  it('strips quotes and keeps quoted spaces', () => {
    expect(split(`h q='hello world' s="42"`)).toEqual(['h', 'q=hello world', 's=42']);
  });

  it('ends the line at a # that starts or sits inside a word, not inside quotes', () => {
    expect(split('h pw=abc#def next=1')).toEqual(['h', 'pw=abc']);
    expect(split('h hashq="abc#def" # trailing')).toEqual(['h', 'hashq=abc#def']);
  });

  it('eats backslashes outside quotes and keeps them inside double quotes unless they escape', () => {
    expect(split('h path=C:\\temp\\new')).toEqual(['h', 'path=C:tempnew']);
    expect(split('h x="a\\"b" y="a\\b"')).toEqual(['h', 'x=a"b', 'y=a\\b']);
    expect(split("h z='a\\b'")).toEqual(['h', 'z=a\\b']);
  });

  it('keeps an empty quoted token', () => {
    expect(split(`'' x`)).toEqual(['', 'x']);
  });

  it('reports an unclosed quote and a dangling backslash', () => {
    expect(() => split('h x="open')).toThrow(new ShlexError('No closing quotation'));
    expect(() => split('h x\\')).toThrow(new ShlexError('No escaped character'));
  });

  it('treats # as text when comments are off (ssh args)', () => {
    expect(shlexSplit('-o "ProxyCommand=ssh -W %h:%p #x"', { comments: false })).toEqual([
      '-o',
      'ProxyCommand=ssh -W %h:%p #x',
    ]);
  });
});
