import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { AppSettings, type AppSettingsPatch } from '../../../../src-preload/api';
import { useServices } from '../../app/AppServices';
import { TerminalSettingsFields } from '../TerminalSettings/TerminalSettingsFields';
import { Dialog } from '../TreeDialogs/Dialog';
import { AgentPolicyFields } from './AgentPolicyFields';
import '../TerminalSettings/TerminalSettingsDialog.css';
import './SettingsDialog.css';

type NumberSetting =
  | 'reconnectAttempts'
  | 'connectTimeoutSeconds'
  | 'logSizeCapMb'
  | 'recentLimit'
  | 'runParallel'
  | 'runTimeoutSeconds';

/** Why a typed value cannot be saved, with the contract's own rules (the main process checks them again). */
function numberProblem(key: NumberSetting, text: string): string | undefined {
  if (!/^\d+$/.test(text.trim())) return 'a whole number';
  const result = AppSettings.shape[key].safeParse(Number(text.trim()));
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'invalid');
}

function NumberField(props: {
  setting: NumberSetting;
  label: string;
  help: string;
  value: number;
  onSave: (patch: AppSettingsPatch) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const problem = numberProblem(props.setting, text);
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <div>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={text}
          aria-invalid={problem !== undefined}
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            setText(event.target.value);
            if (!numberProblem(props.setting, event.target.value))
              props.onSave({ [props.setting]: Number(event.target.value.trim()) });
          }}
        />
        <p
          id={`${id}-help`}
          className={problem ? 'terminal-settings-help settings-error' : 'terminal-settings-help'}
        >
          {problem ? `${props.label}: ${problem}` : props.help}
        </p>
      </div>
    </>
  );
}

/** The app's settings (⚙ in the top bar): sessions, logs, the tree, terminal appearance, agents. Saved as changed. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { settings: store, terminal } = useServices();
  const settings = useStore(store, (state) => state.settings);
  const error = useStore(store, (state) => state.error);
  const update = useStore(store, (state) => state.update);
  const save = (patch: AppSettingsPatch) => void update(patch);

  return (
    <Dialog title="Settings" onClose={onClose} wide>
      {settings ? (
        <>
          <fieldset className="app-settings-section">
            <legend>Sessions</legend>
            <div className="terminal-settings-grid">
              <NumberField
                setting="reconnectAttempts"
                label="Reconnect attempts"
                help="After a dropped connection, with growing waits (1 s, 2 s, 4 s…); 0 never retries."
                value={settings.reconnectAttempts}
                onSave={save}
              />
              <NumberField
                setting="connectTimeoutSeconds"
                label="Connect deadline (seconds)"
                help="A connection not made by then is given up, its pane kept with the reason; a host's own ConnectTimeout wins."
                value={settings.connectTimeoutSeconds}
                onSave={save}
              />
              <span />
              <label className="terminal-settings-check">
                <input
                  type="checkbox"
                  checked={settings.keepClosedPanes}
                  onChange={(event) => save({ keepClosedPanes: event.target.checked })}
                />
                Keep closed panes (a session that exits stays open with its last screen)
              </label>
              <span />
              <label className="terminal-settings-check">
                <input
                  type="checkbox"
                  checked={settings.confirmCloseConnected}
                  onChange={(event) => save({ confirmCloseConnected: event.target.checked })}
                />
                Ask before closing a connected session (× on a tab or pane, Ctrl+Shift+W)
              </label>
              <label htmlFor="settings-group-opens-as">Open selection as group</label>
              <div>
                <select
                  id="settings-group-opens-as"
                  value={settings.groupOpensAs}
                  onChange={(event) =>
                    save({ groupOpensAs: event.target.value === 'tabs' ? 'tabs' : 'grid' })
                  }
                >
                  <option value="grid">one tab, tiled as a grid</option>
                  <option value="tabs">one tab per host</option>
                </select>
              </div>
              <NumberField
                setting="logSizeCapMb"
                label="Session log cap (MB)"
                help="A session log stops growing at this size. Logging is turned on per host or folder."
                value={settings.logSizeCapMb}
                onSave={save}
              />
              <NumberField
                setting="recentLimit"
                label="Recent hosts"
                help="How many hosts the Recent section remembers."
                value={settings.recentLimit}
                onSave={save}
              />
            </div>
          </fieldset>
          <fieldset className="app-settings-section">
            <legend>Run on selection</legend>
            <div className="terminal-settings-grid">
              <NumberField
                setting="runParallel"
                label="Hosts at once"
                help="How many hosts a run (and muxdeck run) works on at the same time."
                value={settings.runParallel}
                onSave={save}
              />
              <NumberField
                setting="runTimeoutSeconds"
                label="Time-out per host (seconds)"
                help="Connecting included; a host that takes longer is stopped and marked timeout."
                value={settings.runTimeoutSeconds}
                onSave={save}
              />
            </div>
          </fieldset>
          <fieldset className="app-settings-section">
            <legend>Terminal</legend>
            <TerminalSettingsFields store={terminal.settings} isMac={terminal.isMac} />
          </fieldset>
          <fieldset className="app-settings-section">
            <legend>Agents (muxdeck mcp)</legend>
            <AgentPolicyFields policy={settings.agents} onSave={save} />
          </fieldset>
          <fieldset className="app-settings-section">
            <legend>Updates</legend>
            <label className="terminal-settings-check">
              <input
                type="checkbox"
                checked={settings.autoUpdate}
                onChange={(event) => save({ autoUpdate: event.target.checked })}
              />
              Check for updates and install them on quit (installed desktop app)
            </label>
          </fieldset>
          {error ? (
            <p role="alert" className="settings-error">
              Not saved: {error}
            </p>
          ) : null}
        </>
      ) : (
        <p>Loading settings…</p>
      )}
      <div className="terminal-settings-actions">
        <button type="button" className="dialog-button is-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
