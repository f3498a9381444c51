import { describe, expect, it } from 'vitest';
import { planPlatformTools, WINDOWS_SSH_MISSING } from '../../../src-main/platform/platformTools';
import { augmentedPath, locateTool } from '../../../src-main/platform/toolLocator';
import { sessionRunner } from '../../../src-main/sessions/sessionRunner';

/** A machine whose only executables are the given files. */
const machine = (...files: string[]) => {
  const set = new Set(files);
  return (path: string) => set.has(path);
};

// launchd's PATH: what an app started from Finder or the Dock gets.
const FINDER_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

describe('macOS: tmux and ssh from Homebrew even when started from Finder', () => {
  it('finds Apple Silicon Homebrew tmux with the minimal Finder PATH', () => {
    const tools = planPlatformTools({
      platform: 'darwin',
      env: { PATH: FINDER_PATH },
      isExecutable: machine('/opt/homebrew/bin/tmux', '/usr/bin/ssh'),
    });
    expect(tools).toMatchObject({
      tmuxPath: '/opt/homebrew/bin/tmux',
      sshPath: '/usr/bin/ssh',
      sshFound: true,
      askpass: true,
      notices: [],
    });
  });

  it('finds Intel Homebrew tmux in /usr/local/bin', () => {
    const tools = planPlatformTools({
      platform: 'darwin',
      env: { PATH: FINDER_PATH },
      isExecutable: machine('/usr/local/bin/tmux', '/usr/bin/ssh'),
    });
    expect(tools.tmuxPath).toBe('/usr/local/bin/tmux');
  });

  it('prefers what the user PATH says over the well-known directories', () => {
    const found = locateTool('tmux', {
      platform: 'darwin',
      env: { PATH: '/Users/me/bin:/usr/bin' },
      isExecutable: machine('/Users/me/bin/tmux', '/opt/homebrew/bin/tmux'),
    });
    expect(found).toBe('/Users/me/bin/tmux');
  });

  it('gives children a PATH with Homebrew appended, so ProxyCommand tools from Homebrew run too', () => {
    expect(augmentedPath({ platform: 'darwin', env: { PATH: FINDER_PATH } }).split(':')).toEqual([
      '/usr/bin',
      '/bin',
      '/usr/sbin',
      '/sbin',
      '/opt/homebrew/bin',
      '/usr/local/bin',
      '/opt/local/bin',
    ]);
  });

  it('explains a missing tmux with the brew command, and still connects (direct)', () => {
    const tools = planPlatformTools({
      platform: 'darwin',
      env: { PATH: FINDER_PATH },
      isExecutable: machine('/usr/bin/ssh'),
    });
    expect(tools.tmuxPath).toBeUndefined();
    expect(tools.notices).toEqual([expect.stringContaining('brew install tmux')]);
    expect(sessionRunner('local', tools.tmuxPath !== undefined)).toBe('direct');
  });
});

describe('Windows: no tmux, the Windows OpenSSH client, direct sessions', () => {
  const systemRoot = 'C:\\Windows';
  const windowsSsh = 'C:\\Windows\\System32\\OpenSSH\\ssh.exe';

  it('finds ssh.exe in System32\\OpenSSH even when Path lacks it, and never looks for tmux', () => {
    const tools = planPlatformTools({
      platform: 'win32',
      env: { Path: 'C:\\Program Files\\nodejs;C:\\Windows', SystemRoot: systemRoot },
      isExecutable: machine(windowsSsh, 'C:\\Windows\\tmux.exe'),
    });
    expect(tools).toMatchObject({ tmuxPath: undefined, sshPath: windowsSsh, sshFound: true, notices: [] });
    // ssh prompts in the terminal there: the askpass helper is a shell script on a Unix socket.
    expect(tools.askpass).toBe(false);
    // Windows' OpenSSH has no ControlMaster: no shared connections.
    expect(tools.connectionSharing).toBe(false);
  });

  it('finds ssh through PATHEXT in a Path directory (e.g. Git for Windows), case-insensitively', () => {
    const found = locateTool('ssh', {
      platform: 'win32',
      env: { PATH: '"C:\\Program Files\\Git\\usr\\bin";C:\\Windows', PATHEXT: '.COM;.EXE' },
      isExecutable: machine('C:\\Program Files\\Git\\usr\\bin\\ssh.exe'),
    });
    expect(found).toBe('C:\\Program Files\\Git\\usr\\bin\\ssh.exe');
  });

  it('tells the user how to turn on the OpenSSH client when ssh.exe is missing', () => {
    const tools = planPlatformTools({
      platform: 'win32',
      env: { Path: 'C:\\Windows', SystemRoot: systemRoot },
      isExecutable: machine(),
    });
    expect(tools.sshFound).toBe(false);
    expect(tools.sshPath).toBe('ssh');
    expect(tools.notices).toEqual([WINDOWS_SSH_MISSING]);
    expect(WINDOWS_SSH_MISSING).toMatch(/Optional features/);
    expect(WINDOWS_SSH_MISSING).toMatch(/Add-WindowsCapability -Online -Name OpenSSH\.Client/);
  });

  it('runs local sessions direct, and remote ones direct too (the host tmux keeps them)', () => {
    expect(sessionRunner('local', false)).toBe('direct');
    expect(sessionRunner('remote', false)).toBe('direct');
    expect(sessionRunner('direct', false)).toBe('direct');
  });
});

describe('Linux and overrides', () => {
  it('uses tmux and ssh from PATH and runs local and remote sessions in tmux', () => {
    const tools = planPlatformTools({
      platform: 'linux',
      env: { PATH: '/usr/local/bin:/usr/bin' },
      isExecutable: machine('/usr/bin/tmux', '/usr/bin/ssh'),
    });
    expect(tools).toMatchObject({
      tmuxPath: '/usr/bin/tmux',
      sshPath: '/usr/bin/ssh',
      askpass: true,
      connectionSharing: true,
      notices: [],
    });
    expect(sessionRunner('local', true)).toBe('tmux');
    expect(sessionRunner('remote', true)).toBe('tmux');
    expect(sessionRunner('direct', true)).toBe('direct');
  });

  it('names the packages to install when tmux and ssh are missing', () => {
    const tools = planPlatformTools({
      platform: 'linux',
      env: { PATH: '/usr/bin' },
      isExecutable: machine(),
    });
    expect(tools.notices).toEqual([
      expect.stringContaining('apt install openssh-client'),
      expect.stringContaining('apt install tmux'),
    ]);
  });

  it('takes MUXDECK_TMUX and MUXDECK_SSH as given', () => {
    const tools = planPlatformTools({
      platform: 'linux',
      env: { PATH: '/usr/bin', MUXDECK_TMUX: '/opt/tmux/bin/tmux', MUXDECK_SSH: '/opt/ssh/bin/ssh' },
      isExecutable: machine(),
    });
    expect(tools).toMatchObject({ tmuxPath: '/opt/tmux/bin/tmux', sshPath: '/opt/ssh/bin/ssh', notices: [] });
  });

  it('checks an absolute tool path itself rather than searching for it', () => {
    const deps = { platform: 'linux' as const, env: { PATH: '/usr/bin' }, isExecutable: machine('/x/tmux') };
    expect(locateTool('/x/tmux', deps)).toBe('/x/tmux');
    expect(locateTool('/y/tmux', deps)).toBeUndefined();
  });
});
