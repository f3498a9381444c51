import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC, REQUEST_CHANNELS, type ApiResponse, type EventMessage } from '../../../src-preload/api';
import { createRouter, type Handlers, type Router } from '../../../src-main/router/router';
import { serveContractOverIpc } from '../../../src-main/transport/electronIpc';
import { trustedFrameUrlChecker } from '../../../src-main/app/windowSecurity';
import { FakeWebContents, fakeElectron, ipcMain } from '../../fakes/fakeElectron';

const page = 'file:///opt/Muxdeck/resources/app.asar/out/renderer/index.html';
const silent = { info() {}, warn() {}, error() {} };
const changed: EventMessage = { event: 'sessions:changed', payload: { sessions: [] } };

/** Handlers that record the channels they served and answer an empty result. */
function recordingHandlers(called: string[]): Handlers {
  return Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      () => {
        called.push(channel);
        return {};
      },
    ]),
  ) as unknown as Handlers;
}

describe('the contract over Electron IPC', () => {
  let called: string[];
  let router: Router;
  let stop: () => void;
  let window: FakeWebContents;

  const invoke = (
    from: { sender: FakeWebContents; frameUrl: string | null },
    channel: unknown,
    payload: unknown,
  ) => fakeElectron.invokeMain(IPC.invoke, from, channel, payload) as Promise<ApiResponse>;

  beforeEach(() => {
    fakeElectron.reset();
    called = [];
    router = createRouter({ handlers: recordingHandlers(called), logger: silent });
    stop = serveContractOverIpc({
      ipcMain,
      router,
      isTrustedFrameUrl: trustedFrameUrlChecker({ rendererFileUrl: page }),
    });
    window = new FakeWebContents(page);
  });

  afterEach(() => stop());

  it('registers the one invoke channel, and every request channel of the contract is served through it', async () => {
    expect(fakeElectron.handledChannels()).toEqual([IPC.invoke]);
    const invalid: string[] = [];
    for (const channel of REQUEST_CHANNELS) {
      const response = await invoke({ sender: window, frameUrl: page }, channel, {});
      // An empty payload is valid for some channels and not for others: either way the router answered.
      if (!response.ok) {
        expect(response.error.code, channel).toBe('INVALID_PAYLOAD');
        invalid.push(channel);
      }
    }
    expect(called.length + invalid.length).toBe(REQUEST_CHANNELS.length);
    expect(called).toContain('sessions:list');
  });

  it('refuses a channel the contract does not list', async () => {
    const response = await invoke({ sender: window, frameUrl: page }, 'shell:exec', { cmd: 'id' });
    expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(called).toEqual([]);
  });

  it('validates every payload before a handler runs', async () => {
    for (const [channel, payload] of [
      ['sessions:close', { sessionId: 'a;b' }],
      ['terminal:input', { terminalId: '../../etc', data: 'x' }],
      ['sessions:open', { hostId: 'x', cols: 80, rows: 24, command: 'id' }],
      ['sessions:list', 'not an object'],
    ] as const) {
      const response = await invoke({ sender: window, frameUrl: page }, channel, payload);
      expect(response, channel).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    expect(called).toEqual([]);
  });

  it('refuses requests from any frame but Muxdeck’s page, and such a frame gets no events', async () => {
    const evil = new FakeWebContents('https://evil.example/');
    for (const from of [
      { sender: evil, frameUrl: 'https://evil.example/' },
      { sender: window, frameUrl: 'https://evil.example/iframe' },
      { sender: window, frameUrl: `${page}?x=1` },
      { sender: window, frameUrl: null },
    ]) {
      const response = await invoke(from, 'sessions:list', {});
      expect(response, String(from.frameUrl)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
    expect(called).toEqual([]);
    expect(router.connectionCount).toBe(0);
    router.broadcast(changed);
    expect(evil.sent).toEqual([]);
    expect(window.sent).toEqual([]);
  });

  it("sends events to the trusted page's window on the event channel, one connection per window", async () => {
    const evil = new FakeWebContents('https://evil.example/');
    await invoke({ sender: evil, frameUrl: 'https://evil.example/' }, 'sessions:list', {});
    await invoke({ sender: window, frameUrl: page }, 'sessions:list', {});
    await invoke({ sender: window, frameUrl: `${page}#tab` }, 'sessions:list', {});
    expect(router.connectionCount).toBe(1);
    router.broadcast(changed);
    expect(window.sent).toEqual([{ channel: IPC.event, message: changed }]);
    expect(evil.sent).toEqual([]);
  });

  it('forgets a window that is destroyed: its connection goes, nothing is sent to it', async () => {
    await invoke({ sender: window, frameUrl: page }, 'sessions:list', {});
    expect(router.connectionCount).toBe(1);
    window.destroy();
    expect(router.connectionCount).toBe(0);
    expect(() => router.broadcast(changed)).not.toThrow();
    expect(window.sent).toEqual([]);
  });

  it('stopping removes the handler and every connection', async () => {
    await invoke({ sender: window, frameUrl: page }, 'sessions:list', {});
    stop();
    expect(fakeElectron.handledChannels()).toEqual([]);
    expect(router.connectionCount).toBe(0);
    stop = () => {};
  });
});
