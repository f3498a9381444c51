import { describe, expect, it } from 'vitest';
import { sendKeysCommands } from '../../../../src-main/tmux/control/sendKeys';

function bytesOf(commands: string[]): Buffer {
  return Buffer.from(commands.flatMap((c) => c.split(' -H ')[1]!.split(' ')).map((h) => parseInt(h, 16)));
}

describe('send-keys encoding', () => {
  it('types every byte as hex: nothing in user text is read by tmux as syntax', () => {
    const text = 'echo "$HOME" ; kill-server \\ \x1b[A \u00e9\r';
    const commands = sendKeysCommands('=mx-1:', text);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^send-keys -t =mx-1: -H( [0-9a-f]{2})+$/);
    expect(bytesOf(commands).toString('utf8')).toBe(text);
  });

  it('splits a long paste into short commands that add up to it', () => {
    const paste = 'x'.repeat(1300);
    const commands = sendKeysCommands('=mx-1:', paste, 512);
    expect(commands).toHaveLength(3);
    expect(bytesOf(commands).toString('utf8')).toBe(paste);
  });

  it('sends nothing for nothing', () => {
    expect(sendKeysCommands('=mx-1:', '')).toEqual([]);
  });
});
