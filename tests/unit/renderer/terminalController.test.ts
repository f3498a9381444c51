import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Terminal } from '@xterm/xterm';
import type { ApiResponse } from '../../../src-preload/api';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { createBellStore } from '../../../src-renderer/src/terminal/bellStore';
import type { ClipboardPort } from '../../../src-renderer/src/terminal/clipboard';
import { memorySettings } from '../../../src-renderer/src/terminal/settingsStorage';
import { createAppStore } from '../../../src-renderer/src/stores/appStore';
import { InputDispatcher } from '../../../src-renderer/src/terminal/inputDispatcher';
import { TerminalController } from '../../../src-renderer/src/terminal/terminalController';
import type { TerminalEvents } from '../../../src-renderer/src/terminal/terminalEvents';
import { TerminalOutputRouter } from '../../../src-renderer/src/terminal/terminalOutputRouter';
import type { TerminalServices } from '../../../src-renderer/src/terminal/terminalServices';
import { effectiveFontSize } from '../../../src-renderer/src/terminal/terminalSettings.logic';
import { createTerminalSettingsStore } from '../../../src-renderer/src/terminal/terminalSettingsStore';
import { TerminalSizeHint } from '../../../src-renderer/src/terminal/terminalSize';
import { WebglContextPool } from '../../../src-renderer/src/terminal/webglContextPool.logic';
import { FakeTransport } from './fakeTransport';

const ok = (result: unknown): ApiResponse => ({ ok: true, result });

/** A keyboard event as xterm's custom key handler receives it. */
function key(type: string, keyName: string, mods: { ctrl?: boolean; shift?: boolean } = {}) {
  return {
    type,
    key: keyName,
    code: '',
    ctrlKey: mods.ctrl ?? false,
    shiftKey: mods.shift ?? false,
    altKey: false,
    metaKey: false,
    preventDefault: vi.fn(),
  } as unknown as KeyboardEvent & { preventDefault: ReturnType<typeof vi.fn> };
}

beforeEach(() => {
  // The controller observes its container's size; this test never lays anything out.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      disconnect(): void {}
    },
  );
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0));
  vi.stubGlobal('cancelAnimationFrame', (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle));
});

const controllers: TerminalController[] = [];

afterEach(() => {
  for (const controller of controllers.splice(0)) controller.dispose();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function setup() {
  let keyHandler: (event: KeyboardEvent) => boolean = () => true;
  vi.spyOn(Terminal.prototype, 'attachCustomKeyEventHandler').mockImplementation((handler) => {
    keyHandler = handler;
  });
  const inputs: string[] = [];
  const transport = new FakeTransport();
  transport.answer('terminal:attach', ok({ terminalId: 't1' }));
  transport.answer('terminal:input', (payload) => {
    inputs.push((payload as { data: string }).data);
    return ok({});
  });
  transport.answer('terminal:ack', ok({}));
  transport.answer('terminal:resize', ok({}));
  const client = createMuxdeckClient(transport);
  const clipboard: ClipboardPort & { text: string } = {
    text: 'echo pasted',
    readText: vi.fn(async () => clipboard.text),
    writeText: vi.fn(async (text: string) => {
      clipboard.text = text;
    }),
  };
  const services: TerminalServices = {
    settings: createTerminalSettingsStore(memorySettings(), true),
    bells: createBellStore(),
    webglPool: new WebglContextPool(),
    gpu: () => ({ webgl2: false, renderer: null }),
    clipboard,
    openLink: vi.fn(),
    isMac: false,
  };
  const events: TerminalEvents = {
    status: vi.fn(),
    bell: vi.fn(),
    findRequested: vi.fn(),
    searchResults: vi.fn(),
    renderer: vi.fn(),
    problem: vi.fn(),
  };
  const controller = new TerminalController({
    client,
    router: new TerminalOutputRouter(client),
    sizeHint: new TerminalSizeHint({ width: 8, height: 16 }),
    sessionId: 'mx-1',
    services,
    events,
    input: new InputDispatcher(client, createAppStore('connected')).forSession('mx-1'),
  });
  controllers.push(controller);
  controller.mount({} as HTMLElement);
  await vi.waitFor(() => expect(events.status).toHaveBeenCalledWith({ phase: 'attached' }));
  const output = (data: string) =>
    transport.emit({ event: 'terminal:data', payload: { terminalId: 't1', data } });
  const acks = () =>
    transport.calls
      .filter((call) => call.channel === 'terminal:ack')
      .map((call) => (call.payload as { chars: number }).chars);
  return {
    controller,
    keyHandler: (event: KeyboardEvent) => keyHandler(event),
    inputs,
    clipboard,
    services,
    events,
    output,
    acks,
  };
}

describe('TerminalController keys', () => {
  it('lets plain Ctrl+C and Ctrl+F through to the remote program untouched', async () => {
    const { keyHandler } = await setup();
    for (const name of ['c', 'f', 'v']) {
      const event = key('keydown', name, { ctrl: true });
      expect(keyHandler(event)).toBe(true);
      expect(event.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('pastes the clipboard on Ctrl+Shift+V through xterm (bracketed paste), once per chord', async () => {
    // xterm's paste() needs the page's textarea, which a terminal that was never shown lacks.
    const paste = vi.spyOn(Terminal.prototype, 'paste').mockImplementation(() => {});
    const { keyHandler, clipboard } = await setup();
    const down = key('keydown', 'V', { ctrl: true, shift: true });
    expect(keyHandler(down)).toBe(false);
    expect(down.preventDefault).toHaveBeenCalled();
    expect(keyHandler(key('keypress', 'V', { ctrl: true, shift: true }))).toBe(false);
    expect(keyHandler(key('keyup', 'V', { ctrl: true, shift: true }))).toBe(false);
    await vi.waitFor(() => expect(paste).toHaveBeenCalledWith('echo pasted'));
    expect(paste).toHaveBeenCalledTimes(1);
    expect(clipboard.readText).toHaveBeenCalledTimes(1);
  });

  it('copies nothing on Ctrl+Shift+C without a selection, and never sends the chord to the remote', async () => {
    const { keyHandler, clipboard, inputs } = await setup();
    expect(keyHandler(key('keydown', 'C', { ctrl: true, shift: true }))).toBe(false);
    expect(clipboard.writeText).not.toHaveBeenCalled();
    expect(inputs).toEqual([]);
  });

  it('zooms every terminal through the shared settings, and asks the pane for the find bar', async () => {
    const { keyHandler, services, events } = await setup();
    keyHandler(key('keydown', '=', { ctrl: true }));
    keyHandler(key('keydown', '=', { ctrl: true }));
    expect(effectiveFontSize(services.settings.getState().settings)).toBe(15);
    keyHandler(key('keydown', '0', { ctrl: true }));
    expect(effectiveFontSize(services.settings.getState().settings)).toBe(13);
    keyHandler(key('keydown', 'F', { ctrl: true, shift: true }));
    expect(events.findRequested).toHaveBeenCalledTimes(1);
  });

  it('reports a refused clipboard instead of failing silently', async () => {
    const { keyHandler, clipboard, events } = await setup();
    vi.mocked(clipboard.readText).mockRejectedValueOnce(new Error('Read permission denied.'));
    keyHandler(key('keydown', 'V', { ctrl: true, shift: true }));
    await vi.waitFor(() =>
      expect(events.problem).toHaveBeenCalledWith('Could not paste: Read permission denied.'),
    );
  });
});

describe('TerminalController output', () => {
  it('sends a keystroke at once, while megabytes of output are still being parsed', async () => {
    const { controller, inputs, output, acks } = await setup();
    output('x'.repeat(2_000_000));
    // Typing goes through xterm's onData, as a keydown would.
    (controller as unknown as { term: Terminal }).term.input('q');
    expect(inputs).toEqual(['q']);
    expect(acks()).toEqual([]);
    await vi.waitFor(() => expect(acks().reduce((sum, chars) => sum + chars, 0)).toBe(2_000_000), {
      timeout: 20_000,
    });
  });

  it('applies a new scrollback setting to the open terminal at once', async () => {
    const { controller, services } = await setup();
    const term = (controller as unknown as { term: Terminal }).term;
    expect(term.options.scrollback).toBe(10_000);
    services.settings.getState().update({ scrollback: 25_000 });
    expect(term.options.scrollback).toBe(25_000);
  });

  it('rings the bell for BEL in the output', async () => {
    const { output, events } = await setup();
    output('done\x07');
    await vi.waitFor(() => expect(events.bell).toHaveBeenCalledTimes(1));
  });
});

describe('TerminalController links', () => {
  it('opens OSC 8 hyperlinks only through the web-link policy (a remote host picks their URI)', async () => {
    const { controller, services, output } = await setup();
    const term = (controller as unknown as { term: Terminal }).term;
    const handler = term.options.linkHandler;
    expect(handler?.allowNonHttpProtocols).toBe(false);
    // What a hostile host prints: visible text that looks harmless, a URI that is not.
    output('\x1b]8;;file:///etc/passwd\x1b\\https://example.com/docs\x1b]8;;\x1b\\\r\n');
    const click = {} as MouseEvent;
    for (const uri of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://attacker/share',
      'vscode://file/etc/passwd',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      handler?.activate(click, uri, { start: { x: 1, y: 1 }, end: { x: 1, y: 1 } });
    }
    expect(services.openLink).not.toHaveBeenCalled();
    handler?.activate(click, 'https://example.com/docs', { start: { x: 1, y: 1 }, end: { x: 1, y: 1 } });
    expect(services.openLink).toHaveBeenCalledWith('https://example.com/docs');
  });
});
