import { readdir, readFile, readlink } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { CommandRunner, Logger } from '../ports';
import type { AskpassCallerCheck, AskpassCallerClaim } from '../secrets/askpassCaller';

/** Deeper than any real chain (pane ssh -> jump ssh -> nested jump ssh...); bounds a hostile loop. */
const MAX_ANCESTORS = 32;

/**
 * Linux: names the process at the other end of an askpass connection from the kernel, not from the
 * request. Node has no SO_PEERCRED, so: our end's inode (/proc/self/fd), its peer's inode (`ss -x`,
 * which asks the kernel's sock_diag), and the child of the claimed ssh that holds that inode
 * (/proc/PID/fd). Then the claimed ssh must run the same program as the session's ssh and be it or
 * descend from it. Fails closed: anything it cannot read is a refusal.
 */
export function linuxAskpassCallers(deps: {
  socketPath: string;
  runner: CommandRunner;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  procRoot?: string;
}): AskpassCallerCheck {
  const proc = deps.procRoot ?? '/proc';
  return {
    enforced: true,
    async isSessionHelper(connection: Socket, claim: AskpassCallerClaim): Promise<boolean> {
      const fd = socketFd(connection);
      if (fd === undefined) return false;
      const ownInode = socketInode(await readlink(`${proc}/self/fd/${fd}`).catch(() => ''));
      if (ownInode === undefined) return false;
      const peerInode = await peerInodeOf(ownInode, deps);
      if (peerInode === undefined) return false;
      const helper = await childHoldingSocket(proc, claim.sshPid, peerInode);
      if (helper === undefined) return false;
      const [claimedExe, sessionExe] = await Promise.all([
        readlink(`${proc}/${claim.sshPid}/exe`).catch(() => undefined),
        readlink(`${proc}/${claim.sessionSshPid}/exe`).catch(() => undefined),
      ]);
      if (!claimedExe || claimedExe !== sessionExe) return false;
      return descendsFrom(proc, claim.sshPid, claim.sessionSshPid);
    },
  };
}

/** The file descriptor of an accepted Unix socket (libuv's pipe handle has it on Unix). */
function socketFd(connection: Socket): number | undefined {
  const handle: unknown = Reflect.get(connection, '_handle');
  const fd: unknown = typeof handle === 'object' && handle !== null ? Reflect.get(handle, 'fd') : undefined;
  return typeof fd === 'number' && Number.isInteger(fd) && fd >= 0 ? fd : undefined;
}

function socketInode(link: string): string | undefined {
  return /^socket:\[(\d+)\]$/.exec(link)?.[1];
}

/** `ss -xnH src PATH` lists our accepted connections as "... PATH OUR_INODE * PEER_INODE". */
async function peerInodeOf(
  ownInode: string,
  deps: { socketPath: string; runner: CommandRunner; env: NodeJS.ProcessEnv; logger: Logger },
): Promise<string | undefined> {
  const result = await deps.runner
    .run('ss', ['-x', '-n', '-H', 'src', deps.socketPath], { env: deps.env, timeoutMs: 5_000 })
    .catch((error: unknown) => ({
      code: -1,
      stdout: '',
      stderr: error instanceof Error ? error.message : String(error),
    }));
  if (result.code !== 0) {
    deps.logger.warn('askpass caller unknown: ss (iproute2) failed', { code: result.code });
    return undefined;
  }
  for (const line of result.stdout.split('\n')) {
    const ends = /\s(\d+)\s+\S+\s+(\d+)\s*$/.exec(line);
    if (ends?.[1] === ownInode) return ends[2];
  }
  return undefined;
}

/** The child of `parentPid` that holds the socket `inode`, if exactly one does. */
async function childHoldingSocket(
  proc: string,
  parentPid: number,
  inode: string,
): Promise<number | undefined> {
  const wanted = `socket:[${inode}]`;
  const pids = (await readdir(proc).catch(() => [])).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const parents = await Promise.all(pids.map((pid) => parentOf(proc, pid)));
  const children = pids.filter((_pid, index) => parents[index] === parentPid);
  const holders: number[] = [];
  for (const pid of children) {
    const fds = await readdir(`${proc}/${pid}/fd`).catch(() => []);
    const links = await Promise.all(fds.map((fd) => readlink(`${proc}/${pid}/fd/${fd}`).catch(() => '')));
    if (links.includes(wanted)) holders.push(pid);
  }
  return holders.length === 1 ? holders[0] : undefined;
}

async function descendsFrom(proc: string, pid: number, ancestor: number): Promise<boolean> {
  let current: number | undefined = pid;
  for (let step = 0; current !== undefined && current > 1 && step < MAX_ANCESTORS; step += 1) {
    if (current === ancestor) return true;
    current = await parentOf(proc, current);
  }
  return false;
}

/** The parent pid from /proc/PID/stat; the command name may hold spaces and parentheses. */
async function parentOf(proc: string, pid: number): Promise<number | undefined> {
  const stat = await readFile(`${proc}/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}
