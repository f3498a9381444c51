import type { IPty } from 'node-pty';
import type { PtyProcess, PtySpawner } from '../ports';

type NodePtyModule = typeof import('node-pty');

/**
 * PtySpawner over node-pty. The native module is loaded by the composition root
 * only (loadNodePtySpawner), so unit tests never load it.
 */
export async function loadNodePtySpawner(): Promise<PtySpawner> {
  const nodePty: NodePtyModule = await import('node-pty');
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
