/**
 * The preload: exposes the contract, and nothing else, to the sandboxed renderer.
 * It never hands out ipcRenderer itself, refuses channels the contract does not
 * list, and strips the Electron event object before a listener sees a message.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, isRequestChannel, type EventMessage, type MuxdeckBridge } from './api';

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
    const forward = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on(IPC.event, forward);
    return () => {
      ipcRenderer.off(IPC.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('muxdeck', bridge);
