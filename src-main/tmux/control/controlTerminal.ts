import { StringDecoder } from 'node:string_decoder';
import { FlowControl } from '../../../src-preload/api';
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

/**
 * A terminal on a tmux session through a control-mode client: tmux hands over every byte the pane's
 * program writes (`%output`), so the terminal emulates the program itself and its scrollback holds
 * every line. Nothing is ever redrawn or skipped: when the terminal falls behind, reading stops, the
 * pipe fills, tmux stops reading the pane and the program waits.
 */
export function attachControlTerminal(options: ControlTerminalOptions): TerminalConnection {
  const { sessionId, tmux } = options;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(sessionId)) throw new Error(`Not a Muxdeck session name: ${sessionId}`);
  const target = `=${sessionId}:`;
  const decoder = new StringDecoder('utf8');
  const child = options.spawner.spawn(tmux.tmuxPath, controlAttachArgv(tmux.address, sessionId), {
    env: tmuxEnvironment(options.env),
    cwd: options.cwd,
  });

  /** before: output already in the snapshot; restoring: after it, held until the snapshot is shown. */
  let phase: 'before' | 'restoring' | 'live' = 'before';
  const held: string[] = [];
  let heldChars = 0;
  const pausedFor = { flow: false, restore: false };
  const applyPause = (): void => {
    if (pausedFor.flow || pausedFor.restore) client.pause();
    else client.resume();
  };

  let exited = false;
  const finishExit = (): void => {
    const rest = decoder.end();
    if (rest) options.onData(rest);
    options.onExit(0);
  };

  const client = new ControlClient(child, {
    output: (_paneId, bytes) => {
      // One tmux session holds one pane: all output is this terminal's.
      if (phase === 'before') return;
      const data = decoder.write(bytes);
      if (data === '') return;
      if (phase === 'live') {
        options.onData(data);
        return;
      }
      held.push(data);
      heldChars += data.length;
      if (heldChars > FlowControl.HIGH_WATERMARK_CHARS && !pausedFor.restore) {
        pausedFor.restore = true;
        applyPause();
      }
    },
    exit: () => {
      exited = true;
      // While the snapshot is being shown, the end waits for it (and the output held behind it).
      if (phase !== 'restoring') finishExit();
    },
  });

  client.send(`refresh-client -C ${options.size.cols}x${options.size.rows}`);
  const buffers = snapshotBuffers(`muxdeck-${process.pid}-${++snapshotCounter}`);
  client.send(snapshotCommandLine(target, buffers, options.scrollbackLines), SNAPSHOT_REPLIES, (replies) => {
    phase = 'restoring';
    const state = parsePaneState(replies[0]?.ok ? replies[0].body[0] : undefined);
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
      } catch (error) {
        options.onProblem?.(`Could not read the session's screen: ${String(error)}`);
      }
      if (restore) options.onData(restore);
      for (const data of held) options.onData(data);
      held.length = 0;
      heldChars = 0;
      phase = 'live';
      if (exited) {
        finishExit();
        return;
      }
      pausedFor.restore = false;
      applyPause();
    })();
  });

  return {
    write: (data) => {
      for (const command of sendKeysCommands(target, data)) client.send(command);
    },
    resize: (cols, rows) => client.send(`refresh-client -C ${cols}x${rows}`),
    pause: () => {
      pausedFor.flow = true;
      applyPause();
    },
    resume: () => {
      pausedFor.flow = false;
      applyPause();
    },
    close: () => client.close(),
  };
}
