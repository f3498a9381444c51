import { describe, expect, it } from 'vitest';
import { DoctorReport } from '../../../../src-preload/api';
import { doctorCommand } from '../../../../src-main/cli/doctorCommand';
import type { CliContext } from '../../../../src-main/cli/cliContext';
import { sourcesCheck } from '../../../../src-main/doctor/checks/sourcesCheck';
import { sshConfigCheck } from '../../../../src-main/doctor/checks/sshConfigCheck';
import { formatDoctorReport, runDoctor, type DoctorEdges } from '../../../../src-main/doctor/doctor';
import { SshConfigSource } from '../../../../src-main/inventory/ssh-config/sshConfigSource';
import { encodeStore } from '../../../../src-main/store/storeCodec';
import { storePaths } from '../../../../src-main/store/storePaths';
import { emptyStore } from '../../../../src-main/store/storeSchema';
import type { FileReader } from '../../../../src-main/ports';
import { memoryFileReader } from '../../../fakes/memoryFileReader';
import { recordingRunner } from '../../../fakes/recordingRunner';

const MUX = '/home/ada/.config/Muxdeck';
const CONFIG = '/home/ada/.ssh/config';

function storeWithSources(): string {
  return encodeStore({
    ...emptyStore(),
    sources: [
      {
        id: 'nb1',
        kind: 'netbox',
        label: 'NetBox prod',
        enabled: true,
        options: { url: 'https://netbox.example' },
      },
      { id: 'an1', kind: 'ansible', label: 'lab', enabled: true, options: {} },
      { id: 'an2', kind: 'ansible', label: 'old', enabled: false, options: {} },
    ],
  });
}

describe('ssh config', () => {
  it("counts the hosts the app's own ssh-config source reads", async () => {
    const files = memoryFileReader({
      [CONFIG]: 'Host web1 web2\n  User ada\nHost db1\nHost *\n  ServerAliveInterval 30\n',
    });
    const check = await sshConfigCheck({
      file: CONFIG,
      source: new SshConfigSource({ file: CONFIG, home: '/home/ada', files }),
    });
    expect(check).toMatchObject({ ok: true, level: 'optional', detail: `${CONFIG}: 3 hosts` });
  });

  it('fails, optional, when the file cannot be read', async () => {
    const files: FileReader = {
      readText: () =>
        Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
      listDir: () => Promise.resolve([]),
    };
    const check = await sshConfigCheck({
      file: CONFIG,
      source: new SshConfigSource({ file: CONFIG, home: '/home/ada', files }),
    });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('permission denied');
    expect(check.fix).toContain('MUXDECK_SSH_CONFIG');
  });
});

describe('sources', () => {
  const paths = storePaths(MUX);
  const cacheDir = `${MUX}/cache/sources`;

  it('lists each configured source with its last sync, read-only', async () => {
    const syncedAt = Date.UTC(2026, 11, 8, 9, 41);
    const files = memoryFileReader({
      [paths.main]: storeWithSources(),
      [`${cacheDir}/nb1.json`]: JSON.stringify({
        format: 'muxdeck-source-cache',
        version: 1,
        sourceId: 'netbox:nb1',
        syncedAt,
        hosts: [],
        warnings: [],
      }),
    });
    const check = await sourcesCheck({ store: paths, cacheDir, files });
    expect(check).toMatchObject({ ok: true, level: 'optional' });
    expect(check.detail).toBe(
      'NetBox prod (netbox): last synced 2026-12-08 09:41 UTC, 0 hosts; lab (ansible): never synced; old (ansible): turned off',
    );
  });

  it('says none are configured when there is no store yet, and reads the backup when the main file is gone', async () => {
    expect((await sourcesCheck({ store: paths, cacheDir, files: memoryFileReader({}) })).detail).toBe(
      'none configured',
    );
    const fromBackup = await sourcesCheck({
      store: paths,
      cacheDir,
      files: memoryFileReader({ [paths.backup]: storeWithSources() }),
    });
    expect(fromBackup.detail).toContain('NetBox prod');
  });

  it('fails, optional, on a damaged store and says the app restores its backup', async () => {
    const check = await sourcesCheck({
      store: paths,
      cacheDir,
      files: memoryFileReader({ [paths.main]: '{"version": 2, "tr' }),
    });
    expect(check).toMatchObject({ ok: false, level: 'optional' });
    expect(check.detail).toContain('not valid JSON');
    expect(check.fix).toContain('store.json.bak');
  });
});

/** A machine where everything works; each test breaks one thing. */
function healthyEdges(change: Partial<DoctorEdges> = {}): DoctorEdges {
  const runner = recordingRunner((file, args) => {
    if (file.endsWith('tmux')) return { stdout: 'tmux 3.3a\n' };
    if (args.includes('-V')) return { stderr: 'OpenSSH_9.2p1 Debian-2+deb12u10\n' };
    return { stdout: 'controlmaster auto\ncontrolpersist 600\n' };
  }).runner;
  return {
    platform: 'linux',
    env: {},
    nodeVersion: '20.19.2',
    requiredNode: '>=20.19',
    runner,
    tools: { tmuxPath: '/usr/bin/tmux', sshPath: '/usr/bin/ssh', sshFound: true },
    sshConfig: { file: CONFIG },
    userHome: '/home/ada',
    files: memoryFileReader({ [CONFIG]: 'Host web1\n' }),
    home: MUX,
    uid: 1000,
    homeFs: {
      stat: (path) =>
        Promise.resolve(path === MUX ? { isDirectory: true, mode: 0o700, uid: 1000 } : undefined),
      writeProblem: () => Promise.resolve(undefined),
    },
    secrets: {
      get: () => Promise.resolve('a-secret-value'),
      set: () => Promise.reject(new Error('no')),
      delete: () => Promise.reject(new Error('no')),
    },
    loadModule: () => Promise.resolve({}),
    resolveElectronBinary: () => '/app/node_modules/electron/dist/electron',
    fileExists: () => true,
    ...change,
  };
}

function capture(): { ctx: CliContext; out: string[] } {
  const out: string[] = [];
  return {
    out,
    ctx: {
      appRoot: '/app',
      version: '1.2.3',
      env: {},
      stdout: (line) => out.push(line),
      stderr: (line) => out.push(line),
      log: () => undefined,
      untilStopped: () => new Promise(() => undefined),
    },
  };
}

describe('muxdeck doctor', () => {
  it('exits 0 when everything works, and the JSON matches the contract', async () => {
    const { ctx, out } = capture();
    expect(await doctorCommand(['--json'], ctx, healthyEdges())).toBe(0);
    const report = DoctorReport.parse(JSON.parse(out.join('\n')));
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual([
      'node',
      'ssh',
      'tmux',
      'home',
      'module-node-pty',
      'module-keytar',
      'keychain',
      'electron',
      'ssh-config',
      'sources',
    ]);
    expect(out.join('\n')).not.toContain('a-secret-value');
  });

  it('exits 0 when only optional things fail (no Electron, no keychain), and says what they cost', async () => {
    const { ctx, out } = capture();
    const edges = healthyEdges({
      resolveElectronBinary: () => {
        throw new Error('Electron failed to install correctly');
      },
      secrets: {
        get: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
        set: () => Promise.reject(new Error('no')),
        delete: () => Promise.reject(new Error('no')),
      },
    });
    expect(await doctorCommand([], ctx, edges)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('✗ Electron (desktop app) (optional): not installed');
    expect(text).toContain('✓ tmux: tmux 3.3a');
    expect(text).toContain('Everything Muxdeck needs works; 2 optional checks failed');
  });

  it('exits 1 when a required check fails (tmux 3.1), with the fix under it', async () => {
    const { ctx, out } = capture();
    const runner = recordingRunner((file, args) => {
      if (file.endsWith('tmux')) return { stdout: 'tmux 3.1c\n' };
      if (args.includes('-V')) return { stderr: 'OpenSSH_9.2p1\n' };
      return { stdout: 'controlmaster auto\ncontrolpersist 600\n' };
    }).runner;
    expect(await doctorCommand([], ctx, healthyEdges({ runner }))).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/✗ tmux: tmux 3\.1c .* older than 3\.2/);
    expect(text).toMatch(/\n {4}Fix: Install tmux 3\.2 or newer/);
    expect(text).toContain('1 required check failed');
  });

  it('exits 1 when MUXDECK_HOME cannot be checked (a check that throws is reported, not fatal); node-pty missing beside tmux is optional', async () => {
    const { ctx, out } = capture();
    const edges = healthyEdges({
      loadModule: (name) =>
        name === 'node-pty' ? Promise.reject(new Error('Cannot find module pty.node')) : Promise.resolve({}),
      homeFs: {
        stat: () => Promise.reject(new Error('EIO: i/o error')),
        writeProblem: () => Promise.resolve(undefined),
      },
    });
    expect(await doctorCommand(['--json'], ctx, edges)).toBe(1);
    const report = DoctorReport.parse(JSON.parse(out.join('\n')));
    expect(report.checks.find((c) => c.id === 'module-node-pty')).toMatchObject({
      ok: false,
      level: 'optional',
    });
    expect(report.checks.find((c) => c.id === 'home')).toMatchObject({
      ok: false,
      detail: 'the check itself failed: EIO: i/o error',
    });
    expect(report.checks).toHaveLength(10);
  });

  it('an optional check that throws stays optional: the doctor still exits 0', async () => {
    const { ctx, out } = capture();
    const edges = healthyEdges({
      fileExists: () => {
        throw new Error('EACCES: permission denied, stat');
      },
    });
    expect(await doctorCommand(['--json'], ctx, edges)).toBe(0);
    const report = DoctorReport.parse(JSON.parse(out.join('\n')));
    expect(report.checks.find((c) => c.id === 'electron')).toMatchObject({
      ok: false,
      level: 'optional',
      detail: 'the check itself failed: EACCES: permission denied, stat',
    });
  });

  it('refuses unknown options as a usage error', async () => {
    const { ctx } = capture();
    await expect(doctorCommand(['--jsn'], ctx, healthyEdges())).rejects.toMatchObject({
      code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    });
  });
});

describe('the plain-text report', () => {
  it('names the version and platform, marks each check and indents fixes', async () => {
    const report = await runDoctor(healthyEdges({ fileExists: () => false }));
    const text = formatDoctorReport(report, { version: '1.2.3', platform: 'linux' });
    expect(text.split('\n')[0]).toBe('Muxdeck 1.2.3 doctor (linux)');
    expect(text).toContain(
      '✗ Electron (desktop app) (optional): its binary /app/node_modules/electron/dist/electron is missing',
    );
    expect(text).toContain('    Fix: Download Electron');
  });
});
