import { execFileSync } from 'node:child_process';
import { readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionLogs, logFileName, safeFileName, shellQuote } from '../../../src-main/sessions/sessionLogs';
import { REMOTE_TMUX_COMMAND } from '../../../src-main/sessions/sessionService';
import { buildSshArgv } from '../../../src-main/ssh/sshArgv';
import { testTempDir } from '../../helpers/testTempDir';

describe('session logs', () => {
  it('names files from hostile labels without leaving the logs folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('web 01;rm -rf ~')).toBe('web_01_rm_-rf_');
    expect(safeFileName('')).toBe('host');
    expect(logFileName('mx-1', new Date('2026-11-23T12:34:56.789Z'))).toBe('2026-11-23T12-34-56Z-mx-1.log');
  });

  it('quotes paths for the shell so that sh reads them back unchanged', () => {
    for (const path of ["/tmp/it's here/a b.log", '/tmp/$(id)/`x`', '/tmp/"q"\\n']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(path)}`], { encoding: 'utf8' })).toBe(path);
    }
  });

  it('starts tmux piping into a new file with a latest link, and resumes the same file after a respawn', async () => {
    const dir = await testTempDir('mx-logs-unit-');
    const pipes: Array<[string, string]> = [];
    const logs = new SessionLogs({
      dir,
      pipePane: async (session, command) => void pipes.push([session, command]),
      stopPipe: async () => undefined,
    });
    const file = await logs.start('mx-1', 'web/01', undefined, new Date('2026-11-23T10:00:00Z'));
    expect(file).toBe(join(dir, 'web_01', '2026-11-23T10-00-00Z-mx-1.log'));
    expect(await readlink(join(dir, 'web_01', 'latest.log'))).toBe(file);
    expect(pipes).toEqual([['mx-1', `exec cat >> '${file}'`]]);
    expect(await logs.start('mx-1', 'web/01', file)).toBe(file);
    expect(pipes).toHaveLength(2);
  });

  it('stops a log that reached its cap and says so in the file', async () => {
    const dir = await testTempDir('mx-logs-cap-');
    const stopped: string[] = [];
    const logs = new SessionLogs({
      dir,
      capBytes: () => 100,
      pipePane: async () => undefined,
      stopPipe: async (session) => void stopped.push(session),
    });
    const small = await logs.start('mx-small', 'a');
    const big = await logs.start('mx-big', 'b');
    await writeFile(small, 'x'.repeat(50));
    await writeFile(big, 'y'.repeat(150));
    await logs.enforceCaps();
    expect(stopped).toEqual(['mx-big']);
    expect(await readFile(big, 'utf8')).toMatch(/\[Muxdeck: log stopped at 100 bytes\]\n$/);
  });
});

describe('remote persistence argv', () => {
  it('asks for a terminal and runs a fixed tmux command after the destination', () => {
    expect(
      buildSshArgv({ sshPath: 'ssh', destination: 'web-01', remoteCommand: REMOTE_TMUX_COMMAND }),
    ).toEqual(['ssh', '-t', '--', 'web-01', 'tmux', '-L', 'muxdeck', 'new-session', '-A', '-s', 'muxdeck']);
  });
});
