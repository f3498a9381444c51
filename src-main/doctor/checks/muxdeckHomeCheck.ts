import { dirname } from 'node:path';
import { failed, passed, type DoctorCheck } from '../doctorCheck';

export interface PathStat {
  isDirectory: boolean;
  /** Permission bits (st_mode & 0o7777). */
  mode: number;
  uid: number;
}

/** The filesystem as the home check sees it: passed in so tests can stand in for any state. */
export interface HomeFs {
  /** undefined when nothing is there. */
  stat(path: string): Promise<PathStat | undefined>;
  /** undefined when this process may write there; else why not. */
  writeProblem(path: string): Promise<string | undefined>;
}

/**
 * MUXDECK_HOME holds the tmux socket, the askpass socket and the shared ssh connections: anyone who
 * can reach them gets the user's sessions, so it must be the user's own and closed to others
 * (ARCHITECTURE.md §7), and writable for the store.
 */
export async function muxdeckHomeCheck(edges: {
  platform: NodeJS.Platform;
  home: string;
  /** This process's uid; undefined on Windows. */
  uid: number | undefined;
  fs: HomeFs;
}): Promise<DoctorCheck> {
  const { home, fs } = edges;
  const title = 'MUXDECK_HOME';
  const elsewhere = 'or set MUXDECK_HOME to a folder of your own';
  const stat = await fs.stat(home);
  if (!stat) {
    const parent = await nearestExisting(home, fs);
    const problem = parent ? await fs.writeProblem(parent) : 'no parent folder exists';
    if (problem) {
      return failed(
        'home',
        title,
        'required',
        `${home} does not exist and cannot be created: ${parent ?? home} is not writable (${problem})`,
        `Create ${quote(home)} yourself with "mkdir -m 700 -p ${quote(home)}", ${elsewhere}.`,
      );
    }
    return passed(
      'home',
      title,
      'required',
      `${home} does not exist yet; Muxdeck creates it (mode 0700) at first start`,
    );
  }
  if (!stat.isDirectory) {
    return failed('home', title, 'required', `${home} is not a folder`, `Move that file away, ${elsewhere}.`);
  }
  const problem = await fs.writeProblem(home);
  if (problem) {
    return failed(
      'home',
      title,
      'required',
      `${home} is not writable (${problem})`,
      `Make it writable for you with "chmod u+rwx ${quote(home)}", ${elsewhere}.`,
    );
  }
  // Windows keeps a profile's folders private by their ACL; the mode bits mean nothing there.
  if (edges.platform === 'win32' || edges.uid === undefined) {
    return passed('home', title, 'required', `${home}, writable`);
  }
  if (stat.uid !== edges.uid) {
    return failed(
      'home',
      title,
      'required',
      `${home} belongs to uid ${stat.uid}, not to you (uid ${edges.uid}); its sockets would not be private`,
      `Take it back with "sudo chown -R ${edges.uid} ${quote(home)}", ${elsewhere}.`,
    );
  }
  const mode = `0${(stat.mode & 0o777).toString(8).padStart(3, '0')}`;
  if ((stat.mode & 0o077) !== 0) {
    return failed(
      'home',
      title,
      'required',
      `${home} is open to others (mode ${mode}): anyone who can reach its sockets gets your sessions`,
      `Close it with "chmod 700 ${quote(home)}".`,
    );
  }
  return passed('home', title, 'required', `${home}, yours, mode ${mode}, writable`);
}

async function nearestExisting(path: string, fs: HomeFs): Promise<string | undefined> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const stat = await fs.stat(dir);
    if (stat) return stat.isDirectory ? dir : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path as a shell word, so a fix with spaces in it can be pasted as is. */
function quote(path: string): string {
  return /^[A-Za-z0-9/._~+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
