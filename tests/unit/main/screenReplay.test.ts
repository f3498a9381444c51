import { describe, expect, it } from 'vitest';
import { replayCommand, screenToReplay, storedArgv } from '../../../src-main/sessions/screenReplay';
import { respawnPaneArgv } from '../../../src-main/tmux/tmuxArgv';

describe('the last screen across a reconnect', () => {
  it('prints the screen without tmux\'s "Pane is dead" line and the blank lines under the output', () => {
    const captured = 'top\n\x1b[1mbold\x1b[0m\n$ \n\n\x1b[7mPane is dead (status 255, Mon Nov 23)\x1b[0m\n\n';
    expect(screenToReplay(captured)).toBe('top\r\n\x1b[1mbold\x1b[0m\r\n$ \r\n');
    expect(screenToReplay('\n\n')).toBe('');
  });

  it('restarts the pane with a constant script; the argv only arrives as its positional parameters', () => {
    const argv = ['ssh', '-o', 'ControlPath=/x', '--', 'web;rm -rf ~'];
    const command = replayCommand('/home/u/.muxdeck/replay/mx-1.screen', argv);
    expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(command[2]).not.toContain('web');
    expect(command.slice(3)).toEqual(['muxdeck-replay', '/home/u/.muxdeck/replay/mx-1.screen', ...argv]);
    // tmux gets it as separate arguments after --, an argument ending in ";" escaped for tmux.
    expect(respawnPaneArgv({ socket: '/s', config: '/c' }, 'mx-1', ['sh', 'a;'])).toEqual(
      expect.arrayContaining(['respawn-pane', '-k', '-t', '=mx-1:', '--', 'sh', 'a\\;']),
    );
  });

  it('reads back only a well-formed stored argv', () => {
    expect(storedArgv(JSON.stringify(['ssh', '--', 'web']))).toEqual(['ssh', '--', 'web']);
    expect(storedArgv(undefined)).toBeUndefined();
    expect(storedArgv('not json')).toBeUndefined();
    expect(storedArgv('[]')).toBeUndefined();
    expect(storedArgv('["ssh", 1]')).toBeUndefined();
  });
});
