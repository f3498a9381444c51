import { StringDecoder } from 'node:string_decoder';
import type { PipeSpawner } from '../../ports';
import { restoreScreen } from '../../sessions/screenRestore';
import { controlAttachArgv } from '../tmuxArgv';
import { tmuxEnvironment } from '../tmuxEnvironment';
import type { TmuxServer } from '../tmuxServer';
import { ControlClient } from './controlClient';
import { parsePaneState, SNAPSHOT_REPLIES, snapshotBuffers, snapshotCommandLine } from './paneSnapshot';
import { sendKeysCommands } from './sendKeys';

/** What a terminal in the UI holds on to: its input, size and flow control, and a way to let go. */
export interface TerminalConnection {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  close(): void;
}

export interface ControlTerminalOptions {
  spawner: PipeSpawner;
  tmux: TmuxServer;
  env: NodeJS.ProcessEnv;
  cwd: string;
  sessionId: string;
  size: { cols: number; rows: number };
  /** How many lines of history the terminal keeps; the snapshot takes no more. */
  scrollbackLines: number;
  onData(data: string): void;
  onExit(code: number): void;
  /** A snapshot that could not be read (the terminal then starts from live output only). */
  onProblem?(message: string): void;
}

let snapshotCounter = 0;
const PANE_DEAD_SUBSCRIPTION = 'muxdeck-pane-dead';
const MAX_UNREAD_SNAPSHOTS = 3;

/**
 * Output a terminal that is behind may hold (beyond what is in flight to the renderer). Past it the
 * held output is dropped and the pane shown again from tmux's record once the terminal has caught up:
 * the same lines end up in the scrollback (tmux's history is longer than the terminal's), memory stays
 * bounded, and a flooding program is never slowed down by a slow view.
 */
export const BEHIND_LIMIT_CHARS = 2_000_000;

/**
 * A terminal on a tmux session through a control-mode client: tmux hands over every byte the pane's
 * program writes (`%output`), so the terminal emulates the program itself and its scrollback holds
 * every line.
 *
 * The client's output is always read at once, never left in the pipe: tmux 3.3a stops reading a pane
 * while its only clients are control clients that are behind, and when the pane's program then ends,
 * tmux discards what it had not read (measured: the last 600 of 200,000 lines gone from tmux's own
 * history in 2 runs of 3) and what it had read but not yet sent to control clients. So a terminal that
 * is behind holds output here (up to BEHIND_LIMIT_CHARS, then re-shows the pane), and a pane whose
 * program ended is re-shown from tmux's record.
 */
export function attachControlTerminal(options: ControlTerminalOptions): TerminalConnection {
  const { sessionId, tmux } = options;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(sessionId)) throw new Error(`Not a Muxdeck session name: ${sessionId}`);
  const target = `=${sessionId}:`;
  let decoder = new StringDecoder('utf8');
  const child = options.spawner.spawn(tmux.tmuxPath, controlAttachArgv(tmux.address, sessionId), {
    env: tmuxEnvironment(options.env),
    cwd: options.cwd,
  });

  /** before: output already in the coming snapshot; restoring: after it, held until it is shown. */
  let phase: 'before' | 'restoring' | 'live' = 'before';
  const held: string[] = [];
  let heldChars = 0;
  /** The renderer asked for no more output for now (flow control). */
  let holding = false;
  /** What the terminal shows no longer follows tmux's record: show the pane again when possible. */
  let stale = false;
  /** Whether the pane's program has ended, as last seen. */
  let paneDead = false;
  let exited = false;
  /** Snapshots in a row that could not be read; a few are taken again (a loaded machine), then given up. */
  let unreadSnapshots = 0;

  const deliverHeld = (): void => {
    for (const data of held.splice(0)) options.onData(data);
    heldChars = 0;
  };
  const dropHeld = (): void => {
    held.length = 0;
    heldChars = 0;
  };
  const finishExit = (): void => {
    if (!stale) {
      deliverHeld();
      const rest = decoder.end();
      if (rest) options.onData(rest);
    }
    options.onExit(0);
  };
  /** Moves output on, or re-shows the pane, as far as the renderer lets it. */
  const pump = (): void => {
    if (phase !== 'live' || holding || exited) return;
    if (stale) snapshot();
    else deliverHeld();
  };

  const client = new ControlClient(child, {
    output: (_paneId, bytes) => {
      // One tmux session holds one pane: all output is this terminal's.
      if (phase === 'before' || stale) return;
      const data = decoder.write(bytes);
      if (data === '') return;
      if (phase === 'live' && !holding && held.length === 0) {
        options.onData(data);
        return;
      }
      held.push(data);
      heldChars += data.length;
      if (heldChars > BEHIND_LIMIT_CHARS) {
        dropHeld();
        stale = true;
      }
    },
    subscription: (name, value) => {
      if (name !== PANE_DEAD_SUBSCRIPTION) return;
      const dead = value === '1';
      if (dead && !paneDead) {
        // tmux may have dropped the last output on its way here; its screen and history hold it.
        stale = true;
        pump();
      }
      paneDead = dead;
    },
    exit: () => {
      exited = true;
      // While a snapshot is being shown, the end waits for it (and the output held behind it).
      if (phase !== 'restoring') finishExit();
    },
  });

  /** Shows the pane as tmux holds it: at attach, and whenever the terminal went stale. */
  const snapshot = (): void => {
    phase = 'before';
    stale = false;
    dropHeld();
    decoder = new StringDecoder('utf8');
    const buffers = snapshotBuffers(`muxdeck-${process.pid}-${++snapshotCounter}`);
    client.send(
      snapshotCommandLine(target, buffers, options.scrollbackLines),
      SNAPSHOT_REPLIES,
      (replies) => {
        phase = 'restoring';
        const state = parsePaneState(replies[0]?.ok ? replies[0].body[0] : undefined);
        if (state) paneDead = state.pane_dead === 1;
        void (async () => {
          let restore = '';
          try {
            const [history, screen, normal] = await Promise.all([
              tmux.takeBuffer(buffers.history),
              tmux.takeBuffer(buffers.screen),
              // Without an alternate screen, capture -a -q made no buffer.
              state?.alternate_on ? tmux.takeBuffer(buffers.normal) : Promise.resolve(''),
            ]);
            if (state) {
              restore = restoreScreen({
                state,
                history,
                screen,
                normal,
                maxHistoryLines: options.scrollbackLines,
              });
            }
            unreadSnapshots = 0;
          } catch (error) {
            options.onProblem?.(`Could not read the session's screen: ${String(error)}`);
            // An empty terminal until the program redraws is no way to show a session: try again.
            if (++unreadSnapshots <= MAX_UNREAD_SNAPSHOTS) stale = true;
          }
          if (restore) options.onData(restore);
          phase = 'live';
          if (exited) finishExit();
          else pump();
        })();
      },
    );
  };

  client.send(`refresh-client -C ${options.size.cols}x${options.size.rows}`);
  // tmux checks subscriptions once a second; quoted, as # would start a comment.
  client.send(`refresh-client -B '${PANE_DEAD_SUBSCRIPTION}:%*:#{pane_dead}'`);
  snapshot();

  return {
    write: (data) => {
      for (const command of sendKeysCommands(target, data)) client.send(command);
    },
    resize: (cols, rows) => client.send(`refresh-client -C ${cols}x${rows}`),
    pause: () => {
      holding = true;
    },
    resume: () => {
      holding = false;
      pump();
    },
    close: () => client.close(),
  };
}
