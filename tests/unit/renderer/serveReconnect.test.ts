import { describe, expect, it, vi } from 'vitest';
import type { SocketHandlers } from '../../../src-renderer/src/bridge/socketConnection';
import {
  retryDelayMs,
  waitForServeToReturn,
  type ServeReturn,
} from '../../../src-renderer/src/bridge/serveReturn';
import {
  createWebSocketTransport,
  RECONNECTING_MESSAGE,
} from '../../../src-renderer/src/bridge/webSocketTransport';

/** A transport whose reconnect plan the test settles by hand, as the server would by coming back or not. */
function reconnectingTransport() {
  let handlers: SocketHandlers | undefined;
  let settle: ((result: ServeReturn) => void) | undefined;
  const resume = vi.fn();
  const transport = createWebSocketTransport(
    (h) => {
      handlers = h;
      return { send: () => undefined, close: () => undefined };
    },
    {
      waitForReturn: () => new Promise<ServeReturn>((resolve) => (settle = resolve)),
      resume,
    },
  );
  const states: string[] = [];
  transport.onConnectionChange((s) => states.push(s));
  return {
    transport,
    states,
    resume,
    open: () => handlers?.onOpen(),
    drop: () => handlers?.onClose(),
    settle: (result: ServeReturn) => settle?.(result),
  };
}

describe('a serve page that loses its server', () => {
  it('says it is reconnecting, fails calls meanwhile, and resumes when the server is back', async () => {
    const t = reconnectingTransport();
    t.open();
    const outstanding = t.transport.invoke('sessions:list', {});
    t.drop();
    expect(t.transport.connectionState()).toBe('reconnecting');
    await expect(outstanding).rejects.toThrow(RECONNECTING_MESSAGE);
    await expect(t.transport.invoke('sessions:list', {})).rejects.toThrow(RECONNECTING_MESSAGE);
    expect(t.resume).not.toHaveBeenCalled();
    t.settle('back');
    await vi.waitFor(() => expect(t.resume).toHaveBeenCalledTimes(1));
    expect(t.states).toEqual(['connected', 'reconnecting']);
  });

  it('gives up (disconnected) when the server answers but refuses the token', async () => {
    const t = reconnectingTransport();
    t.open();
    t.drop();
    t.settle('refused');
    await vi.waitFor(() => expect(t.transport.connectionState()).toBe('disconnected'));
    expect(t.resume).not.toHaveBeenCalled();
  });

  it('never retries a socket that never opened (no token, or refused at once)', () => {
    const t = reconnectingTransport();
    t.drop();
    expect(t.transport.connectionState()).toBe('disconnected');
  });
});

describe('waiting for serve to come back', () => {
  const noSleep = () => Promise.resolve();

  it('knocks with backoff until the socket opens', async () => {
    const answers = [false, false, false, true];
    const sleeps: number[] = [];
    const result = await waitForServeToReturn({
      socketOpens: () => Promise.resolve(answers.shift() ?? false),
      pageAnswers: () => Promise.resolve(false),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    expect(result).toBe('back');
    expect(sleeps).toEqual([250, 500, 1000, 2000]);
    expect(retryDelayMs(30)).toBe(5_000);
  });

  it('is refused when the page answers twice in a row while the socket does not open', async () => {
    const pages = [true, false, true, true];
    const socketOpens = vi.fn(() => Promise.resolve(false));
    const result = await waitForServeToReturn({
      socketOpens,
      pageAnswers: () => Promise.resolve(pages.shift() ?? true),
      sleep: noSleep,
    });
    expect(result).toBe('refused');
    expect(socketOpens).toHaveBeenCalledTimes(4);
  });
});
