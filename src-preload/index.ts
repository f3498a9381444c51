/**
 * The preload: exposes the contract, and nothing else, to the sandboxed renderer.
 * It never hands out ipcRenderer itself, refuses channels the contract does not
 * list, strips the Electron event object before a listener sees a message, and
 * passes on only messages that name a contract event.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, events, isRequestChannel, type EventMessage, type MuxdeckBridge } from './api';

/** Main only sends contract events; anything else on the channel is not the page's business. */
function isContractEvent(message: unknown): message is EventMessage {
  if (typeof message !== 'object' || message === null) return false;
  const name: unknown = (message as { event?: unknown }).event;
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

const bridge: MuxdeckBridge = {
  invoke(channel, payload) {
    if (!isRequestChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(IPC.invoke, channel, payload);
  },
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, message: unknown): void => {
      if (isContractEvent(message)) listener(message);
    };
    ipcRenderer.on(IPC.event, forward);
    return () => {
      ipcRenderer.off(IPC.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('muxdeck', bridge);
