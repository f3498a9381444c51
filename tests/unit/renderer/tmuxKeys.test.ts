import { describe, expect, it } from 'vitest';
import { keystrokeForTmuxPane } from '../../../src-renderer/src/terminal/tmuxKeys.logic';

describe('keys for a program under tmux', () => {
  it('sends Home and End as tmux does for TERM=screen-256color, in either cursor mode', () => {
    expect(keystrokeForTmuxPane('\x1b[H')).toBe('\x1b[1~');
    expect(keystrokeForTmuxPane('\x1bOH')).toBe('\x1b[1~');
    expect(keystrokeForTmuxPane('\x1b[F')).toBe('\x1b[4~');
    expect(keystrokeForTmuxPane('\x1bOF')).toBe('\x1b[4~');
  });

  it('leaves every other input alone, typed text containing those bytes included', () => {
    for (const data of ['\x1b[A', '\x1bOA', '\x1b[1;5H', '\x1b[3~', 'a', 'echo \x1b[H', '\r']) {
      expect(keystrokeForTmuxPane(data)).toBe(data);
    }
  });
});
