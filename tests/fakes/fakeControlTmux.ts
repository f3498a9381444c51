import type { PipeProcess, PipeSpawner } from '../../src-main/ports';

/** The state line a fake pane answers the snapshot's display-message with (see paneSnapshot.ts). */
export function paneStateLine(overrides: Partial<Record<string, number>> = {}, cols = 80, rows = 24): string {
  const state: Record<string, number> = {
    history_size: 0,
    cursor_x: 0,
    cursor_y: 0,
    cursor_flag: 1,
    alternate_on: 0,
    alternate_saved_x: 0,
    alternate_saved_y: 0,
    keypad_cursor_flag: 0,
    keypad_flag: 0,
    insert_flag: 0,
    wrap_flag: 1,
    origin_flag: 0,
    mouse_standard_flag: 0,
    mouse_button_flag: 0,
    mouse_all_flag: 0,
    mouse_sgr_flag: 0,
    mouse_utf8_flag: 0,
    scroll_region_upper: 0,
    scroll_region_lower: rows - 1,
    pane_width: cols,
    pane_height: rows,
    pane_dead: 0,
    ...overrides,
  };
  return Object.values(state).join(' ');
}

export interface FakeControlClient extends PipeProcess {
  file: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Command lines written to the client's stdin, in order. */
  lines: string[];
  closed: boolean;
  /** The bytes typed into the pane with send-keys -H, as text. */
  typed(): string;
  /** The pane writes `data` (escaped as tmux does in %output). */
  emitOutput(data: string | Buffer): void;
  /** A format the client subscribed to (refresh-client -B) has a new value. */
  emitSubscription(name: string, value: string): void;
  /** With manualReplies: sends the replies owed so far (output emitted before them came first). */
  flushReplies(): void;
  /** tmux ends the client (%exit), after which the process ends. */
  emitExit(reason?: string): void;
}

function escapeOutput(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    out +=
      byte < 0x20 || byte === 0x5c ? `\\${byte.toString(8).padStart(3, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

/**
 * A PipeSpawner whose processes act as tmux control clients on a one-pane session: every command line
 * gets one reply per command (`;`-separated), display-message answers `stateLine`, and the test makes
 * the pane write output. Output is written as latin1 so bytes pass through unchanged.
 */
export function fakeControlTmux(
  stateLine: () => string = () => paneStateLine(),
  behaviour: { manualReplies?: boolean } = {},
) {
  const spawned: FakeControlClient[] = [];
  let number = 100;
  const spawner: PipeSpawner = {
    spawn(file, args, options) {
      const stdoutListeners: Array<(chunk: Buffer) => void> = [];
      const exitListeners: Array<Parameters<PipeProcess['onExit']>[0]> = [];
      let ended = false;
      const emit = (text: string): void => {
        const chunk = Buffer.from(text, 'latin1');
        for (const listener of stdoutListeners) listener(chunk);
      };
      const end = (): void => {
        if (ended) return;
        ended = true;
        for (const listener of exitListeners) listener({ code: 0, signal: null });
      };
      const owed: string[] = [];
      const reply = (text: string): void => {
        if (behaviour.manualReplies) owed.push(text);
        else emit(text);
      };
      const client: FakeControlClient = {
        file,
        args,
        env: options.env,
        lines: [],
        closed: false,
        typed: () =>
          Buffer.from(
            client.lines
              .filter((line) => line.startsWith('send-keys'))
              .flatMap((line) => line.split(' -H ')[1]?.split(' ') ?? [])
              .map((hex) => parseInt(hex, 16)),
          ).toString('utf8'),
        write: (data) => {
          for (const line of data.split('\n').filter((l) => l !== '')) {
            client.lines.push(line);
            for (const command of line.split(' ; ')) {
              const time = 1_700_000_000;
              number += 1;
              const body = command.startsWith('display-message') ? `${stateLine()}\n` : '';
              reply(`%begin ${time} ${number} 1\n${body}%end ${time} ${number} 1\n`);
            }
          }
        },
        onStdout: (listener) => void stdoutListeners.push(listener),
        onExit: (listener) => void exitListeners.push(listener),
        close: () => {
          client.closed = true;
          emit('%exit\n');
          end();
        },
        emitOutput: (data) => {
          const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
          emit(`%output %7 ${escapeOutput(bytes)}\n`);
        },
        emitSubscription: (name, value) => emit(`%subscription-changed ${name} $1 @1 0 %7 : ${value}\n`),
        flushReplies: () => emit(owed.splice(0).join('')),
        emitExit: (reason) => {
          emit(reason ? `%exit ${reason}\n` : '%exit\n');
          end();
        },
      };
      // tmux answers the attach the client was started with (flags 0: not a command it wrote).
      queueMicrotask(() => emit('%begin 1700000000 1 0\n%end 1700000000 1 0\n%session-changed $1 x\n'));
      spawned.push(client);
      return client;
    },
  };
  return { spawner, spawned };
}
