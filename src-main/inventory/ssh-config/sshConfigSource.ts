import type { Host } from '../../../src-preload/api';
import type { FileReader } from '../../ports';
import type { HostSource, HostSourceSnapshot } from '../hostSource';
import { SSH_CONFIG_SOURCE_ID, hostsFromSshConfig } from './sshConfigHosts';
import { isMissingFile, readSshConfig } from './sshConfigReader';

/**
 * The embedded default source: the hosts of the user's ssh config, read live.
 * Connecting passes the alias to ssh, so everything the config says applies.
 */
export class SshConfigSource implements HostSource {
  readonly id = SSH_CONFIG_SOURCE_ID;
  readonly kind = 'ssh-config' as const;
  readonly label = 'ssh config';

  constructor(private readonly deps: { file: string; home: string; files: FileReader }) {}

  async load(): Promise<HostSourceSnapshot> {
    const location = this.deps.file;
    try {
      const blocks = await readSshConfig({ file: location, home: this.deps.home, files: this.deps.files });
      return { hosts: hostsFromSshConfig(blocks), location };
    } catch (error) {
      if (isMissingFile(error)) return { hosts: [], location };
      return { hosts: [], location, error: `Could not read ${location}: ${errorMessage(error)}` };
    }
  }

  sshDestination(host: Host): string {
    return host.label;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
