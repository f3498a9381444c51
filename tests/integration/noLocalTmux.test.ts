import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo, StoreNotice } from '../../src-preload/api';
import { isExecutableFile } from '../../src-main/platform/nodeExecutableCheck';
import { planPlatformTools } from '../../src-main/platform/platformTools';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';

/**
 * A machine without tmux (as Windows is, or a Mac before `brew install tmux`): the app starts,
 * says why sessions will not survive, and connects with ssh run directly (real sshd, real pty).
 */
describe('no tmux on this machine', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let home: string;
  let app: AppUnderTest;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    home = await makeTempDir('mx-notmux-');
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: 'plain', sshd }],
      knownHostsFile: fake.knownHostsFile,
    });
    // This machine has tmux: the locator is told to see none, the way it would on such a machine.
    const tools = planPlatformTools({
      platform: 'linux',
      env: fake.env,
      isExecutable: (path) => !path.endsWith('/tmux') && isExecutableFile(path),
    });
    expect(tools.tmuxPath).toBeUndefined();
    app = await startAppUnderTest(home, fake.env, { tools });
  });

  afterAll(async () => {
    app?.services.dispose();
    await sshd?.stop();
    await fake?.cleanup();
    await removeDir(home);
  });

  it('tells the user tmux is missing and how to install it', async () => {
    const notices = await app.call<StoreNotice[]>('store:notices', {});
    expect(notices).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/tmux was not found.*apt install tmux/),
      }),
    );
  });

  it('lists no sessions and starts no tmux server', async () => {
    expect(await app.call<SessionInfo[]>('sessions:list', {})).toEqual([]);
    expect(existsSync(app.services.paths.tmuxSocket)).toBe(false);
  });

  it('opens a host with default (local) persistence as a direct session that works', async () => {
    const session = await app.call<SessionInfo>('sessions:open', {
      hostId: 'ssh-config:plain',
      cols: 100,
      rows: 30,
    });
    expect(session).toMatchObject({ mode: 'direct', label: 'plain' });
    await app.waitForSession(session.id, (s) => s?.status === 'connected', 'connected without tmux');
    const terminal = await app.call<{ terminalId: string }>('terminal:attach', {
      sessionId: session.id,
      cols: 100,
      rows: 30,
    });
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'echo notmux-$((5*8))\r' });
    await waitFor(() => app.output(terminal.terminalId).includes('notmux-40'), {
      timeoutMs: 10_000,
      describe: 'output of the direct session',
    });
    await app.call('terminal:input', { terminalId: terminal.terminalId, data: 'exit\r' });
    await app.waitForSession(session.id, (s) => s === undefined, 'the session to close after exit');
    expect(existsSync(app.services.paths.tmuxSocket)).toBe(false);
  });
});
