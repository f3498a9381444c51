import { readFileSync } from 'node:fs';

/**
 * The parent of a process, from /proc (Linux); undefined where it cannot be read (other systems, or the
 * process is gone).
 */
export function parentPid(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: the parent pid follows its end.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The control clients left behind by a Muxdeck that died without detaching them (a crash, SIGKILL): their
 * parent is gone, so they were re-parented to init. tmux 3.3a keeps such a client attached when its output
 * can no longer be written, and then never lets the server exit (kill-server waits for it) and keeps the
 * client's unsent output. A live Muxdeck's own clients, and another running Muxdeck's, have a live parent.
 */
export function orphanedClientPids(
  clients: ReadonlyArray<{ pid: number; control: boolean }>,
  parentOf: (pid: number) => number | undefined = parentPid,
): number[] {
  return clients.filter((client) => client.control && parentOf(client.pid) === 1).map((client) => client.pid);
}
