import { describe, expect, it } from 'vitest';
import { ControlParser, unescapeOutput } from '../../../../src-main/tmux/control/controlParser';

function parse(...chunks: string[]) {
  const events: Array<{
    output?: [string, string];
    reply?: [boolean, readonly string[], boolean];
    exit?: string | null;
    attached?: true;
    subscription?: [string, string];
  }> = [];
  const parser = new ControlParser({
    output: (pane, bytes) => events.push({ output: [pane, bytes.toString('latin1')] }),
    reply: (ok, body, fromClient) => events.push({ reply: [ok, body, fromClient] }),
    exit: (reason) => events.push({ exit: reason ?? null }),
    attached: () => events.push({ attached: true }),
    subscription: (name, value) => events.push({ subscription: [name, value] }),
  });
  for (const chunk of chunks) parser.feed(Buffer.from(chunk, 'latin1'));
  return events;
}

describe('control-mode parser', () => {
  it('unescapes %output to the exact bytes, backslashes and control characters included', () => {
    expect(parse('%output %3 a\\134b\\015\\012\\033[1m\\303\\251\n')).toEqual([
      { output: ['%3', 'a\\b\r\n\x1b[1m\xc3\xa9'] },
    ]);
  });

  it('joins a line split across reads, even inside an escape', () => {
    expect(parse('%outp', 'ut %1 x\\0', '12y\n')).toEqual([{ output: ['%1', 'x\ny'] }]);
  });

  it('tells replies to this client from others, with their bodies, and errors', () => {
    expect(
      parse(
        '%begin 1 10 0\n%end 1 10 0\n',
        '%begin 1 11 1\n1 2 3\n%not-a-notification\n%end 1 11 1\n',
        '%begin 1 12 1\nno such pane\n%error 1 12 1\n',
      ),
    ).toEqual([
      { reply: [true, [], false] },
      { reply: [true, ['1 2 3', '%not-a-notification'], true] },
      { reply: [false, ['no such pane'], true] },
    ]);
  });

  it('reports the attach, %exit with its reason, and ignores notifications a terminal has no use for', () => {
    expect(parse('%layout-change @0 x\n%session-changed $1 s\n%exit too far behind\n%exit\n')).toEqual([
      { attached: true },
      { exit: 'too far behind' },
      { exit: null },
    ]);
  });

  it("reports a subscribed format's new value, which may itself hold ' : '", () => {
    expect(
      parse('%subscription-changed dead $0 @0 0 %0 : 1\n%subscription-changed t $0 @0 0 %0 : a : b\n'),
    ).toEqual([{ subscription: ['dead', '1'] }, { subscription: ['t', 'a : b'] }]);
  });

  it('leaves a backslash that starts no octal escape as it is', () => {
    const data = Buffer.from('a\\9b\\', 'latin1');
    expect(unescapeOutput(data, 0, data.length).toString('latin1')).toBe('a\\9b\\');
  });
});
