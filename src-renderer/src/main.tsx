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
import { TerminalOutputRouter } from './terminal/terminalOutputRouter';
import { ESTIMATED_CELL } from './terminal/terminalOptions';
import { TerminalSizeHint } from './terminal/terminalSize';
import { App } from './components/App/App';

const client = createMuxdeckClient(selectTransport(window));
const store = createAppStore(client.connectionState());
const sizeHint = new TerminalSizeHint(ESTIMATED_CELL);
const services: AppServices = {
  client,
  store,
  actions: store.getState(),
  sizeHint,
  // Subscribed before anything attaches, so no terminal output can slip past it.
  terminalRouter: new TerminalOutputRouter(client),
  commands: createCommands(client, store, sizeHint),
};

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
void startApp(client, store);
