import type { HostSource } from '../../inventory/hostSource';
import { failed, passed, type DoctorCheck } from '../doctorCheck';

/**
 * The ssh config the tree reads hosts from, read by the app's own source (SshConfigSource): how many
 * hosts it gives. Optional: other sources and quick connect work without it.
 */
export async function sshConfigCheck(edges: {
  file: string;
  source: Pick<HostSource, 'load'>;
}): Promise<DoctorCheck> {
  const title = 'ssh config';
  const snapshot = await edges.source.load();
  if (snapshot.error) {
    return failed(
      'ssh-config',
      title,
      'optional',
      snapshot.error,
      `Make ${edges.file} (and the files it Includes) readable for you, or set MUXDECK_SSH_CONFIG to another file.`,
    );
  }
  const count = snapshot.hosts.length;
  const hosts = `${count} host${count === 1 ? '' : 's'}`;
  return passed('ssh-config', title, 'optional', `${edges.file}: ${hosts}`);
}
