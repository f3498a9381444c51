import { describe, expect, it } from 'vitest';
import { orphanedClientPids, parentPid } from '../../../../src-main/tmux/control/orphanedViews';

describe('control clients left by a crashed Muxdeck', () => {
  it('are the control clients whose parent is gone (re-parented to init), and only those', () => {
    const parents = new Map([
      [101, 1],
      [102, 4242],
      [103, 1],
    ]);
    const clients = [
      { pid: 101, control: true },
      { pid: 102, control: true },
      { pid: 103, control: false },
      { pid: 104, control: true },
    ];
    expect(orphanedClientPids(clients, (pid) => parents.get(pid))).toEqual([101]);
  });

  it('reads a real parent from /proc, and nothing for a process that does not exist', () => {
    expect(parentPid(process.pid)).toBe(process.ppid);
    expect(parentPid(2 ** 22 + 7)).toBeUndefined();
  });
});
