import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctorReport, type DoctorCheck } from '../../src-preload/api';
import { PROBE_ACCOUNT } from '../../src-main/doctor/checks/secretStoreCheck';
import { makeFakeHome, type FakeHome } from '../helpers/fakeHome';
import { runCommand } from '../helpers/runCommand';
import { startSecretService, type SecretServiceHandle } from '../helpers/secretService';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'muxdeck.mjs');

/** `muxdeck doctor` from the build (npx electron-vite build first), as a user runs it on this machine. */
describe('muxdeck doctor, on this machine', () => {
  let fake: FakeHome;
  let root: string;
  let keyring: SecretServiceHandle | undefined;

  beforeAll(async () => {
    fake = await makeFakeHome();
    root = await makeTempDir('mx-doc-');
    await writeFile(fake.configFile, 'Host web1 web2\n  User ada\nHost db1\n', { mode: 0o600 });
  });
  afterAll(async () => {
    await keyring?.stop();
    await fake.cleanup();
    await removeDir(root);
  });

  async function doctor(home: string, extraEnv: NodeJS.ProcessEnv = {}) {
    const env: NodeJS.ProcessEnv = { ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet', ...extraEnv };
    // Without a session bus keytar would try to autolaunch one; the private keyring below brings its own.
    if (!extraEnv.DBUS_SESSION_BUS_ADDRESS) delete env.DBUS_SESSION_BUS_ADDRESS;
    const result = await runCommand(process.execPath, [BIN, 'doctor', '--json'], { env, timeoutMs: 60_000 });
    const report = DoctorReport.parse(JSON.parse(result.stdout));
    const check = (id: string): DoctorCheck => {
      const found = report.checks.find((c) => c.id === id);
      if (!found) throw new Error(`no ${id} check in ${result.stdout}`);
      return found;
    };
    return { code: result.code, stderr: result.stderr, stdout: result.stdout, report, check };
  }

  it('finds tmux and ssh working, Electron missing (optional), and exits 0', async () => {
    const home = join(root, 'fresh');
    const { code, report, check, stderr } = await doctor(home);
    expect(check('tmux'), 'tmux').toMatchObject({ ok: true, level: 'required' });
    expect(check('tmux').detail).toMatch(/^tmux \d/);
    expect(check('ssh'), 'ssh').toMatchObject({ ok: true, level: 'required' });
    expect(check('ssh').detail).toContain('connection sharing (ControlMaster) available');
    // This machine has the electron package but never downloaded its binary.
    expect(check('electron'), 'electron').toMatchObject({ ok: false, level: 'optional' });
    expect(check('electron').detail).toContain('serve mode and the CLI work without it');
    expect(check('module-node-pty')).toMatchObject({ ok: true });
    expect(check('node')).toMatchObject({ ok: true });
    expect(check('home').detail).toContain('does not exist yet');
    expect(check('ssh-config').detail).toBe(`${fake.configFile}: 3 hosts`);
    expect(check('sources').detail).toBe('none configured');
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).toBe(true);
    expect(code, stderr).toBe(0);
  });

  it('fails, and exits 1, on a MUXDECK_HOME open to others', async () => {
    const home = join(root, 'open');
    await mkdir(home);
    await chmod(home, 0o777);
    const { code, report, check } = await doctor(home);
    expect(check('home')).toMatchObject({ ok: false, level: 'required' });
    expect(check('home').detail).toContain('open to others (mode 0777)');
    expect(check('home').fix).toBe(`Close it with "chmod 700 ${home}".`);
    expect(report.ok).toBe(false);
    expect(code).toBe(1);
  });

  it('reaches a real Secret Service, and never prints what it read there', async () => {
    keyring = await startSecretService();
    const bus = { DBUS_SESSION_BUS_ADDRESS: keyring.busAddress };
    // The sharpest case: a secret filed under the very account the doctor reads.
    const canary = 'doctor-canary-8f3a1c';
    const stored = await runCommand(
      process.execPath,
      [
        '-e',
        `require('keytar').setPassword('Muxdeck', ${JSON.stringify(PROBE_ACCOUNT)}, process.env.CANARY)`,
      ],
      { env: { ...process.env, ...bus, CANARY: canary }, cwd: ROOT },
    );
    expect(stored.code, stored.stderr).toBe(0);
    const { check, stdout } = await doctor(join(root, 'keyring'), bus);
    expect(check('keychain')).toMatchObject({ ok: true, level: 'optional' });
    expect(check('keychain').detail).toContain('answers');
    expect(stdout).not.toContain(canary);
  });
});
