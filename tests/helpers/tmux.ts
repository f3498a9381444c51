import { isProcessAlive } from './processTree';
import { type CommandResult, runCommand } from './runCommand';
import { waitFor } from './waitFor';

export interface TmuxCommandOptions {
  /**
   * Environment for the tmux client, and for the panes if this command starts the server. Defaults to
   * process.env. TMUX/TMUX_PANE are always removed.
   */
  env?: NodeJS.ProcessEnv;
  /**
   * Config file used if this command starts the server. Defaults to /dev/null so the developer's
   * ~/.tmux.conf can never change what a test sees.
   */
  configFile?: string;
}

/**
 * Environment for tmux clients run by tests. TMUX/TMUX_PANE are removed because when the test runner itself
 * runs inside tmux they make the client refuse nested sessions or default to the outer server.
 */
export function tmuxTestEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TERM: 'xterm-256color' };
  delete env.TMUX;
  delete env.TMUX_PANE;
  return env;
}

/** Runs `tmux -S socketPath -f <config> ...args`; resolves with the exit status instead of throwing. */
export function tmuxCommand(
  socketPath: string,
  args: readonly string[],
  options: TmuxCommandOptions = {},
): Promise<CommandResult> {
  return runCommand('tmux', ['-S', socketPath, '-f', options.configFile ?? '/dev/null', ...args], {
    env: tmuxTestEnvironment(options.env),
  });
}

/** tmuxCommand that throws (with stderr) on a non-zero exit. */
export async function tmuxOk(
  socketPath: string,
  args: readonly string[],
  options: TmuxCommandOptions = {},
): Promise<string> {
  const result = await tmuxCommand(socketPath, args, options);
  if (result.code !== 0) {
    throw new Error(
      `tmux ${args.join(' ')} failed (${result.code ?? result.signal}): ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}

export interface CapturePaneOptions {
  /** Include the scrollback history, not just the visible screen. */
  history?: boolean;
}

/** Pane text with wrapped lines joined (-J) so a long line is matched as one. */
export function capturePane(
  socketPath: string,
  target: string,
  options: CapturePaneOptions = {},
): Promise<string> {
  const historyArgs = options.history ? ['-S', '-'] : [];
  return tmuxOk(socketPath, ['capture-pane', '-p', '-J', ...historyArgs, '-t', target]);
}

export type PaneTextMatcher = RegExp | ((text: string) => boolean);

/**
 * Polls capture-pane every 50 ms until the text matches, and returns that text. Searches the history too
 * by default, so output that already scrolled off the screen still counts.
 * Beware: keys typed with send-keys are echoed by the shell, so match the command's OUTPUT, e.g. type
 * `echo ok-$((6*7))` and wait for /ok-42/, or the match succeeds before the command has even run.
 */
export function waitForPaneText(
  socketPath: string,
  target: string,
  matcher: PaneTextMatcher,
  timeoutMs = 10_000,
  options: CapturePaneOptions = { history: true },
): Promise<string> {
  const matches = typeof matcher === 'function' ? matcher : (text: string) => text.search(matcher) !== -1;
  let lastText = '';
  return waitFor(
    async () => {
      lastText = await capturePane(socketPath, target, options);
      return matches(lastText) ? lastText : undefined;
    },
    { describe: `pane ${target} to match ${String(matcher)}`, timeoutMs, intervalMs: 50 },
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n--- last pane text ---\n${lastText}`, { cause: error });
  });
}

/** Types `line` literally (no key-name interpretation) and presses Enter. */
export async function sendLine(socketPath: string, target: string, line: string): Promise<void> {
  await tmuxOk(socketPath, ['send-keys', '-t', target, '-l', line]);
  await tmuxOk(socketPath, ['send-keys', '-t', target, 'Enter']);
}

/** The pid of the tmux server behind the socket, or undefined when none is running. */
export async function serverPid(socketPath: string): Promise<number | undefined> {
  const result = await tmuxCommand(socketPath, ['display-message', '-p', '#{pid}']);
  return result.code === 0 ? Number(result.stdout.trim()) : undefined;
}

/**
 * Kills the private server and waits until its process is gone (kill-server replies before the server has
 * exited). A server that is not running, or never existed, is already the goal.
 */
export async function killServer(socketPath: string): Promise<void> {
  const pid = await serverPid(socketPath);
  const result = await tmuxCommand(socketPath, ['kill-server']);
  const alreadyGone = /no server running|error connecting to|No such file or directory|server exited/i;
  if (result.code !== 0 && !alreadyGone.test(result.stderr)) {
    throw new Error(`tmux kill-server failed (${result.code ?? result.signal}): ${result.stderr.trim()}`);
  }
  if (pid !== undefined) {
    await waitFor(() => !isProcessAlive(pid), {
      describe: `tmux server pid ${pid} to exit`,
      timeoutMs: 20_000,
    });
  }
}
