import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { runCommand } from './runCommand';
import { waitFor } from './waitFor';

/**
 * All live descendants of `rootPid`, deepest last. sshd forks a process per connection that calls setsid(),
 * so killing sshd's process group does not reach sessions; walking the parent links does.
 */
export async function listDescendantPids(rootPid: number): Promise<number[]> {
  const parentOf = await readParentPids();
  const descendants: number[] = [];
  let frontier = [rootPid];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, ppid] of parentOf) {
      if (frontier.includes(ppid)) next.push(pid);
    }
    descendants.push(...next);
    frontier = next;
  }
  return descendants;
}

/**
 * True while `pid` is running. A zombie counts as gone: daemons such as the tmux server are reparented to
 * PID 1, and a container's init may never reap them, so kill(pid, 0) alone would report them alive forever.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone; that is the goal.
  }
}

/** SIGTERM, then SIGKILL whatever is still alive after `graceMs`, then wait until all are gone. */
export async function terminateProcesses(pids: readonly number[], graceMs = 3_000): Promise<void> {
  for (const pid of pids) signalProcess(pid, 'SIGTERM');
  const allGone = (): boolean => pids.every((pid) => !isProcessAlive(pid));
  try {
    await waitFor(allGone, { describe: `pids ${pids.join(',')} to exit after SIGTERM`, timeoutMs: graceMs });
  } catch {
    for (const pid of pids) if (isProcessAlive(pid)) signalProcess(pid, 'SIGKILL');
    await waitFor(allGone, { describe: `pids ${pids.join(',')} to exit after SIGKILL`, timeoutMs: 2_000 });
  }
}

async function readParentPids(): Promise<Map<number, number>> {
  return process.platform === 'linux' ? readParentPidsFromProc() : readParentPidsFromPs();
}

async function readParentPidsFromProc(): Promise<Map<number, number>> {
  const parentOf = new Map<number, number>();
  const entries = await readdir('/proc');
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        try {
          const stat = await readFile(`/proc/${name}/stat`, 'utf8');
          // Field 2 (comm) may contain spaces and parentheses; ppid is the 2nd field after the last ')'.
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          if (Number.isInteger(ppid)) parentOf.set(Number(name), ppid);
        } catch {
          // Exited while we were scanning.
        }
      }),
  );
  return parentOf;
}

async function readParentPidsFromPs(): Promise<Map<number, number>> {
  const { stdout } = await runCommand('ps', ['-A', '-o', 'pid=,ppid=']);
  const parentOf = new Map<number, number>();
  for (const line of stdout.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined && Number.isInteger(pid) && Number.isInteger(ppid)) {
      parentOf.set(pid, ppid);
    }
  }
  return parentOf;
}
