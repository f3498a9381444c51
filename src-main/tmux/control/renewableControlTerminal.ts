import {
  attachControlTerminal,
  type ControlTerminalOptions,
  type TerminalConnection,
} from './controlTerminal';

/** A tmux view whose control client can be let go and replaced (see TerminalService.releaseViews). */
export interface RenewableTerminalConnection extends TerminalConnection {
  /** Closes the control client; resolves once its process has gone. Output and keys meanwhile are lost. */
  release(): Promise<void>;
  /** Takes a new control client after a release; it restores the pane as it is then. */
  renew(): void;
  readonly released: boolean;
}

/**
 * A control-mode terminal that keeps its size and flow-control state across control clients, so a
 * session's window can be replaced under it (tmux 3.3a must not have control clients attached then).
 */
export function renewableControlTerminal(
  options: Omit<ControlTerminalOptions, 'scrollbackLines'> & { scrollbackLines: () => number },
): RenewableTerminalConnection {
  let size = { ...options.size };
  let paused = false;
  let released = false;
  let generation = 0;
  let gone: (() => void) | undefined;
  let current: TerminalConnection;

  const open = (): void => {
    const mine = ++generation;
    current = attachControlTerminal({
      ...options,
      size,
      scrollbackLines: options.scrollbackLines(),
      // A replaced client's last words belong to nobody.
      onData: (data) => {
        if (mine === generation && !released) options.onData(data);
      },
      onExit: (code) => {
        if (mine === generation && !released) {
          options.onExit(code);
          return;
        }
        gone?.();
        gone = undefined;
      },
    });
    if (paused) current.pause();
  };
  open();

  return {
    write: (data) => current.write(data),
    resize: (cols, rows) => {
      size = { cols, rows };
      current.resize(cols, rows);
    },
    pause: () => {
      paused = true;
      current.pause();
    },
    resume: () => {
      paused = false;
      current.resume();
    },
    close: () => current.close(),
    release: () => {
      if (released) return Promise.resolve();
      released = true;
      const closed = new Promise<void>((resolve) => (gone = resolve));
      current.close();
      return closed;
    },
    renew: () => {
      if (!released) return;
      released = false;
      open();
    },
    get released() {
      return released;
    },
  };
}
