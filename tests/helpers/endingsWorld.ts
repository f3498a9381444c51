import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort } from './freePort';
import { startSilentServer, type SilentServer } from './silentServer';
import { generateEd25519Key } from './sshKeys';
import { makeFakeHome, startSshd, writeSshClientConfig, type FakeHome, type SshdHandle } from './sshd';

/**
 * One sshd on loopback and an ssh config with a host for every way a session can end: `box` works;
 * the others fail each in their own way, all on 127.0.0.1.
 */
export interface EndingsWorld {
  sshd: SshdHandle;
  fake: FakeHome;
  stop(): Promise<void>;
}

export async function startEndingsWorld(): Promise<EndingsWorld> {
  const sshd = await startSshd();
  const fake = await makeFakeHome();
  const silent: SilentServer = await startSilentServer();
  // A port nothing listens on: found free, then left closed.
  const closedPort = await findFreePort();
  const strangerKey = await generateEd25519Key(join(fake.sshDir, 'stranger'), 'not-authorised');
  const otherKey = await generateEd25519Key(join(fake.sshDir, 'other_host'), 'other-host');
  const wrongKnownHosts = join(fake.sshDir, 'known_hosts_wrong');
  // Another host's key recorded for this address: exactly what a changed host key looks like.
  await writeFile(wrongKnownHosts, `[127.0.0.1]:${sshd.port} ${otherKey.publicKey}\n`, { mode: 0o600 });
  const base = (port: number, knownHosts = fake.knownHostsFile, key = sshd.userKeyPath) => [
    '  HostName 127.0.0.1',
    `  Port ${port}`,
    `  User ${sshd.user}`,
    `  IdentityFile ${key}`,
    '  IdentitiesOnly yes',
    '  BatchMode yes',
    `  UserKnownHostsFile ${knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
  ];
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: 'box', sshd }],
    knownHostsFile: fake.knownHostsFile,
    extra: [
      'Host refused',
      ...base(closedPort),
      // The server offers only ed25519 host keys; this client accepts only RSA ones.
      'Host nego',
      ...base(sshd.port),
      '  HostKeyAlgorithms rsa-sha2-512,rsa-sha2-256',
      'Host loop',
      ...base(sshd.port),
      '  ProxyJump loop',
      'Host changedkey',
      ...base(sshd.port, wrongKnownHosts),
      'Host wrongkey',
      ...base(sshd.port, fake.knownHostsFile, strangerKey.privateKeyPath),
      'Host hang',
      ...base(silent.port),
      'Host hangct',
      ...base(silent.port),
      '  ConnectTimeout 2',
      '',
    ].join('\n'),
  });
  return {
    sshd,
    fake,
    async stop() {
      await silent.close();
      await sshd.stop();
      await fake.cleanup();
    },
  };
}
