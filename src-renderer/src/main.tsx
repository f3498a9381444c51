import '@xterm/xterm/css/xterm.css';
import './styles/theme.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppServicesProvider, type AppServices } from './app/AppServices';
import { createCommands } from './app/commands';
import { startApp } from './app/startApp';
import { createMuxdeckClient } from './bridge/client';
import { selectTransport } from './bridge/selectTransport';
import { createAppStore } from './stores/appStore';
import { InputDispatcher } from './terminal/inputDispatcher';
import { TerminalOutputRouter } from './terminal/terminalOutputRouter';
import { localStorageSettings } from './terminal/settingsStorage';
import { createAppSettingsStore } from './settings/appSettingsStore';
import { contractTerminalStorage } from './settings/contractTerminalStorage';
import { startSettings } from './settings/startSettings';
import { createTerminalServices } from './terminal/terminalServices';
import { ESTIMATED_CELL } from './terminal/terminalOptions';
import { TerminalSizeHint } from './terminal/terminalSize';
import { App } from './components/App/App';
import { createTreeStore } from './stores/tree/treeStore';
import { startTree } from './tree/startTree';
import { createTreeCommands } from './tree/treeCommands';
import { createRunStore } from './stores/run/runStore';
import { createRunCommands, followRuns } from './run/runCommands';
import { downloadText } from './run/download';
import { createSourcesStore, startSources } from './sources/sourcesStore';
import { askToClose, createCloseQuestionStore } from './stores/closeQuestion';
import { followWindowTheme } from './theme/windowTheme';

const client = createMuxdeckClient(selectTransport(window));
const store = createAppStore(client.connectionState());
const sizeHint = new TerminalSizeHint(ESTIMATED_CELL);
const settings = createAppSettingsStore(client);
const closeQuestion = createCloseQuestionStore();
const commands = createCommands(
  client,
  store,
  sizeHint,
  () => settings.getState().settings?.groupOpensAs ?? 'grid',
  // Ask until the settings are known: the default is to ask.
  (labels) =>
    settings.getState().settings?.confirmCloseConnected === false
      ? Promise.resolve(true)
      : askToClose(closeQuestion, labels),
);
const treeStore = createTreeStore();
const clipboard = { writeText: (text: string) => navigator.clipboard.writeText(text) };
const runStore = createRunStore();
const runCommands = createRunCommands({
  client,
  run: runStore,
  app: store,
  clipboard,
  download: downloadText,
});
const treeCommands = createTreeCommands({
  client,
  tree: treeStore,
  app: store,
  appCommands: commands,
  clipboard: { writeText: (text) => navigator.clipboard.writeText(text) },
  runOnHosts: (hostIds, labels) => runCommands.openDialog(hostIds, labels),
});
const sourcesStore = createSourcesStore();
const terminalStorage = contractTerminalStorage(client, (message) => store.getState().notify(message));
const services: AppServices = {
  client,
  store,
  actions: store.getState(),
  sizeHint,
  // Subscribed before anything attaches, so no terminal output can slip past it.
  terminalRouter: new TerminalOutputRouter(client),
  commands,
  input: new InputDispatcher(client, store),
  tree: { store: treeStore, commands: treeCommands },
  run: { store: runStore, commands: runCommands },
  sources: sourcesStore,
  terminal: createTerminalServices(window, terminalStorage),
  settings,
  closeQuestion,
};

// Before the first render, so the window never flashes the other palette; for the page's whole life.
followWindowTheme(document.documentElement, services.terminal.settings);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppServicesProvider services={services}>
      <App />
    </AppServicesProvider>
  </StrictMode>,
);

// Outside React on purpose: loading and the sessions subscription happen once, not per (strict) mount.
// The layout is saved once changes settle; a window closing sooner saves it on its way out.
void startApp(client, store).then((stop) => window.addEventListener('pagehide', stop, { once: true }));
followRuns(client, runStore);
void startSettings({
  client,
  settings: services.settings,
  terminal: services.terminal.settings,
  terminalStorage,
  // Where Muxdeck 0.1 kept terminal settings; moved into the store once.
  legacyTerminalStorage: localStorageSettings('muxdeck.terminal', window.localStorage),
  notify: (message) => store.getState().notify(message),
});
void startTree({ client, tree: treeStore, app: store, commands: treeCommands });
void startSources(client, sourcesStore, () => treeCommands.refresh()).catch((error: unknown) =>
  store.getState().notify(`Could not list the sources: ${String(error)}`),
);
