import { createBellStore, type BellStore } from './bellStore';
import { browserClipboard, type ClipboardPort } from './clipboard';
import { prefersDark, watchColorScheme } from './colorScheme';
import { probeGpu } from './gpuProbe';
import type { GpuInfo } from './rendererChoice.logic';
import type { SettingsStorage } from './settingsStorage';
import { openInBrowser } from './terminalLinks';
import { createTerminalSettingsStore, type TerminalSettingsStore } from './terminalSettingsStore';
import { WebglContextPool } from './webglContextPool.logic';

/** What every terminal pane shares: settings, bells, the WebGL budget and the platform's edges. */
export interface TerminalServices {
  settings: TerminalSettingsStore;
  bells: BellStore;
  webglPool: WebglContextPool;
  gpu(): GpuInfo;
  clipboard: ClipboardPort;
  openLink(url: string): void;
  /** macOS uses Cmd for copy, paste, find and zoom. */
  isMac: boolean;
}

export function createTerminalServices(win: Window, storage: SettingsStorage): TerminalServices {
  const settings = createTerminalSettingsStore(storage, prefersDark(win));
  // For the page's whole life, like the services themselves.
  watchColorScheme(win, (dark) => settings.getState().setOsPrefersDark(dark));
  return {
    settings,
    bells: createBellStore(),
    webglPool: new WebglContextPool(),
    gpu: probeGpu,
    clipboard: browserClipboard(win.navigator),
    openLink: openInBrowser,
    isMac: /Mac|iPhone|iPad/.test(win.navigator.platform || win.navigator.userAgent),
  };
}
