import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../../src-preload/api';
import { createMuxdeckClient } from '../../../../src-renderer/src/bridge/client';
import { createAppStore } from '../../../../src-renderer/src/stores/appStore';
import { startGroupBroadcast } from '../../../../src-renderer/src/stores/workspace/broadcast.logic';
import { openAsGroup, showSession } from '../../../../src-renderer/src/stores/workspace/workspace.logic';
import { ESCAPE, ESCAPE_HOLD_MS, type Timers } from '../../../../src-renderer/src/terminal/escapeHold';
import { InputDispatcher } from '../../../../src-renderer/src/terminal/inputDispatcher';
import { FakeTransport } from '../fakeTransport';
import { session } from '../fixtures';

const ok = (result: unknown): ApiResponse => ({ ok: true, result });

/** Timers run by hand: `advance` fires whatever is due, so no test waits on a real clock. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    set: (run, ms) => {
      next += 1;
      due.set(next, { at: now + ms, run });
      return next;
    },
    clear: (handle) => void due.delete(handle as number),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [id, timer] of [...due]) {
      if (timer.at > now) continue;
      due.delete(id);
      timer.run();
    }
  };
  return { timers, advance };
}

/** Group g of a and b broadcasting, and a pane "out" outside it. */
function setup() {
  const transport = new FakeTransport();
  transport.answer('terminal:input', ok({}));
  transport.answer('terminal:broadcast', (payload) => {
    const { terminalIds } = payload as { terminalIds: string[] };
    return ok({ delivered: terminalIds.length, missed: [] });
  });
  const store = createAppStore('connected');
  store.getState().sessionsReplaced([session('out'), session('a'), session('b')]);
  store.getState().workspaceRestored(
    openAsGroup(showSession({ tabs: [], groups: [], activeTabId: null }, 'out', 't1'), {
      sessionIds: ['a', 'b'],
      groupId: 'g',
      name: 'web',
      tabId: () => 't2',
    }),
  );
  const { timers, advance } = manualTimers();
  const dispatcher = new InputDispatcher(createMuxdeckClient(transport), store, timers);
  for (const id of ['out', 'a', 'b']) dispatcher.attached(id, `t-${id}`);
  store.getState().setBroadcast(() => startGroupBroadcast('g'));
  /** Every message sent, as [where, data]: "all" for a broadcast, else the terminal. */
  const sent = () =>
    transport.calls
      .filter((call) => call.channel.startsWith('terminal:'))
      .map((call) => {
        const payload = call.payload as { terminalId?: string; terminalIds?: string[]; data: string };
        return [payload.terminalIds ? payload.terminalIds.join('+') : payload.terminalId, payload.data];
      });
  /** What App does for Esc Esc: discard the held Escape, stop the broadcast. */
  const stopWithGesture = () => {
    dispatcher.discardHeldEscape();
    store.getState().setBroadcast(() => null);
  };
  return { dispatcher, store, sent, advance, stopWithGesture };
}

describe('the Escape that starts the stop gesture', () => {
  it('is never sent when Esc Esc stops the broadcast, and the next key goes to one pane alone', () => {
    const { dispatcher, sent, advance, stopWithGesture } = setup();
    dispatcher.send('a', ESCAPE);
    // The second Escape never reaches the dispatcher: the window-wide listener takes it and stops.
    stopWithGesture();
    advance(ESCAPE_HOLD_MS * 2);
    dispatcher.send('a', 'e');
    expect(sent()).toEqual([['t-a', 'e']]);
  });

  it('is sent alone once the gesture window has passed (vim still gets its Escape)', () => {
    const { dispatcher, sent, advance } = setup();
    dispatcher.send('a', ESCAPE);
    advance(ESCAPE_HOLD_MS - 1);
    expect(sent()).toEqual([]);
    advance(1);
    expect(sent()).toEqual([['t-a+t-b', ESCAPE]]);
  });

  it('is sent alone, before and apart from the key typed after it', () => {
    const { dispatcher, sent } = setup();
    dispatcher.send('a', ESCAPE);
    dispatcher.send('a', ':wq\r');
    expect(sent()).toEqual([
      ['t-a+t-b', ESCAPE],
      ['t-a+t-b', ':wq\r'],
    ]);
  });

  it('is dropped when the broadcast is stopped another way (button, Ctrl+Shift+B) before it leaves', () => {
    const { dispatcher, store, sent, advance } = setup();
    dispatcher.send('b', ESCAPE);
    store.getState().setBroadcast(() => null);
    advance(ESCAPE_HOLD_MS);
    dispatcher.send('b', 'x');
    expect(sent()).toEqual([['t-b', 'x']]);
  });

  it('keeps Alt+key (ESC and the key in one piece) and Escapes outside a broadcast as they are', () => {
    const { dispatcher, sent } = setup();
    dispatcher.send('a', `${ESCAPE}b`);
    dispatcher.send('out', ESCAPE);
    expect(sent()).toEqual([
      ['t-a+t-b', `${ESCAPE}b`],
      ['t-out', ESCAPE],
    ]);
  });

  it('goes out before a line from the broadcast input bar, and one slow Escape after another each go alone', () => {
    const { dispatcher, sent, advance } = setup();
    dispatcher.send('a', ESCAPE);
    dispatcher.sendToAll('uptime\r');
    dispatcher.send('a', ESCAPE);
    advance(ESCAPE_HOLD_MS + 10);
    dispatcher.send('a', ESCAPE);
    advance(ESCAPE_HOLD_MS);
    expect(sent()).toEqual([
      ['t-a+t-b', ESCAPE],
      ['t-a+t-b', 'uptime\r'],
      ['t-a+t-b', ESCAPE],
      ['t-a+t-b', ESCAPE],
    ]);
  });
});
