import type { BrowserLauncherDeps } from './browserLauncher';
import type { TerminalIo } from '../confirm/terminalConfirmation';

/** What a CLI command needs from its process, passed in so commands run in tests too. */
export interface CliContext {
  appRoot: string;
  version: string;
  env: NodeJS.ProcessEnv;
  stdout(line: string): void;
  stderr(line: string): void;
  /** Diagnostic log lines (JSON); never secrets. */
  log(line: string): void;
  /** The machine `serve --open` opens a browser on; tests pass a stand-in. */
  browserLauncher?: (privateDir: string) => BrowserLauncherDeps;
  /** Where serve mode asks the user to confirm (stdin/stderr; interactive only when stdin is a TTY). */
  terminal?: TerminalIo;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  untilStopped(): Promise<void>;
}
