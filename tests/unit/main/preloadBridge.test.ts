import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, type EventMessage, type MuxdeckBridge, type RequestChannel } from '../../../src-preload/api';
import { fakeElectron } from '../../fakes/fakeElectron';

vi.mock('electron', () => import('../../fakes/fakeElectron'));

let bridge: MuxdeckBridge;

beforeAll(async () => {
  fakeElectron.reset();
  await import('../../../src-preload/index');
  bridge = fakeElectron.exposed.get('muxdeck') as MuxdeckBridge;
});

const subscriptions: Array<() => void> = [];
/** Subscribes as the renderer would; a failed test still unsubscribes (afterEach), so none leaks into the next. */
const listen = (listener: (message: EventMessage) => void): (() => void) => {
  const stop = bridge.onEvent(listener);
  subscriptions.push(stop);
  return stop;
};

beforeEach(() => {
  fakeElectron.rendererInvokes = [];
});

afterEach(() => {
  for (const stop of subscriptions.splice(0)) stop();
});

const changed: EventMessage = { event: 'sessions:changed', payload: { sessions: [] } };

describe('the preload bridge on window.muxdeck', () => {
  it('exposes exactly invoke and onEvent under muxdeck, and nothing of Electron', () => {
    expect([...fakeElectron.exposed.keys()]).toEqual(['muxdeck']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('forwards a contract request on the one invoke channel and answers what main answered', async () => {
    fakeElectron.invokeAnswer = { ok: true, result: [] };
    const response = await bridge.invoke('sessions:list', {});
    expect(response).toEqual({ ok: true, result: [] });
    expect(fakeElectron.rendererInvokes).toEqual([{ channel: IPC.invoke, args: ['sessions:list', {}] }]);
  });

  it('refuses channels the contract does not list, without reaching main', async () => {
    for (const channel of ['shell:exec', 'muxdeck:event', '__proto__', 'constructor', '', 42, null]) {
      const response = await bridge.invoke(channel as RequestChannel, {});
      expect(response, String(channel)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(fakeElectron.rendererInvokes).toEqual([]);
  });

  it('passes contract events to the listener without the Electron event object', () => {
    const seen: unknown[][] = [];
    listen((...args: unknown[]) => seen.push(args));
    fakeElectron.sendToRenderer(IPC.event, changed);
    expect(seen).toEqual([[changed]]);
  });

  it('drops messages that name no contract event', () => {
    const seen: unknown[] = [];
    listen((message) => seen.push(message));
    for (const message of [
      { event: 'shell:output', payload: {} },
      { event: 'toString', payload: {} },
      { event: '__proto__', payload: {} },
      { payload: {} },
      'sessions:changed',
      null,
      undefined,
    ]) {
      fakeElectron.sendToRenderer(IPC.event, message);
    }
    expect(seen).toEqual([]);
  });

  it('listens only on the event channel, and an unsubscribed listener hears nothing more', () => {
    const seen: unknown[] = [];
    const stop = listen((message) => seen.push(message));
    fakeElectron.sendToRenderer('muxdeck:other', changed);
    expect(seen).toEqual([]);
    expect(fakeElectron.rendererListenerCount(IPC.event)).toBe(1);
    stop();
    expect(fakeElectron.rendererListenerCount(IPC.event)).toBe(0);
    fakeElectron.sendToRenderer(IPC.event, changed);
    expect(seen).toEqual([]);
  });
});
