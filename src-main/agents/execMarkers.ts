import { randomBytes } from 'node:crypto';

/**
 * How an agent's command is delimited in its session's output. The shell prints the markers itself, as
 * OSC 777 sequences (invisible on the human's screen: tmux and xterm.js drop OSCs they do not know),
 * around the command and its `$?`, with a nonce drawn per command. The typed line holds the marker only
 * in printf's escaped spelling (`\033`, `\007`), so the terminal's echo of the line never matches, and
 * nothing the command prints can end it early: it cannot know the nonce.
 */
const OSC = '\x1b]777;';
const BEL = '\x07';

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function beginMarker(nonce: string): string {
  return `${OSC}muxdeck-begin;${nonce}${BEL}`;
}

export function readyMarker(nonce: string): string {
  return `${OSC}muxdeck-ready;${nonce}${BEL}`;
}

function endMarkerPrefix(nonce: string): string {
  return `${OSC}muxdeck-end;${nonce};`;
}

/** POSIX single quoting: the command reaches eval exactly as the agent wrote it. */
export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The line typed into the shell. A leading space keeps it out of history (HISTCONTROL=ignorespace, set
 * by the ready line); eval runs the command in the session's own shell, so `cd` and `export` persist,
 * and a trailing comment or a missing newline in the command cannot swallow the end marker.
 */
export function markedCommandLine(command: string, nonce: string): string {
  return (
    ` printf '\\033]777;muxdeck-begin;%s\\007' ${nonce}; eval ${singleQuote(command)}; ` +
    `printf '\\033]777;muxdeck-end;%s;%s\\007' ${nonce} "$?"`
  );
}

/**
 * Typed once when a session opens: history off for this shell (bash and zsh), then a marker that proves
 * the shell reads commands (the "prompt is there").
 */
export function readyLine(nonce: string): string {
  return (
    ' export HISTCONTROL=ignoreboth; unset HISTFILE; [ -n "$ZSH_VERSION" ] && setopt HIST_IGNORE_SPACE; ' +
    `printf '\\033]777;muxdeck-ready;%s\\007' ${nonce}`
  );
}

/** What a command may not contain: the marker introducer, and control characters other than tab and newline. */
export function commandProblem(command: string): string | undefined {
  if (command.trim().length === 0) return 'the command is empty';
  if (command.includes('\x1b]777;') || /muxdeck-(begin|end|ready);/.test(command))
    return "the command contains Muxdeck's marker text";
  for (const ch of command) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 && ch !== '\n' && ch !== '\t') || code === 0x7f || (code >= 0x80 && code < 0xa0))
      return `the command contains the control character U+${code.toString(16).padStart(4, '0')}; use send_keys for keys`;
  }
  return undefined;
}

export interface MarkedOutput {
  /** The begin marker was seen: bytes after it are the command's output. */
  started: boolean;
  /** Where the output starts and (when finished) ends in the captured bytes. */
  bodyStart: number;
  bodyEnd?: number;
  exitCode?: number;
}

/** Finds the markers of one command (by its nonce) in everything its pane printed since it was typed. */
export function findMarkers(captured: Buffer, nonce: string): MarkedOutput {
  const begin = Buffer.from(beginMarker(nonce), 'latin1');
  const at = captured.indexOf(begin);
  if (at < 0) return { started: false, bodyStart: 0 };
  const bodyStart = at + begin.length;
  const endPrefix = Buffer.from(endMarkerPrefix(nonce), 'latin1');
  const endAt = captured.indexOf(endPrefix, bodyStart);
  if (endAt < 0) return { started: true, bodyStart };
  const codeStart = endAt + endPrefix.length;
  const bel = captured.indexOf(0x07, codeStart);
  if (bel < 0 || bel - codeStart > 5) return { started: true, bodyStart };
  const code = captured.subarray(codeStart, bel).toString('latin1');
  if (!/^\d{1,3}$/.test(code)) return { started: true, bodyStart };
  return { started: true, bodyStart, bodyEnd: endAt, exitCode: Number(code) };
}

/**
 * How much of a running command's output can be handed out now: not a trailing escape sequence that may
 * still be growing into the end marker (or any other sequence cut in half).
 */
export function safeOutputEnd(captured: Buffer, from: number): number {
  const windowStart = Math.max(from, captured.length - 96);
  const esc = captured.lastIndexOf(0x1b);
  return esc >= windowStart ? esc : captured.length;
}
