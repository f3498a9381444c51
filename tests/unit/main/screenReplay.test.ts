import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const seam = '— connection lost 21:33:04 · new session 21:33:05 —';
    const command = replayCommand('/home/u/.muxdeck/replay/mx-1.screen', seam, argv);
    expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(command[2]).not.toContain('web');
    expect(command[2]).not.toContain('21:33');
    expect(command.slice(3)).toEqual([
      'muxdeck-replay',
      '/home/u/.muxdeck/replay/mx-1.screen',
      seam,
      ...argv,
    ]);
    // No screen kept: an empty file name, and the script prints no file.
    expect(replayCommand(undefined, seam, argv)[4]).toBe('');
    // tmux gets it as separate arguments after --, an argument ending in ";" escaped for tmux.
    expect(respawnPaneArgv({ socket: '/s', config: '/c' }, 'mx-1', ['sh', 'a;'])).toEqual(
      expect.arrayContaining(['respawn-pane', '-k', '-t', '=mx-1:', '--', 'sh', 'a\\;']),
    );
  });

  it('prints, through the pane: clear, the saved screen, the seam line, then runs the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-replay-'));
    const file = join(dir, 'mx-1.screen');
    writeFileSync(file, 'old screen\r\n');
    const seam = '— connection lost 21:33:04 · new session 21:33:05 —';
    const [sh, ...args] = replayCommand(file, seam, ['echo', 'new;', '$(login)']);
    const printed = execFileSync(sh ?? '/bin/sh', args).toString();
    expect(printed).toBe(`\x1b[H\x1b[2Jold screen\r\n\x1b[2m${seam}\x1b[0m\r\nnew; $(login)\n`);
    // Printed once: the file is gone, so a second start prints only the seam.
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back only a well-formed stored argv', () => {
    expect(storedArgv(JSON.stringify(['ssh', '--', 'web']))).toEqual(['ssh', '--', 'web']);
    expect(storedArgv(undefined)).toBeUndefined();
    expect(storedArgv('not json')).toBeUndefined();
    expect(storedArgv('[]')).toBeUndefined();
    expect(storedArgv('["ssh", 1]')).toBeUndefined();
  });
});
