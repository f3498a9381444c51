import type { CommandRunner } from '../ports';

/** Where ssh will really go for a destination, as `ssh -G` resolves it from the user's config. */
export interface SshTarget {
  user: string;
  hostname: string;
  port: number;
  proxyJump?: string;
  /** ConnectTimeout from the user's config, in seconds; absent when it is not set ("none"). */
  connectTimeoutSeconds?: number;
}

/** Parses `ssh -G` output (one `keyword value` per line, keywords lower-case). */
export function parseSshG(stdout: string): SshTarget | undefined {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && !values.has(line.slice(0, space)))
      values.set(line.slice(0, space), line.slice(space + 1).trim());
  }
  const hostname = values.get('hostname');
  const user = values.get('user');
  const port = Number.parseInt(values.get('port') ?? '', 10);
  if (!hostname || !user || !Number.isInteger(port)) return undefined;
  const proxyJump = values.get('proxyjump');
  const connectTimeout = Number.parseInt(values.get('connecttimeout') ?? '', 10);
  return {
    user,
    hostname,
    port,
    ...(proxyJump && proxyJump !== 'none' ? { proxyJump } : {}),
    ...(Number.isInteger(connectTimeout) && connectTimeout > 0
      ? { connectTimeoutSeconds: connectTimeout }
      : {}),
  };
}

export async function resolveSshTarget(opts: {
  runner: CommandRunner;
  sshPath: string;
  /** Everything that goes before the destination (e.g. -F config); the same as the session will use. */
  options: readonly string[];
  destination: string;
  env: NodeJS.ProcessEnv;
}): Promise<SshTarget | undefined> {
  const result = await opts.runner.run(opts.sshPath, [...opts.options, '-G', '--', opts.destination], {
    env: opts.env,
    timeoutMs: 5_000,
  });
  return result.code === 0 ? parseSshG(result.stdout) : undefined;
}
