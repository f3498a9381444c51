import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileRunner } from '../../../src-main/platform/execFileRunner';
import type { CommandRunner } from '../../../src-main/ports';
import { resolveSessionSshAuth } from '../../../src-main/secrets/sessionSshAuth';
import { tmuxAskpassSessions } from '../../../src-main/secrets/tmuxAskpassSessions';
import { makeTempDir, removeDir } from '../../helpers/tempDir';

const local = { home: '/home/tester', user: 'tester', uid: 1234 };

/** The real `ssh -G` over a config written for the test: what ssh itself resolves, not a model of it. */
describe('what a session’s ssh may ask for (ssh -G)', () => {
  let dir: string;
  let config: string;

  beforeAll(async () => {
    dir = await makeTempDir('mx-sshg-');
    config = join(dir, 'config');
    await writeFile(
      config,
      [
        'Host web',
        '  HostName Web.Example',
        '  User u',
        '  Port 2222',
        '  IdentityFile ~/.ssh/a',
        '  IdentityFile %d/.ssh/b_%r_%h_%p',
        '  IdentityFile /keys/%C',
        '  ProxyJump j1,bob@j2:2200',
        'Host aliased',
        '  HostName 10.0.0.9',
        '  User v',
        '  HostKeyAlias pinned',
        '  IdentityFile /keys/aliased',
        'Host j1',
        '  IdentityFile /keys/j1',
        'Host j2',
        '  IdentityFile /keys/j2_%r_%p',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  });
  afterAll(() => removeDir(dir));

  const resolve = (argv: string[]) =>
    resolveSessionSshAuth({ runner: execFileRunner, sshPath: 'ssh', argv, env: process.env, local });

  it('lists the key files of the host and of its jump hosts as ssh names them, and its login', async () => {
    const auth = await resolve(['ssh', '-F', config, '-o', 'ControlMaster=auto', '--', 'web']);
    expect(auth?.login).toEqual({ user: 'u', host: 'web.example' });
    expect(auth?.viaProxy).toBe(true);
    // %C cannot be vouched for here: that key's passphrase is typed, never answered.
    expect([...(auth?.keyFiles ?? [])].sort()).toEqual(
      [
        '/home/tester/.ssh/a',
        '/home/tester/.ssh/b_u_web.example_2222',
        '/keys/j1',
        '/keys/j2_bob_2200',
      ].sort(),
    );
  });

  it('names the login by HostKeyAlias when there is one, as ssh’s password prompt does', async () => {
    const auth = await resolve(['ssh', '-F', config, '-t', '--', 'aliased', 'tmux', 'new', '-A', '-s', 'x']);
    expect(auth?.login).toEqual({ user: 'v', host: 'pinned' });
    expect([...(auth?.keyFiles ?? [])]).toEqual(['/keys/aliased']);
    expect(auth?.viaProxy).toBe(false);
  });

  it('with an ssh older than 8.4 gives no passphrase, and a password only where no jump host takes part', async () => {
    // The real ssh for -G; only its version is made old.
    const oldSsh: CommandRunner = {
      run: (file, args, options) =>
        args[0] === '-V'
          ? Promise.resolve({ code: 0, stdout: '', stderr: 'OpenSSH_8.2p1 Ubuntu-4ubuntu0.11\n' })
          : execFileRunner.run(file, args, options),
    };
    const sessions = tmuxAskpassSessions({
      listSessions: () =>
        Promise.resolve(
          ['web', 'aliased'].map((host) => ({
            name: `mx-${host}`,
            createdAt: 0,
            attachedClients: 0,
            paneDead: false,
            panePid: 4242,
            options: {
              hostId: `ssh-config:${host}`,
              argv: JSON.stringify(['ssh', '-F', config, '--', host]),
            },
          })),
        ),
      runner: oldSsh,
      sshPath: 'ssh',
      env: process.env,
      local,
    });
    const viaJump = await (await sessions('mx-web'))?.auth();
    expect(viaJump?.keyFiles.size).toBe(0);
    expect(viaJump?.login).toBeUndefined();
    const direct = await (await sessions('mx-aliased'))?.auth();
    expect(direct?.keyFiles.size).toBe(0);
    expect(direct?.login).toEqual({ user: 'v', host: 'pinned' });
  });

  it('resolves nothing for a session that does not run ssh', async () => {
    expect(await resolve(['/bin/sh', '-c', 'echo refused'])).toBeUndefined();
  });
});
