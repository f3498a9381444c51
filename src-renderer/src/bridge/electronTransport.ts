import type { MuxdeckBridge } from '../../../src-preload/api';
import type { Transport } from './transport';

/** The Electron window talks to the preload's bridge; IPC lives as long as the window, so it never drops. */
export function createElectronTransport(bridge: MuxdeckBridge): Transport {
  return {
    invoke: (channel, payload) => bridge.invoke(channel, payload),
    onEvent: (listener) => bridge.onEvent(listener),
    connectionState: () => 'connected',
    onConnectionChange: () => () => {},
  };
}
