import type { CommandRunner } from '../ports';

/**
 * Whether this ssh marks keyboard-interactive questions as the server's: OpenSSH >= 8.4 shows them
 * as `(user@host) <text>`. An older or unknown client does not, so there a server could word a
 * question exactly like ssh's own passphrase prompt.
 */
export async function sshMarksServerQuestions(deps: {
  runner: CommandRunner;
  sshPath: string;
  env: NodeJS.ProcessEnv;
}): Promise<boolean> {
  const result = await deps.runner.run(deps.sshPath, ['-V'], { env: deps.env, timeoutMs: 5_000 });
  return marksServerQuestions(`${result.stderr}${result.stdout}`);
}

export function marksServerQuestions(versionText: string): boolean {
  const version = /OpenSSH_(?:for_Windows_)?(\d+)\.(\d+)/.exec(versionText);
  if (!version) return false;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  return major > 8 || (major === 8 && minor >= 4);
}
