import type { CommandRunner } from '../../ports';
import { failed, passed, type DoctorCheck } from '../doctorCheck';
import { compareVersions, parseVersion } from '../versionNumbers';

/** Control mode's flow control (pause-after) and refresh-client -A came with tmux 3.2 (ARCHITECTURE.md §2). */
const MINIMUM = [3, 2, 0];
const VERSION_TIMEOUT_MS = 5_000;

const INSTALL_TMUX: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Install tmux 3.2 or newer with "brew install tmux", then restart Muxdeck.',
  linux:
    'Install tmux 3.2 or newer ("sudo apt install tmux" on Debian 12 / Ubuntu 22.04 and later, "sudo dnf install tmux" on Fedora), then restart Muxdeck.',
};

/** tmux, located as the app locates it, and its version: 3.2 or newer carries the terminal path. */
export async function tmuxCheck(edges: {
  platform: NodeJS.Platform;
  /** Where the app found tmux; undefined when it did not. */
  tmuxPath: string | undefined;
  runner: CommandRunner;
}): Promise<DoctorCheck> {
  const title = 'tmux';
  if (edges.platform === 'win32') {
    return passed('tmux', title, 'optional', 'not used on Windows: sessions run ssh directly');
  }
  const install = INSTALL_TMUX[edges.platform] ?? INSTALL_TMUX.linux ?? '';
  if (!edges.tmuxPath) {
    return failed(
      'tmux',
      title,
      'required',
      'tmux was not found on PATH nor in the usual places; sessions would end when Muxdeck closes',
      install,
    );
  }
  const result = await edges.runner.run(edges.tmuxPath, ['-V'], { timeoutMs: VERSION_TIMEOUT_MS });
  const output = result.stdout.trim();
  if (result.code !== 0 || output === '') {
    return failed(
      'tmux',
      title,
      'required',
      `${edges.tmuxPath} -V failed: ${(result.stderr || output || `exit ${String(result.code)}`).trim()}`,
      install,
    );
  }
  // "tmux 3.3a"; builds from git say "tmux next-3.5" or "tmux master": newer than any release.
  const version = parseVersion(output);
  if (!version) return passed('tmux', title, 'required', `${output} (${edges.tmuxPath})`);
  if (compareVersions(version, MINIMUM) >= 0) {
    return passed('tmux', title, 'required', `${output} (${edges.tmuxPath}), needs 3.2 or newer`);
  }
  return failed(
    'tmux',
    title,
    'required',
    `${output} (${edges.tmuxPath}) is older than 3.2, which Muxdeck's terminals need (control mode flow control)`,
    install,
  );
}
