/**
 * Pure argv builders for Muxdeck's private tmux server. Every call names the
 * server by its socket and its config, so the user's tmux is never touched and
 * a server started by any call is configured the same way.
 */

export interface TmuxServerAddress {
  /** Path of the private server's socket (tmux -S). */
  socket: string;
  /** Muxdeck's tmux.conf (tmux -f), which replaces /etc/tmux.conf and ~/.tmux.conf. */
  config: string;
}

/** Session metadata lives in tmux user options, so the tmux server alone can rebuild the UI. */
export const SESSION_OPTIONS = {
  hostId: '@muxdeck_host',
  label: '@muxdeck_label',
} as const;

const FIELD_SEPARATOR = '\t';

/** Fields read back by list-sessions; order matters to parseSessionList. */
export const LIST_SESSIONS_FORMAT = [
  '#{session_name}',
  '#{session_created}',
  '#{session_attached}',
  '#{pane_dead}',
  '#{pane_dead_status}',
  `#{${SESSION_OPTIONS.hostId}}`,
  `#{${SESSION_OPTIONS.label}}`,
].join(FIELD_SEPARATOR);

export { FIELD_SEPARATOR };

function serverArgs(server: TmuxServerAddress): string[] {
  return ['-f', server.config, '-S', server.socket];
}

/**
 * tmux ends a command at any argument that ends in ";" (cmd-parse.c), so a value
 * ending in ";" must be written "\;" to reach the program literally.
 */
export function escapeTmuxArgument(arg: string): string {
  return arg.endsWith(';') ? `${arg.slice(0, -1)}\\;` : arg;
}

/** Option values are stored percent-encoded: no separator, tab or newline can survive into them. */
export function encodeOptionValue(value: string): string {
  return encodeURIComponent(value);
}

export function decodeOptionValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function newSessionArgv(opts: {
  server: TmuxServerAddress;
  name: string;
  cols: number;
  rows: number;
  cwd: string;
  /** The program to run, as argv: tmux >= 3.0 executes a multi-argument command without a shell. */
  command: readonly string[];
  options: Readonly<Record<string, string>>;
}): string[] {
  const argv = [
    ...serverArgs(opts.server),
    'new-session',
    '-d',
    '-s',
    opts.name,
    '-x',
    String(opts.cols),
    '-y',
    String(opts.rows),
    '-c',
    opts.cwd,
    '--',
    ...opts.command.map(escapeTmuxArgument),
  ];
  // Set the metadata in the same tmux invocation: no window in which a session exists unlabelled.
  for (const [key, value] of Object.entries(opts.options)) {
    // set-option takes a pane target: `=name:` is an exact session match there (plain `=name` is not).
    argv.push(';', 'set-option', '-t', `=${opts.name}:`, key, encodeOptionValue(value));
  }
  return argv;
}

export function listSessionsArgv(server: TmuxServerAddress): string[] {
  return [...serverArgs(server), 'list-sessions', '-F', LIST_SESSIONS_FORMAT];
}

export function killSessionArgv(server: TmuxServerAddress, name: string): string[] {
  return [...serverArgs(server), 'kill-session', '-t', `=${name}`];
}

/** The client shown in a Muxdeck terminal. -u: UTF-8 even when the app was started without a UTF-8 locale (Finder, systemd). */
export function attachSessionArgv(server: TmuxServerAddress, name: string): string[] {
  return ['-u', ...serverArgs(server), 'attach-session', '-t', `=${name}`];
}
