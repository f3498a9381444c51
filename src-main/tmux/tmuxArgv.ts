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
  mode: '@muxdeck_mode',
  status: '@muxdeck_status',
  reason: '@muxdeck_reason',
  statusSince: '@muxdeck_since',
  connectedAt: '@muxdeck_connected_at',
  /** The ssh ControlPath this session's connection shares, so its health can be read from the socket. */
  controlPath: '@muxdeck_cpath',
  /** The session log file, when logging is on for its host. */
  logFile: '@muxdeck_log',
  /** The pane's command (JSON array), so a reconnect can start it behind the replay of the last screen. */
  argv: '@muxdeck_argv',
  /** How the last ssh ended (JSON SessionEnding), so the tab tells it after an app restart too. */
  ending: '@muxdeck_ending',
  /** The connect deadline ("20:setting"), so a restarted app still enforces it. */
  deadline: '@muxdeck_deadline',
  /** Set when Muxdeck stopped the attempt at its deadline: the ending is then "gave up", whatever ssh says. */
  gaveUp: '@muxdeck_gave_up',
  /** Which death of the pane (pid@time) the ending is about, so a restarted app does not judge it twice. */
  judgedDeath: '@muxdeck_judged',
  /** When a dropped session connected again (ms), for the status's "reconnected". */
  reconnectedAt: '@muxdeck_reconnected_at',
  /** "agent" when an AI agent opened the session through `muxdeck mcp` (absent: the human's). */
  owner: '@muxdeck_owner',
  /** The agent's MCP client name (from its initialize request), for the tab's badge. */
  agentClient: '@muxdeck_agent_client',
  /** Which `muxdeck mcp` process owns the session: an agent sees only its own sessions. */
  agentId: '@muxdeck_agent_id',
  /** The name the agent gave the session (unique among its sessions). */
  agentName: '@muxdeck_agent_name',
  /** What the agent is doing now ("exec `uptime`"), for the line under the tab; unset when idle. */
  agentActivity: '@muxdeck_agent_doing',
  /** Set to "1" by the app's "Share with agents": the human lets agents see and type into this session. */
  sharedWithAgents: '@muxdeck_shared',
} as const;

export type SessionOptionKey = keyof typeof SESSION_OPTIONS;

const FIELD_SEPARATOR = '\t';

/** Fields read back by list-sessions; order matters to parseSessionList. */
export const LIST_SESSIONS_FORMAT = [
  '#{session_name}',
  '#{session_created}',
  '#{session_attached}',
  '#{pane_dead}',
  '#{pane_dead_status}',
  '#{pane_dead_time}',
  '#{pane_dead_signal}',
  '#{pane_pid}',
  ...Object.values(SESSION_OPTIONS).map((option) => `#{${option}}`),
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
  /** Variables for this session only (tmux >= 3.2 `-e`), e.g. the askpass wiring; never secrets. */
  environment?: Readonly<Record<string, string>>;
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
    ...Object.entries(opts.environment ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    '--',
    ...opts.command.map(escapeTmuxArgument),
  ];
  // Set the metadata in the same tmux invocation: no window in which a session exists unlabelled.
  for (const [key, value] of Object.entries(opts.options)) {
    argv.push(';', 'set-option', '-t', paneTarget(opts.name), key, encodeOptionValue(value));
  }
  argv.push(';', 'pipe-pane', '-t', paneTarget(opts.name), DRAIN_PIPE_COMMAND);
  return argv;
}

/**
 * The pipe a Muxdeck pane has whenever no log takes its output. tmux 3.3a destroys a pane whose
 * program ended without reading what is still in the pty (the last lines of a flood, ssh's
 * "Connection to … closed.": 600 of 200,000 lines lost in 2 runs of 3 under a control client) unless
 * the pane has a pipe: then it reads the pty dry first. Started in the same tmux call as the pane.
 */
export const DRAIN_PIPE_COMMAND = 'exec cat >/dev/null';

/** set-option takes a pane target: `=name:` is an exact session match there (plain `=name` is not). */
function paneTarget(name: string): string {
  return `=${name}:`;
}

export function setOptionsArgv(
  server: TmuxServerAddress,
  name: string,
  options: Readonly<Record<string, string | undefined>>,
): string[] {
  const argv = [...serverArgs(server)];
  for (const [key, value] of Object.entries(options)) {
    if (argv.length > 4) argv.push(';');
    argv.push(
      ...(value === undefined
        ? ['set-option', '-u', '-t', paneTarget(name), key]
        : ['set-option', '-t', paneTarget(name), key, encodeOptionValue(value)]),
    );
  }
  return argv;
}

/** Restarts the pane's original command (ssh) in place: same session, same scrollback. */
/** Without a command, tmux runs the pane's last command again; with one, that argv (no shell). */
export function respawnPaneArgv(
  server: TmuxServerAddress,
  name: string,
  command?: readonly string[],
): string[] {
  const tail = command ? ['--', ...command.map(escapeTmuxArgument)] : [];
  return [...serverArgs(server), 'respawn-pane', '-k', '-t', paneTarget(name), ...tail];
}

/** The pane's text; with history, from the start of the scrollback; with escapes, colours kept. */
export function capturePaneArgv(
  server: TmuxServerAddress,
  name: string,
  opts: { history: boolean; escapes: boolean; lastLines?: number; wholePane?: number },
): string[] {
  const argv = [...serverArgs(server), 'capture-pane', '-p', '-t', paneTarget(name)];
  if (opts.escapes) argv.push('-e');
  // -J joins lines tmux wrapped, so xterm re-wraps them to its own width.
  if (opts.wholePane !== undefined) argv.push('-J', '-S', String(-opts.wholePane), '-E', '-');
  else if (opts.history) argv.push('-J', '-S', '-', '-E', '-1');
  else if (opts.lastLines !== undefined) argv.push('-S', String(-opts.lastLines));
  return argv;
}

/** Copies the pane's output to a shell command, in place of the pipe it had (the drain). */
export function pipePaneArgv(server: TmuxServerAddress, name: string, shellCommand: string): string[] {
  return [...serverArgs(server), 'pipe-pane', '-t', paneTarget(name), shellCommand];
}

/** Ends the pane's log: its output goes back to the drain pipe (see DRAIN_PIPE_COMMAND). */
export function stopPipePaneArgv(server: TmuxServerAddress, name: string): string[] {
  return [...serverArgs(server), 'pipe-pane', '-t', paneTarget(name), DRAIN_PIPE_COMMAND];
}

/** Variables in the server's global environment: every pane (re)spawned from now on sees them. */
export function setGlobalEnvironmentArgv(
  server: TmuxServerAddress,
  vars: Readonly<Record<string, string>>,
): string[] {
  const argv = [...serverArgs(server)];
  for (const [key, value] of Object.entries(vars)) {
    if (argv.length > 4) argv.push(';');
    argv.push('set-environment', '-g', key, escapeTmuxArgument(value));
  }
  return argv;
}

export function listSessionsArgv(server: TmuxServerAddress): string[] {
  return [...serverArgs(server), 'list-sessions', '-F', LIST_SESSIONS_FORMAT];
}

/** The server's own pid (#{pid}), printed by the server. */
export function serverPidArgv(server: TmuxServerAddress): string[] {
  return [...serverArgs(server), 'display-message', '-p', '#{pid}'];
}

export function killSessionArgv(server: TmuxServerAddress, name: string): string[] {
  return [...serverArgs(server), 'kill-session', '-t', `=${name}`];
}

/**
 * A control-mode client (tmux -C) on the session: every byte its pane writes comes as %output, and it
 * takes commands on stdin. -u: UTF-8 even without a UTF-8 locale.
 */
export function controlAttachArgv(server: TmuxServerAddress, name: string): string[] {
  return ['-u', ...serverArgs(server), '-C', 'attach-session', '-t', `=${name}`];
}

/** A paste buffer's contents on stdout, then the buffer deleted (screen text must not linger in tmux). */
export function takeBufferArgv(server: TmuxServerAddress, buffer: string): string[] {
  return [...serverArgs(server), 'save-buffer', '-b', buffer, '-', ';', 'delete-buffer', '-b', buffer];
}

/**
 * Replaces the session's window (at its index, so the session keeps its name, options and environment)
 * with a new one running `command`: a new pane, unlike respawn-pane, which in tmux 3.3a leaves the pane's
 * output offsets stale for attached control clients (lost output, or a crashed server).
 */
export function replaceWindowArgv(
  server: TmuxServerAddress,
  name: string,
  windowIndex: number,
  command: readonly string[],
): string[] {
  return [
    ...serverArgs(server),
    'new-window',
    '-d',
    '-k',
    '-t',
    `=${name}:${windowIndex}`,
    '--',
    ...command.map(escapeTmuxArgument),
    ';',
    'pipe-pane',
    '-t',
    `=${name}:${windowIndex}`,
    DRAIN_PIPE_COMMAND,
  ];
}

export function windowIndexArgv(server: TmuxServerAddress, name: string): string[] {
  return [...serverArgs(server), 'display-message', '-p', '-t', paneTarget(name), '#{window_index}'];
}

/** The server's clients (or one session's): each one's pid and whether it is a control-mode client. */
export function listClientsArgv(server: TmuxServerAddress, session?: string): string[] {
  const target = session === undefined ? [] : ['-t', `=${session}`];
  return [...serverArgs(server), 'list-clients', ...target, '-F', '#{client_pid} #{client_control_mode}'];
}

/**
 * Keys for a pane: each part either literal text (send-keys -l, nothing in it is read as a key name) or
 * one key name tmux knows (Enter, C-c). Callers validate key names first. One tmux command per part,
 * without the server address, for chainArgv.
 */
export function sendKeysCommands(
  name: string,
  parts: ReadonlyArray<{ literal: boolean; text: string }>,
): string[][] {
  return parts.map((part) => [
    'send-keys',
    '-t',
    paneTarget(name),
    ...(part.literal ? ['-l'] : []),
    '--',
    escapeTmuxArgument(part.text),
  ]);
}

export function sendKeysArgv(
  server: TmuxServerAddress,
  name: string,
  parts: ReadonlyArray<{ literal: boolean; text: string }>,
): string[] {
  return chainArgv(server, sendKeysCommands(name, parts));
}

/** The pane's output to a shell command (a capture, or back to the drain), as one command for chainArgv. */
export function pipePaneCommand(name: string, shellCommand: string): string[] {
  return ['pipe-pane', '-t', paneTarget(name), shellCommand];
}

/** Sets (or with undefined, unsets) one of Muxdeck's session options, as one command for chainArgv. */
export function setOptionCommand(name: string, key: SessionOptionKey, value: string | undefined): string[] {
  const option = SESSION_OPTIONS[key];
  return value === undefined
    ? ['set-option', '-u', '-t', paneTarget(name), option]
    : ['set-option', '-t', paneTarget(name), option, encodeOptionValue(value)];
}

/** Several commands in one tmux process, applied in order: each tmux start costs milliseconds. */
export function chainArgv(server: TmuxServerAddress, commands: ReadonlyArray<readonly string[]>): string[] {
  const argv = [...serverArgs(server)];
  commands.forEach((command, index) => {
    if (index > 0) argv.push(';');
    argv.push(...command);
  });
  return argv;
}

/** What a snapshot needs besides the text: cursor, dead pane, alternate screen (full-screen programs). */
export const PANE_STATE_FORMAT = '#{cursor_x} #{cursor_y} #{pane_dead} #{alternate_on} #{pane_height}';

export function paneStateArgv(server: TmuxServerAddress, name: string): string[] {
  return [...serverArgs(server), 'display-message', '-p', '-t', paneTarget(name), PANE_STATE_FORMAT];
}
