import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeDir } from './tempDir';

export interface FakeHome {
  /** Use as HOME for the app under test. */
  home: string;
  /** `<home>/.ssh`, mode 0700 as ssh expects. */
  sshDir: string;
  /** `<home>/.ssh/config`: a path only; create it with writeSshClientConfig. */
  configFile: string;
  /** `<home>/.ssh/known_hosts`: a path only; created by writeSshClientConfig. */
  knownHostsFile: string;
  /**
   * process.env with HOME pointed here, and without SSH_AUTH_SOCK (the developer's agent must not make a
   * test pass by accident) or TMUX/TMUX_PANE (the runner may itself be inside tmux).
   */
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/**
 * A throwaway HOME. Remember that ssh ignores $HOME when looking for ~/.ssh/config (it uses the passwd entry),
 * so pass `-F configFile` to ssh explicitly.
 */
export async function makeFakeHome(): Promise<FakeHome> {
  const root = await makeTempDir('mx-fakehome-');
  const home = path.join(root, 'home');
  const sshDir = path.join(home, '.ssh');
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask; ssh wants exactly 0700.
  await chmod(sshDir, 0o700);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.SSH_AUTH_SOCK;
  delete env.TMUX;
  delete env.TMUX_PANE;
  return {
    home,
    sshDir,
    configFile: path.join(sshDir, 'config'),
    knownHostsFile: path.join(sshDir, 'known_hosts'),
    env,
    cleanup: () => removeDir(root),
  };
}
