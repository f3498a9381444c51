import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SshConfigLocation } from '../ssh/sshConfigLocation';

/** Writes Muxdeck's including ssh config (see SshConfigLocation), if the location uses one. */
export async function writeSshConfigWrapper(location: SshConfigLocation): Promise<void> {
  if (!location.wrapperContent || !location.explicitFlag) return;
  await mkdir(dirname(location.explicitFlag), { recursive: true, mode: 0o700 });
  await writeFile(location.explicitFlag, location.wrapperContent, { mode: 0o600 });
}
