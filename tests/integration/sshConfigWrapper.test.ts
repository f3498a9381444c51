import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSshConfigWrapper } from '../../src-main/platform/sshConfigWrapperFile';
import { locateSshConfig } from '../../src-main/ssh/sshConfigLocation';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const run = promisify(execFile);

/** What real ssh makes of a host with the -F Muxdeck gives it (`ssh -G`), option by option. */
async function resolved(flag: string, host: string): Promise<Map<string, string>> {
  const { stdout } = await run('ssh', ['-F', flag, '-G', host]);
  const options = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    // Options given several times (sendenv) come on several lines.
    const key = line.slice(0, space);
    const before = options.get(key);
    options.set(key, before === undefined ? line.slice(space + 1) : `${before} ${line.slice(space + 1)}`);
  }
  return options;
}

describe('the ssh config ssh reads when Muxdeck passes -F', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('mx-sshcfg-');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it("keeps the system-wide file in effect after the user's, as ssh does without -F", async () => {
    const user = join(dir, 'home', '.ssh', 'config');
    const system = join(dir, 'system_ssh_config');
    await run('mkdir', ['-p', join(dir, 'home', '.ssh')]);
    await writeFile(user, 'Host web\n  HostName 10.9.8.7\n  Port 2222\n');
    await writeFile(system, 'Host *\n  SendEnv LANG LC_*\n  Port 2200\n  ServerAliveInterval 42\n');
    const location = locateSshConfig({
      home: join(dir, 'home'),
      passwdHome: '/nonexistent',
      wrapperFile: join(dir, 'mx', 'ssh_config'),
      systemFile: system,
    });
    await writeSshConfigWrapper(location);
    const options = await resolved(location.explicitFlag ?? '', 'web');
    expect(options.get('hostname')).toBe('10.9.8.7');
    // The user's value wins, as the first one does in ssh.
    expect(options.get('port')).toBe('2222');
    // What only the system file says still applies: typed non-ASCII needs LANG on the remote side.
    expect(options.get('sendenv')).toContain('LANG');
    expect(options.get('serveraliveinterval')).toBe('42');
  });

  it('lets ssh start when the chosen config file does not exist', async () => {
    const location = locateSshConfig({
      home: join(dir, 'nobody'),
      passwdHome: '/nonexistent',
      wrapperFile: join(dir, 'mx', 'ssh_config'),
      systemFile: '/etc/ssh/ssh_config',
    });
    await writeSshConfigWrapper(location);
    const options = await resolved(location.explicitFlag ?? '', 'db.example.org');
    expect(options.get('hostname')).toBe('db.example.org');
  });
});
