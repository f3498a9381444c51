/**
 * The benchmark's file (tests/helpers/numberedFile.ts) through plain ssh: the ceiling the terminal path is
 * compared with.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { FakeHome } from '../helpers/sshd';

/** Runs ssh with its output read and thrown away (a pipe, not a buffer: 100 MB would not fit). */
async function timedSsh(fake: FakeHome, args: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn('ssh', ['-F', fake.configFile, ...args], {
    env: fake.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`ssh ${args.join(' ')} failed (${code}): ${stderr}`);
  return (performance.now() - started) / 1000;
}

/** The same file through plain ssh: into a pipe, and through a remote pty (as the terminal path is). */
export async function plainSshCat(
  fake: FakeHome,
  host: string,
  file: string,
  bytes: number,
): Promise<Record<string, number>> {
  const handshake = await timedSsh(fake, [host, 'true']);
  const toDevNull = await timedSsh(fake, [host, `cat ${file}`]);
  const throughPty = await timedSsh(fake, ['-tt', host, `cat ${file}`]);
  const rate = (seconds: number): number =>
    Math.round((bytes / 1e6 / Math.max(0.001, seconds - handshake)) * 10) / 10;
  return {
    sshHandshakeSeconds: Math.round(handshake * 100) / 100,
    sshPipeMBps: rate(toDevNull),
    sshPtyToPipeMBps: rate(throughPty),
  };
}
