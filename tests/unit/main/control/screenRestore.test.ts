import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { restoreScreen } from '../../../../src-main/sessions/screenRestore';
import {
  parsePaneState,
  snapshotBuffers,
  snapshotCommandLine,
} from '../../../../src-main/tmux/control/paneSnapshot';
import { paneStateLine } from '../../../fakes/fakeControlTmux';

/** Writes data into a real (headless) xterm.js and returns it once parsed. */
async function emulate(data: string, cols = 20, rows = 4): Promise<Terminal> {
  const term = new Terminal({ cols, rows, scrollback: 100, allowProposedApi: true });
  term.write('stale screen from before\r\n');
  await new Promise<void>((resolve) => term.write(data, resolve));
  return term;
}

function allLines(term: Terminal): string[] {
  const buffer = term.buffer.active;
  return Array.from({ length: buffer.length }, (_, i) => buffer.getLine(i)?.translateToString(true) ?? '');
}

describe('pane snapshot and screen restore', () => {
  it('asks tmux for state and captures in one command line, history bounded by the scrollback', () => {
    const line = snapshotCommandLine('=mx-1:', snapshotBuffers('muxdeck-1-2'), 3000);
    expect(line.split(' ; ')).toHaveLength(4);
    expect(line).toContain('capture-pane -e -J -S -3000 -E -1 -b muxdeck-1-2-h -t =mx-1:');
    expect(line).toContain('capture-pane -e -q -a -b muxdeck-1-2-n -t =mx-1:');
  });

  it('reads the state line, and refuses anything else', () => {
    expect(parsePaneState(paneStateLine({ cursor_x: 4 }))?.cursor_x).toBe(4);
    expect(parsePaneState('1 2 3')).toBeUndefined();
    expect(parsePaneState(undefined)).toBeUndefined();
  });

  it('puts history in the scrollback and the screen where it was, cursor included', async () => {
    const state = parsePaneState(paneStateLine({ history_size: 2, cursor_x: 2, cursor_y: 1 }, 20, 4))!;
    const data = restoreScreen({
      state,
      history: 'h1\nh2\n',
      screen: 's1\n$ \n\n\n',
      normal: '',
      maxHistoryLines: 100,
    });
    const term = await emulate(data);
    expect(allLines(term)).toEqual(['h1', 'h2', 's1', '$ ', '', '']);
    expect(term.buffer.active.cursorY).toBe(1);
    expect(term.buffer.active.cursorX).toBe(2);
  });

  it('ignores the history capture when tmux has no history (it answers with the first screen row)', async () => {
    const state = parsePaneState(paneStateLine({ history_size: 0 }, 20, 2))!;
    const term = await emulate(
      restoreScreen({ state, history: 'prompt\n', screen: 'prompt\n\n', normal: '', maxHistoryLines: 100 }),
      20,
      2,
    );
    expect(allLines(term)).toEqual(['prompt', '']);
  });

  it('keeps at most the scrollback size of history', async () => {
    const state = parsePaneState(paneStateLine({ history_size: 5 }, 20, 1))!;
    const data = restoreScreen({
      state,
      history: '1\n2\n3\n4\n5\n',
      screen: 'screen\n',
      normal: '',
      maxHistoryLines: 2,
    });
    expect(allLines(await emulate(data, 20, 1))).toEqual(['4', '5', 'screen']);
  });

  it('restores a full-screen program over the shell screen it hides, with its modes', async () => {
    const state = parsePaneState(
      paneStateLine(
        {
          history_size: 0,
          alternate_on: 1,
          alternate_saved_x: 2,
          alternate_saved_y: 1,
          keypad_cursor_flag: 1,
          mouse_button_flag: 1,
          mouse_sgr_flag: 1,
          cursor_flag: 0,
        },
        20,
        3,
      ),
    )!;
    const term = await emulate(
      restoreScreen({
        state,
        history: '',
        screen: 'vim line\n~\n:wq\n',
        normal: 'old\n$ vim\n\n',
        maxHistoryLines: 100,
      }),
      20,
      3,
    );
    expect(term.buffer.active.type).toBe('alternate');
    expect(allLines(term)).toEqual(['vim line', '~', ':wq']);
    expect(term.modes.applicationCursorKeysMode).toBe(true);
    expect(term.modes.mouseTrackingMode).toBe('drag');
    // Leaving the program brings back the shell screen and the cursor where the shell left it.
    await new Promise<void>((resolve) => term.write('\x1b[?1049l', resolve));
    expect(allLines(term)).toEqual(['old', '$ vim', '']);
    expect(term.buffer.active.cursorY).toBe(1);
  });
});
