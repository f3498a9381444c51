/**
 * What `ansible_ssh_common_args` / `ansible_ssh_extra_args` say about the route to a
 * host. ansible splits them with shlex (connection/ssh.py _split_ssh_args) and hands them
 * to ssh; Muxdeck only reads them: `-J` and `-o ProxyJump=` give the jump host, a
 * `-o ProxyCommand=...` is kept as text (shown, never run unless the user allows it),
 * and a ProxyCommand of the usual `ssh -W %h:%p bastion` form also yields the
 * equivalent jump host, so the host stays reachable without running anything.
 */
import { shlexSplit } from './pythonShlex';

export interface SshArgsRoute {
  proxyJump?: string;
  proxyCommand?: string;
  /** The jump host a `ssh ... -W %h:%p host` ProxyCommand amounts to. */
  proxyCommandJump?: string;
  /** Every other argument, in order. */
  otherArgs: string[];
}

/** ssh(1) options that take an argument. */
const SSH_OPTIONS_WITH_ARGUMENT = 'BbcDEeFIiJLlmOoPpQRSWw';

export function scanSshArgs(argStrings: readonly string[]): SshArgsRoute {
  const route: SshArgsRoute = { otherArgs: [] };
  for (const argString of argStrings) {
    let args: string[];
    try {
      args = shlexSplit(argString, { comments: false })
        .map((arg) => arg.trim())
        .filter(Boolean);
    } catch {
      route.otherArgs.push(argString);
      continue;
    }
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      if (arg === '-o' || arg === '-J') {
        const value = args[i + 1];
        if (value === undefined) {
          route.otherArgs.push(arg);
          continue;
        }
        i++;
        if (arg === '-J') route.proxyJump ??= value;
        else applyOption(route, value);
      } else if (arg.startsWith('-o') && arg.length > 2) {
        applyOption(route, arg.slice(2));
      } else if (arg.startsWith('-J') && arg.length > 2) {
        route.proxyJump ??= arg.slice(2);
      } else {
        route.otherArgs.push(arg);
      }
    }
  }
  // As in OpenSSH, `ProxyCommand none` means no proxy command (and, being first, overrides later ones).
  if (route.proxyCommand === 'none') delete route.proxyCommand;
  if (route.proxyCommand !== undefined) {
    const jump = jumpFromProxyCommand(route.proxyCommand);
    if (jump !== undefined) route.proxyCommandJump = jump;
  }
  return route;
}

/** `Key=Value` or `Key Value`, as ssh reads -o; the first value of an option wins, as in ssh. */
function applyOption(route: SshArgsRoute, option: string): void {
  const match = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(option);
  const key = match?.[1]?.toLowerCase();
  const value = (match?.[2] ?? '').trim();
  if (key === 'proxyjump' && value) route.proxyJump ??= unquote(value);
  else if (key === 'proxycommand' && value) route.proxyCommand ??= unquote(value);
  else route.otherArgs.push('-o', option);
}

function unquote(value: string): string {
  return /^"[^"]*"$/.test(value) ? value.slice(1, -1) : value;
}

/**
 * `ssh [-q] [-l user] [-p port] [-i key] -W %h:%p [user@]bastion`, or the older
 * `ssh bastion nc %h %p`: the jump host `[user@]bastion[:port]`. Anything else is not a
 * plain jump and gives undefined.
 */
export function jumpFromProxyCommand(command: string): string | undefined {
  let words: string[];
  try {
    words = shlexSplit(command, { comments: false });
  } catch {
    return undefined;
  }
  const [program, ...args] = words;
  if (program === undefined || !/(^|\/)ssh$/.test(program)) return undefined;
  let user: string | undefined;
  let port: string | undefined;
  let forwardsStdio = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      rest.push(arg);
      continue;
    }
    const flag = arg[1] ?? '';
    if (!SSH_OPTIONS_WITH_ARGUMENT.includes(flag)) continue;
    const value = arg.length > 2 ? arg.slice(2) : args[++i];
    if (value === undefined) return undefined;
    if (flag === 'l') user = value;
    else if (flag === 'p') port = value;
    else if (flag === 'W') forwardsStdio = value === '%h:%p';
    else if (flag === 'J' || flag === 'o') return undefined; // a chain or options we cannot express as one hop
  }
  const [destination, ...remoteCommand] = rest;
  const netcat =
    remoteCommand.length === 3 &&
    /^(nc|netcat|ncat)$/.test(remoteCommand[0] ?? '') &&
    remoteCommand[1] === '%h';
  if (
    destination === undefined ||
    !(forwardsStdio ? remoteCommand.length === 0 : netcat && remoteCommand[2] === '%p')
  ) {
    return undefined;
  }
  const withUser = user !== undefined && !destination.includes('@') ? `${user}@${destination}` : destination;
  return port !== undefined && /^[0-9]+$/.test(port) ? `${withUser}:${port}` : withUser;
}
