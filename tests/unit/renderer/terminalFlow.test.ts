import { describe, expect, it, vi } from 'vitest';
import { FlowControl } from '../../../src-preload/api';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { OutputAcknowledger } from '../../../src-renderer/src/terminal/outputAcknowledger';
import {
  TerminalOutputRouter,
  type TerminalSink,
} from '../../../src-renderer/src/terminal/terminalOutputRouter';
import { FakeTransport } from './fakeTransport';

describe('OutputAcknowledger', () => {
  it('acks only whole multiples of the ack size and carries the remainder', () => {
    const acks: number[] = [];
    const acker = new OutputAcknowledger(FlowControl.ACK_SIZE_CHARS, (chars) => acks.push(chars));
    acker.processed(3_000);
    expect(acks).toEqual([]);
    acker.processed(3_000); // 6_000 processed
    expect(acks).toEqual([5_000]);
    acker.processed(9_500); // 1_000 carried + 9_500
    expect(acks).toEqual([5_000, 10_000]);
  });

  it('the ack size never exceeds the low watermark, or a paused pty would never resume', () => {
    expect(FlowControl.ACK_SIZE_CHARS).toBeLessThanOrEqual(FlowControl.LOW_WATERMARK_CHARS);
  });

  it('sends nothing after stop', () => {
    const send = vi.fn();
    const acker = new OutputAcknowledger(10, send);
    acker.stop();
    acker.processed(100);
    expect(send).not.toHaveBeenCalled();
  });
});

function recordingSink() {
  const received: string[] = [];
  const sink: TerminalSink = {
    output: (data) => received.push(data),
    exit: (code) => received.push(`exit:${code}`),
  };
  return { sink, received };
}

function setup() {
  const transport = new FakeTransport();
  const router = new TerminalOutputRouter(createMuxdeckClient(transport));
  const data = (terminalId: string, text: string) =>
    transport.emit({ event: 'terminal:data', payload: { terminalId, data: text } });
  const exit = (terminalId: string, exitCode: number) =>
    transport.emit({ event: 'terminal:exit', payload: { terminalId, exitCode } });
  return { router, data, exit };
}

describe('TerminalOutputRouter', () => {
  it('routes output and exit to the terminal that claimed the id', () => {
    const { router, data, exit } = setup();
    const one = recordingSink();
    const two = recordingSink();
    router.claim('t1', one.sink);
    router.claim('t2', two.sink);
    data('t1', 'a');
    data('t2', 'b');
    exit('t1', 0);
    expect(one.received).toEqual(['a', 'exit:0']);
    expect(two.received).toEqual(['b']);
  });

  it('keeps output that arrives before the attach answer and replays it on claim, in order', () => {
    const { router, data } = setup();
    const settled = router.attachStarted();
    data('t1', 'screen ');
    data('t1', 'redraw');
    const { sink, received } = recordingSink();
    router.claim('t1', sink);
    settled();
    data('t1', '!');
    expect(received).toEqual(['screen ', 'redraw', '!']);
  });

  it('drops unclaimed output when no attach is pending, and forgets early output once attaches settle', () => {
    const { router, data } = setup();
    data('t1', 'nobody wants this');
    const settled = router.attachStarted();
    data('t2', 'for an attach that failed');
    settled();
    const late = recordingSink();
    router.claim('t1', late.sink);
    router.claim('t2', late.sink);
    expect(late.received).toEqual([]);
  });

  it('stops delivering after release', () => {
    const { router, data } = setup();
    const { sink, received } = recordingSink();
    const release = router.claim('t1', sink);
    release();
    data('t1', 'after detach');
    expect(received).toEqual([]);
  });
});
