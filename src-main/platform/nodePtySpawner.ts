import type { IPty } from 'node-pty';
import type { PtyProcess, PtySpawner } from '../ports';

type NodePtyModule = typeof import('node-pty');

/**
 * PtySpawner over node-pty. The native module is loaded by the composition root
 * only (loadNodePtySpawner), so unit tests never load it.
 *
 * node-pty is an optional dependency (its build needs a compiler): without it Muxdeck still runs
 * every session inside tmux, and only a session that needs a pty of its own says why it cannot.
 */
export async function loadNodePtySpawner(
  load: () => Promise<NodePtyModule> = () => import('node-pty'),
): Promise<PtySpawner> {
  let nodePty: NodePtyModule;
  try {
    nodePty = await load();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      spawn() {
        throw new Error(
          `node-pty could not be loaded (${reason}), so sessions without tmux cannot start. ` +
            'Run `npm rebuild node-pty` (it needs python3, make and a C++ compiler), or install tmux.',
        );
      },
    };
  }
  return {
    spawn(file, args, options) {
      const pty = nodePty.spawn(file, [...args], {
        name: options.termName,
        cols: options.cols,
        rows: options.rows,
        cwd: options.cwd,
        env: options.env,
        encoding: 'utf8',
      });
      return wrap(pty);
    },
  };
}

function wrap(pty: IPty): PtyProcess {
  return {
    pid: pty.pid,
    onData: (listener) => void pty.onData(listener),
    onExit: (listener) =>
      void pty.onExit(({ exitCode, signal }) => listener({ exitCode, ...(signal ? { signal } : {}) })),
    write: (data) => pty.write(data),
    resize: (cols, rows) => pty.resize(cols, rows),
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    kill: (signal) => pty.kill(signal),
  };
}
