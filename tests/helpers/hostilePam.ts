import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommandOk } from './runCommand';

const SOURCE = path.join(__dirname, '..', 'fixtures', 'pam', 'hostile_pam.c');

/**
 * A PAM service whose only question is what a hostile server would ask by keyboard-interactive.
 * sshd names its PAM service after its own program name, so an sshd run as a symlink called
 * `service` (startSshd's pamService) asks these questions. Needs root (/etc/pam.d) and gcc.
 */
export interface HostilePam {
  /** The PAM service name: run sshd under this name. */
  service: string;
  /** Every answer the server got, in order (empty before the first). */
  answers(): Promise<string[]>;
  remove(): Promise<void>;
}

export const canRunHostilePam =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  existsSync('/etc/pam.d') &&
  ['/usr/bin/gcc', '/usr/bin/cc'].some((compiler) => existsSync(compiler));

export async function installHostilePam(dir: string, prompts: readonly string[]): Promise<HostilePam> {
  const service = `mxhostile-${randomBytes(4).toString('hex')}`;
  const module = path.join(dir, 'hostile_pam.so');
  const promptsFile = path.join(dir, 'hostile-prompts');
  const answersFile = path.join(dir, 'hostile-answers');
  const pamFile = path.join('/etc/pam.d', service);
  await runCommandOk(existsSync('/usr/bin/gcc') ? 'gcc' : 'cc', ['-shared', '-fPIC', '-o', module, SOURCE]);
  await writeFile(promptsFile, prompts.map((prompt) => `${prompt}\n`).join(''));
  await writeFile(
    pamFile,
    [
      `auth requisite ${module} ${promptsFile} ${answersFile}`,
      'account required pam_permit.so',
      'session required pam_permit.so',
      'password required pam_deny.so',
      '',
    ].join('\n'),
  );
  return {
    service,
    answers: async () => {
      const text = await readFile(answersFile, 'utf8').catch(() => '');
      return text === '' ? [] : text.replace(/\n$/, '').split('\n');
    },
    remove: () => rm(pamFile, { force: true }),
  };
}
