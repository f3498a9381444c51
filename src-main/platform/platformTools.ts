import { augmentedPath, locateTool, type ToolLocatorDeps } from './toolLocator';

/** What this machine offers Muxdeck, decided once at start (compose.ts wires it in). */
export interface PlatformTools {
  /** Full path of tmux, or undefined: then every session runs without a local tmux (direct). */
  tmuxPath: string | undefined;
  /** What Muxdeck runs as ssh: the located client, else the bare name (so errors name it). */
  sshPath: string;
  sshFound: boolean;
  /** PATH for tmux, ssh and what ssh runs, with Homebrew's directories on macOS. */
  path: string;
  /**
   * Whether ssh asks for passwords through Muxdeck's askpass helper. Not on Windows: the helper is
   * a shell script on a Unix socket, and ssh there prompts in the terminal (ConPTY) instead.
   */
  askpass: boolean;
  /** Whether ssh may share connections (ControlMaster): Windows' OpenSSH does not support it. */
  connectionSharing: boolean;
  /** What the user must be told (shown as notices in the window). */
  notices: string[];
}

/** Windows' OpenSSH client is an optional feature: say exactly how to turn it on. */
export const WINDOWS_SSH_MISSING =
  'Muxdeck could not find the OpenSSH client (ssh.exe). Turn it on in Settings → System → Optional features → ' +
  'Add a feature → "OpenSSH Client", or in an administrator PowerShell run ' +
  '"Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0", then restart Muxdeck.';

const POSIX_SSH_MISSING: Partial<Record<NodeJS.Platform, string>> = {
  darwin:
    'Muxdeck could not find ssh (it comes with macOS in /usr/bin/ssh; reinstall it or set MUXDECK_SSH).',
  linux:
    'Muxdeck could not find ssh. Install the OpenSSH client ("sudo apt install openssh-client" or ' +
    '"sudo dnf install openssh-clients"), then restart Muxdeck.',
};

const TMUX_MISSING: Partial<Record<NodeJS.Platform, string>> = {
  darwin:
    'tmux was not found (looked in PATH, /opt/homebrew/bin and /usr/local/bin), so sessions end when Muxdeck ' +
    'closes. Install it with "brew install tmux" and restart Muxdeck, or use remote persistence.',
  linux:
    'tmux was not found, so sessions end when Muxdeck closes. Install it ("sudo apt install tmux" or ' +
    '"sudo dnf install tmux") and restart Muxdeck, or use remote persistence.',
};

/**
 * Finds tmux and ssh for this platform. MUXDECK_TMUX / MUXDECK_SSH, when set, are used as given
 * (tests and unusual installs). Windows has no tmux: sessions run ssh directly there, and a
 * missing ssh.exe is explained; tmux missing elsewhere is explained too, since it costs persistence.
 */
export function planPlatformTools(deps: ToolLocatorDeps): PlatformTools {
  const { platform, env } = deps;
  const tmuxPath = env.MUXDECK_TMUX ?? (platform === 'win32' ? undefined : locateTool('tmux', deps));
  const sshLocated = env.MUXDECK_SSH ?? locateTool('ssh', deps);
  const notices: string[] = [];
  if (!sshLocated) {
    notices.push(
      platform === 'win32'
        ? WINDOWS_SSH_MISSING
        : (POSIX_SSH_MISSING[platform] ?? POSIX_SSH_MISSING.linux ?? ''),
    );
  }
  if (!tmuxPath && platform !== 'win32') notices.push(TMUX_MISSING[platform] ?? TMUX_MISSING.linux ?? '');
  return {
    tmuxPath,
    sshPath: sshLocated ?? 'ssh',
    sshFound: sshLocated !== undefined,
    path: augmentedPath(deps),
    askpass: platform !== 'win32',
    connectionSharing: platform !== 'win32',
    notices,
  };
}
