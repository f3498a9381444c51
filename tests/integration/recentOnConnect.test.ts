import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo, TreeOverlay } from '../../src-preload/api';
import { startAppUnderTest, type AppUnderTest } from '../helpers/appUnderTest';
import { findFreePort } from '../helpers/freePort';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

describe('Recent holds only hosts that connected (real sshd, real tmux)', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let muxHome: string;
  let app: AppUnderTest | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    const closedPort = await findFreePort();
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: 'box', sshd }],
      knownHostsFile: fake.knownHostsFile,
      // Nothing listens there: the session never connects.
      extra: `Host down\n  HostName 127.0.0.1\n  Port ${closedPort}\n  User nobody`,
    });
    muxHome = await makeTempDir('mx-recent-');
    app = await startAppUnderTest(muxHome, fake.env);
  });

  afterAll(async () => {
    app?.crash();
    if (muxHome) await killServer(join(muxHome, 'tmux.sock'));
    await sshd?.stop();
    await fake?.cleanup();
    await removeDir(muxHome);
  });

  const recent = async () =>
    (await app!.call<{ overlay: TreeOverlay }>('tree:get', {})).overlay.recent.map((r) => r.hostId);

  it('records a host when its session connects, and never one whose session failed', async () => {
    const down = await app!.call<SessionInfo>('sessions:open', {
      hostId: 'ssh-config:down',
      cols: 80,
      rows: 24,
    });
    await app!.waitForSession(
      down.id,
      (s) => s?.status === 'error' || s?.state === 'exited' || s?.ending !== undefined,
      'the session to the closed port to fail',
    );
    const box = await app!.call<SessionInfo>('sessions:open', {
      hostId: 'ssh-config:box',
      cols: 80,
      rows: 24,
    });
    await app!.waitForSession(box.id, (s) => s?.status === 'connected', 'box to connect');
    await waitFor(async () => ((await recent()).includes('ssh-config:box') ? true : undefined), {
      describe: 'box in Recent',
    });
    expect(await recent()).toEqual(['ssh-config:box']);
  });
});
