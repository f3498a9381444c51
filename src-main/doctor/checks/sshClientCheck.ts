import type { CommandRunner } from '../../ports';
import { failed, passed, type DoctorCheck } from '../doctorCheck';

const TIMEOUT_MS = 10_000;
/** Not a real host: ssh -G only prints the options it would use, and connects nowhere. */
const PROBE_DESTINATION = 'muxdeck-doctor-probe';

const INSTALL_SSH: Partial<Record<NodeJS.Platform, string>> = {
  win32:
    'Turn on the OpenSSH client in Settings → System → Optional features → Add a feature → "OpenSSH Client", then restart Muxdeck.',
  darwin: 'Reinstall the OpenSSH client that comes with macOS (/usr/bin/ssh), or point MUXDECK_SSH at one.',
  linux:
    'Install the OpenSSH client ("sudo apt install openssh-client" or "sudo dnf install openssh-clients"), then restart Muxdeck.',
};

/**
 * The OpenSSH client: its version, whether `ssh -G` reads the user's config (Muxdeck learns where
 * hosts really go from it), and whether it accepts connection sharing (ControlMaster, ControlPersist),
 * which makes a second pane to a host open at once.
 */
export async function sshClientCheck(edges: {
  platform: NodeJS.Platform;
  sshPath: string;
  sshFound: boolean;
  /** `-F file` when the app reads another file than ssh's default (sshConfigLocation.ts). */
  configFlag?: string;
  runner: CommandRunner;
  env: NodeJS.ProcessEnv;
}): Promise<DoctorCheck> {
  const title = 'OpenSSH client';
  const install = INSTALL_SSH[edges.platform] ?? INSTALL_SSH.linux ?? '';
  if (!edges.sshFound) return failed('ssh', title, 'required', 'ssh was not found', install);

  const versionRun = await edges.runner.run(edges.sshPath, ['-V'], { env: edges.env, timeoutMs: TIMEOUT_MS });
  // ssh -V prints to stderr.
  const version = (versionRun.stderr || versionRun.stdout).trim().split('\n')[0] ?? '';
  if (versionRun.code !== 0 || !/openssh/i.test(version)) {
    return failed(
      'ssh',
      title,
      'required',
      `${edges.sshPath} -V did not answer as OpenSSH: ${version || `exit ${String(versionRun.code)}`}`,
      install,
    );
  }

  const sharing = edges.platform !== 'win32';
  const args = [
    ...(edges.configFlag ? ['-F', edges.configFlag] : []),
    '-G',
    ...(sharing ? ['-o', 'ControlMaster=auto', '-o', 'ControlPersist=600'] : []),
    '--',
    PROBE_DESTINATION,
  ];
  const probe = await edges.runner.run(edges.sshPath, args, { env: edges.env, timeoutMs: TIMEOUT_MS });
  if (probe.code !== 0) {
    const words = sshWords(probe.stderr);
    // Muxdeck hands ssh `-F file` when HOME or MUXDECK_SSH_CONFIG names another file than ssh's default.
    const missing = edges.configFlag !== undefined && /can't open user config file/i.test(words);
    return failed(
      'ssh',
      title,
      'required',
      `${version}; "ssh -G" failed: ${words || `exit ${String(probe.code)}`}`,
      missing
        ? `Create ${edges.configFlag ?? ''} (an empty file will do) or point MUXDECK_SSH_CONFIG at a file that exists: Muxdeck tells ssh to read that file, and ssh refuses to start without it.`
        : `Fix what ssh names above in ${edges.configFlag ?? 'your ssh config'} (run "ssh -G ${PROBE_DESTINATION}" to see it again); Muxdeck reads every host's options through "ssh -G".`,
    );
  }
  if (!sharing) {
    return passed(
      'ssh',
      title,
      'required',
      `${version}; ssh -G works; connection sharing is not available on Windows`,
    );
  }
  const options = probe.stdout.toLowerCase();
  if (!/^controlmaster auto$/m.test(options) || !/^controlpersist 600$/m.test(options)) {
    return failed(
      'ssh',
      title,
      'required',
      `${version}; ssh -G works but does not take ControlMaster/ControlPersist`,
      'Install a current OpenSSH client (6.8 or newer); this one cannot share connections.',
    );
  }
  return passed(
    'ssh',
    title,
    'required',
    `${version}; ssh -G works; connection sharing (ControlMaster) available`,
  );
}

/** ssh's own words on one line, however many it printed. */
function sshWords(stderr: string): string {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Pseudo-terminal'))
    .join(' / ')
    .slice(0, 400);
}
