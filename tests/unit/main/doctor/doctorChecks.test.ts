import { describe, expect, it } from 'vitest';
import { electronCheck } from '../../../../src-main/doctor/checks/electronCheck';
import {
  muxdeckHomeCheck,
  type HomeFs,
  type PathStat,
} from '../../../../src-main/doctor/checks/muxdeckHomeCheck';
import { NATIVE_MODULES, nativeModuleCheck } from '../../../../src-main/doctor/checks/nativeModulesCheck';
import { nodeVersionCheck } from '../../../../src-main/doctor/checks/nodeVersionCheck';
import { PROBE_ACCOUNT, secretStoreCheck } from '../../../../src-main/doctor/checks/secretStoreCheck';
import { sshClientCheck } from '../../../../src-main/doctor/checks/sshClientCheck';
import { tmuxCheck } from '../../../../src-main/doctor/checks/tmuxCheck';
import type { SecretStore } from '../../../../src-main/secrets/secretStore';
import { recordingRunner } from '../../../fakes/recordingRunner';

describe('Node.js', () => {
  it('passes at and above engines.node and fails below it, naming the version to install', () => {
    expect(nodeVersionCheck({ nodeVersion: '20.19.0', requiredRange: '>=20.19' }).ok).toBe(true);
    expect(nodeVersionCheck({ nodeVersion: '22.1.0', requiredRange: '>=20.19' }).ok).toBe(true);
    const old = nodeVersionCheck({ nodeVersion: '20.11.1', requiredRange: '>=20.19' });
    expect(old).toMatchObject({ ok: false, level: 'required' });
    expect(old.detail).toContain('20.11.1');
    expect(old.fix).toContain('20.19 or newer');
  });
});

describe('tmux', () => {
  const withVersion = (stdout: string) => recordingRunner(() => ({ stdout })).runner;

  it('passes tmux 3.2 and later, and builds from git', async () => {
    for (const version of ['tmux 3.2', 'tmux 3.3a', 'tmux 3.5a', 'tmux next-3.6', 'tmux master']) {
      const check = await tmuxCheck({
        platform: 'linux',
        tmuxPath: '/usr/bin/tmux',
        runner: withVersion(version),
      });
      expect(check, version).toMatchObject({ ok: true, level: 'required' });
    }
  });

  it('fails tmux 3.1 and says that the terminals need 3.2', async () => {
    const check = await tmuxCheck({
      platform: 'linux',
      tmuxPath: '/usr/bin/tmux',
      runner: withVersion('tmux 3.1c'),
    });
    expect(check).toMatchObject({ ok: false, level: 'required' });
    expect(check.detail).toContain('tmux 3.1c');
    expect(check.detail).toContain('older than 3.2');
    expect(check.fix).toMatch(/tmux 3\.2 or newer/);
  });

  it('fails when there is no tmux, with the install command of the platform', async () => {
    const { runner, calls } = recordingRunner();
    const mac = await tmuxCheck({ platform: 'darwin', tmuxPath: undefined, runner });
    expect(mac).toMatchObject({ ok: false, level: 'required' });
    expect(mac.fix).toContain('brew install tmux');
    expect(calls).toEqual([]);
  });

  it('is not needed on Windows', async () => {
    const check = await tmuxCheck({
      platform: 'win32',
      tmuxPath: undefined,
      runner: recordingRunner().runner,
    });
    expect(check).toMatchObject({ ok: true, level: 'optional' });
  });
});

describe('OpenSSH client', () => {
  const VERSION = 'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.11 19 Sep 2023';
  const G_OUTPUT = 'user ada\nhostname muxdeck-doctor-probe\ncontrolmaster auto\ncontrolpersist 600\n';
  const ssh = (gAnswer: { stdout?: string; stderr?: string; code?: number }) =>
    recordingRunner((_file, args) => (args.includes('-V') ? { stderr: `${VERSION}\n` } : gAnswer));

  it("passes when ssh -G reads the config and takes ControlMaster, and asks ssh with the app's -F", async () => {
    const { runner, calls } = ssh({ stdout: G_OUTPUT });
    const check = await sshClientCheck({
      platform: 'linux',
      sshPath: '/usr/bin/ssh',
      sshFound: true,
      configFlag: '/home/ada/.ssh/config',
      runner,
      env: {},
    });
    expect(check).toMatchObject({ ok: true, level: 'required' });
    expect(check.detail).toContain('OpenSSH_9.2p1');
    expect(check.detail).toContain('ControlMaster');
    expect(calls[1]?.args).toEqual([
      '-F',
      '/home/ada/.ssh/config',
      '-G',
      '-o',
      'ControlMaster=auto',
      '-o',
      'ControlPersist=600',
      '--',
      'muxdeck-doctor-probe',
    ]);
  });

  it("fails with ssh's own words when the config is broken", async () => {
    const { runner } = ssh({
      code: 255,
      stderr:
        '/home/ada/.ssh/config: line 3: Bad configuration option: hostnme\n/home/ada/.ssh/config: terminating, 1 bad configuration options\n',
    });
    const check = await sshClientCheck({
      platform: 'linux',
      sshPath: 'ssh',
      sshFound: true,
      runner,
      env: {},
    });
    expect(check).toMatchObject({ ok: false, level: 'required' });
    expect(check.detail).toContain('line 3: Bad configuration option: hostnme');
    expect(check.fix).toContain('ssh -G');
  });

  it('says to create the config file ssh is told to read when it is missing', async () => {
    const { runner } = ssh({
      code: 255,
      stderr: "Can't open user config file /tmp/h/.ssh/config: No such file or directory\n",
    });
    const check = await sshClientCheck({
      platform: 'linux',
      sshPath: 'ssh',
      sshFound: true,
      configFlag: '/tmp/h/.ssh/config',
      runner,
      env: {},
    });
    expect(check.ok).toBe(false);
    expect(check.fix).toContain('Create /tmp/h/.ssh/config');
  });

  it('fails when ssh does not take connection sharing', async () => {
    const { runner } = ssh({ stdout: 'user ada\n' });
    const check = await sshClientCheck({
      platform: 'linux',
      sshPath: 'ssh',
      sshFound: true,
      runner,
      env: {},
    });
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('ControlMaster');
  });

  it('fails without ssh and says how to turn it on in Windows', async () => {
    const check = await sshClientCheck({
      platform: 'win32',
      sshPath: 'ssh',
      sshFound: false,
      runner: recordingRunner().runner,
      env: {},
    });
    expect(check).toMatchObject({ ok: false, level: 'required' });
    expect(check.fix).toContain('OpenSSH Client');
  });
});

describe('keychain', () => {
  const keychain = (get: SecretStore['get']): SecretStore & { asked: string[] } => {
    const asked: string[] = [];
    return {
      asked,
      get: (account) => {
        asked.push(account);
        return get(account);
      },
      set: () => Promise.reject(new Error('the doctor never writes')),
      delete: () => Promise.reject(new Error('the doctor never deletes')),
    };
  };

  it('passes when the keychain answers a read of an account no one uses, and never shows the answer', async () => {
    const secrets = keychain(() => Promise.resolve('hunter2-should-never-show'));
    const check = await secretStoreCheck({ platform: 'linux', secrets });
    expect(check).toMatchObject({ ok: true, level: 'optional' });
    expect(secrets.asked).toEqual([PROBE_ACCOUNT]);
    expect(JSON.stringify(check)).not.toContain('hunter2');
  });

  it('fails, optional, when there is no Secret Service, and says what that costs', async () => {
    const secrets = keychain(() => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')));
    const check = await secretStoreCheck({ platform: 'linux', secrets });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY');
    expect(check.fix).toMatch(/gnome-keyring/);
  });

  it('fails when the keychain never answers (locked, waiting for the user)', async () => {
    const secrets = keychain(() => new Promise<undefined>(() => undefined));
    const check = await secretStoreCheck({ platform: 'darwin', secrets, timeoutMs: 20 });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('did not answer');
    expect(check.fix).toContain('Keychain');
  });
});

describe('Electron', () => {
  it('fails, optional, when the electron package has no binary, and says serve mode works without it', () => {
    const check = electronCheck({
      resolveElectronBinary: () => {
        throw new Error(
          'Electron failed to install correctly, please delete node_modules/electron and try installing again',
        );
      },
      fileExists: () => true,
    });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('Electron failed to install correctly');
    expect(check.detail).toContain('serve mode');
    expect(check.fix).toContain('node_modules/electron/install.js');
  });

  it('fails when the path it answers is not there', () => {
    const check = electronCheck({
      resolveElectronBinary: () => '/app/dist/electron',
      fileExists: () => false,
    });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('/app/dist/electron');
  });

  it('passes when the binary exists, and inside Electron itself', () => {
    expect(
      electronCheck({ resolveElectronBinary: () => '/app/dist/electron', fileExists: () => true }).ok,
    ).toBe(true);
    const inside = electronCheck({
      electronVersion: '41.7.1',
      resolveElectronBinary: () => {
        throw new Error('not asked');
      },
      fileExists: () => false,
    });
    expect(inside).toMatchObject({ ok: true });
    expect(inside.detail).toContain('41.7.1');
  });
});

describe('native modules', () => {
  const [pty, keytar] = NATIVE_MODULES;
  if (!pty || !keytar) throw new Error('node-pty and keytar are checked');

  it("fails when node-pty is not built, with the error's first line and npm rebuild: optional beside tmux, required on Windows", async () => {
    const check = await nativeModuleCheck(pty, {
      platform: 'linux',
      loadModule: () =>
        Promise.reject(
          new Error(
            "Cannot find module '../build/Release/pty.node'\nRequire stack:\n- /app/node_modules/node-pty/lib/index.js",
          ),
        ),
    });
    expect(check).toMatchObject({ id: 'module-node-pty', ok: false, level: 'optional' });
    expect(check.detail).toContain("Cannot find module '../build/Release/pty.node'");
    expect(check.detail).not.toContain('Require stack');
    expect(check.fix).toContain('npm rebuild node-pty');
    const windows = await nativeModuleCheck(pty, {
      platform: 'win32',
      loadModule: () => Promise.reject(new Error('Cannot find module pty.node')),
    });
    expect(windows).toMatchObject({ ok: false, level: 'required' });
  });

  it('says keytar was built for another Node, and that libsecret is needed to rebuild it on Linux', async () => {
    const check = await nativeModuleCheck(keytar, {
      platform: 'linux',
      loadModule: () =>
        Promise.reject(
          new Error(
            "The module '/app/node_modules/keytar/build/Release/keytar.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 145.",
          ),
        ),
    });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('another Node or Electron version');
    expect(check.fix).toContain('libsecret-1-dev');
    expect(check.fix).toContain('npm rebuild keytar');
  });

  it('passes a module that loads', async () => {
    const check = await nativeModuleCheck(pty, { platform: 'linux', loadModule: () => Promise.resolve({}) });
    expect(check).toMatchObject({ ok: true });
  });
});

describe('MUXDECK_HOME', () => {
  const HOME = '/home/ada/.config/Muxdeck';
  const fsWith = (entries: Record<string, PathStat>, unwritable: Record<string, string> = {}): HomeFs => ({
    stat: (path) => Promise.resolve(entries[path]),
    writeProblem: (path) => Promise.resolve(unwritable[path]),
  });
  const dir = (mode: number, uid = 1000): PathStat => ({ isDirectory: true, mode, uid });

  it("passes a private folder of the user's own", async () => {
    const check = await muxdeckHomeCheck({
      platform: 'linux',
      home: HOME,
      uid: 1000,
      fs: fsWith({ [HOME]: dir(0o700) }),
    });
    expect(check).toMatchObject({ ok: true, level: 'required' });
    expect(check.detail).toContain('mode 0700');
  });

  it('fails a folder open to others (0777) and says to close it', async () => {
    const check = await muxdeckHomeCheck({
      platform: 'linux',
      home: HOME,
      uid: 1000,
      fs: fsWith({ [HOME]: dir(0o777) }),
    });
    expect(check).toMatchObject({ ok: false, level: 'required' });
    expect(check.detail).toContain('open to others (mode 0777)');
    expect(check.fix).toBe(`Close it with "chmod 700 ${HOME}".`);
  });

  it('fails a folder that is not writable', async () => {
    const check = await muxdeckHomeCheck({
      platform: 'linux',
      home: HOME,
      uid: 1000,
      fs: fsWith({ [HOME]: dir(0o500) }, { [HOME]: 'EACCES' }),
    });
    expect(check).toMatchObject({ ok: false, level: 'required' });
    expect(check.detail).toContain('not writable (EACCES)');
    expect(check.fix).toContain('chmod u+rwx');
  });

  it('fails a folder that belongs to someone else', async () => {
    const check = await muxdeckHomeCheck({
      platform: 'linux',
      home: HOME,
      uid: 1000,
      fs: fsWith({ [HOME]: dir(0o700, 0) }),
    });
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain('belongs to uid 0');
    expect(check.fix).toContain('chown');
  });

  it('passes a home not created yet when its parent is writable, and fails when it cannot be created', async () => {
    const creatable = await muxdeckHomeCheck({
      platform: 'linux',
      home: HOME,
      uid: 1000,
      fs: fsWith({ '/home/ada/.config': dir(0o755) }),
    });
    expect(creatable).toMatchObject({ ok: true });
    expect(creatable.detail).toContain('does not exist yet');
    const stuck = await muxdeckHomeCheck({
      platform: 'linux',
      home: HOME,
      uid: 1000,
      fs: fsWith({ '/home/ada': dir(0o555) }, { '/home/ada': 'EROFS' }),
    });
    expect(stuck).toMatchObject({ ok: false });
    expect(stuck.detail).toContain('/home/ada is not writable (EROFS)');
    expect(stuck.fix).toContain(`mkdir -m 700 -p ${HOME}`);
  });

  it('quotes a path with spaces in the fix, so it can be pasted', async () => {
    const home = '/Users/ada/Library/Application Support/Muxdeck';
    const check = await muxdeckHomeCheck({
      platform: 'darwin',
      home,
      uid: 501,
      fs: fsWith({ [home]: dir(0o755, 501) }),
    });
    expect(check.fix).toBe(`Close it with "chmod 700 '${home}'".`);
  });
});
