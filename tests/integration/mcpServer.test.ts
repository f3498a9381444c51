import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { muxdeckPaths } from '../../src-main/app/paths';
import { nodeFileStore } from '../../src-main/platform/nodeFileStore';
import { systemClock } from '../../src-main/platform/systemClock';
import { DurableStore } from '../../src-main/store/durableStore';
import { storePaths } from '../../src-main/store/storePaths';
import { findFreePort } from '../helpers/freePort';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { generateEd25519Key } from '../helpers/sshKeys';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, tmuxCommand } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const CLIENT_NAME = 'mcp-test-client';

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

/**
 * `muxdeck mcp` as an agent sees it: the SDK's own Client over stdio, spawning the built CLI, against a
 * real sshd and Muxdeck's real tmux server. Needs `npx electron-vite build` first.
 */
describe('muxdeck mcp over stdio against real sshd and tmux', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let muxHome: string;
  let client: Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    const closedPort = await findFreePort();
    // A key sshd does not accept, and a known_hosts entry that names another host key.
    const stranger = await generateEd25519Key(join(fake.sshDir, 'stranger_ed25519'), 'stranger');
    const wrongHosts = join(fake.sshDir, 'wrong_known_hosts');
    await writeFile(wrongHosts, `[127.0.0.1]:${sshd.port} ${stranger.publicKey}\n`, { mode: 0o600 });
    const common = `  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  GlobalKnownHostsFile /dev/null\n  IdentitiesOnly yes`;
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'box', sshd },
        { alias: 'other', sshd },
      ],
      knownHostsFile: fake.knownHostsFile,
      extra: [
        `Host down\n  HostName 127.0.0.1\n  Port ${closedPort}\n  User nobody\n  StrictHostKeyChecking no`,
        `Host refused\n${common}\n  IdentityFile ${stranger.privateKeyPath}\n  UserKnownHostsFile ${fake.knownHostsFile}\n  PreferredAuthentications publickey`,
        `Host changed\n${common}\n  IdentityFile ${sshd.userKeyPath}\n  UserKnownHostsFile ${wrongHosts}\n  StrictHostKeyChecking yes`,
      ].join('\n'),
    });
    muxHome = await makeTempDir('mx-mcp-home-');
    env = Object.fromEntries(
      Object.entries({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    client = new Client({ name: CLIENT_NAME, version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--allow', 'box', '--allow', 'down,refused,changed'],
        env,
        stderr: 'pipe',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    if (muxHome) await killServer(muxdeckPaths(muxHome, () => muxHome).tmuxSocket).catch(() => undefined);
    await sshd?.stop();
    await fake?.cleanup();
    if (muxHome) await removeDir(muxHome);
  });

  const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolResult> =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as ToolResult;
  const ok = async (name: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
    const result = await call(name, args);
    expect(result.isError, `${name}: ${result.content[0]?.text ?? ''}`).toBeFalsy();
    expect(result.content[0]?.type).toBe('text');
    return result.structuredContent ?? {};
  };
  const failure = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const result = await call(name, args);
    expect(result.isError).toBe(true);
    return result.content[0]?.text ?? '';
  };
  const exec = async (session: string, command: string, timeout_s?: number) =>
    (await ok('exec', { session, command, ...(timeout_s !== undefined ? { timeout_s } : {}) })) as {
      exit_code: number | null;
      output: string;
      still_running: boolean;
      truncated: boolean;
    };
  const tmuxSessions = async () =>
    (
      await tmuxCommand(muxdeckPaths(muxHome, () => muxHome).tmuxSocket, [
        'list-sessions',
        '-F',
        '#{session_name} #{@muxdeck_owner} #{@muxdeck_agent_client}',
      ])
    ).stdout;

  it('lists every tool with annotations', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        'close_session',
        'exec',
        'list_hosts',
        'list_sessions',
        'open_session',
        'read_file',
        'read_output',
        'run_on_hosts',
        'send_keys',
        'snapshot',
        'write_file',
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBeTypeOf('boolean');
      expect(tool.annotations?.destructiveHint, tool.name).toBeTypeOf('boolean');
      expect(tool.annotations?.openWorldHint, tool.name).toBeTypeOf('boolean');
    }
    expect(tools.find((t) => t.name === 'list_hosts')?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((t) => t.name === 'exec')?.annotations?.destructiveHint).toBe(true);
  });

  it('list_hosts shows the tree with its fields, filtered by a query', async () => {
    const all = (await ok('list_hosts')) as { hosts: Array<Record<string, unknown>> };
    expect(all.hosts.map((h) => h.label)).toEqual(expect.arrayContaining(['box', 'other', 'down']));
    const box = all.hosts.find((h) => h.label === 'box');
    expect(box).toMatchObject({
      id: expect.stringContaining('box'),
      user: expect.any(String),
      source: expect.any(String),
      path: expect.any(String),
    });
    const some = (await ok('list_hosts', { query: 'oth' })) as { hosts: Array<{ label: string }> };
    expect(some.hosts.map((h) => h.label)).toEqual(['other']);
  });

  it('refuses a host the policy would ask about when --allow did not name it, and opens nothing', async () => {
    const before = await tmuxSessions();
    const message = await failure('open_session', { host: 'other' });
    expect(message).toMatch(/needs the user's approval/);
    expect(message).toMatch(/--allow/);
    expect(await tmuxSessions()).toBe(before);
    const run = await failure('run_on_hosts', { hosts: 'box,other', command: 'touch /tmp/should-not-exist' });
    expect(run).toMatch(/Nothing was run: other/);
  });

  it("open_session fails with ssh's own words when the host is down, and leaves no session", async () => {
    const message = await failure('open_session', { host: 'down' });
    expect(message).toMatch(/Could not open a session on down: .*Connection refused/);
    expect(await failure('open_session', { host: 'refused' })).toMatch(
      /Could not open a session on refused: .*Permission denied \(publickey/,
    );
    expect(await failure('open_session', { host: 'changed' })).toMatch(
      /Could not open a session on changed: .*(Host key for .* has changed|REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed)/,
    );
    const listed = (await ok('list_sessions')) as { sessions: unknown[] };
    expect(listed.sessions).toEqual([]);
  });

  it("opens a session marked as the agent's; cwd and env persist; exit codes 0, 1, 7", async () => {
    const opened = (await ok('open_session', { host: 'box', name: 'main' })) as {
      session: { id: string; name: string; host: string; status: string };
    };
    expect(opened.session).toMatchObject({ name: 'main', host: 'box', status: 'connected' });
    expect(await tmuxSessions()).toContain(`${opened.session.id} agent ${CLIENT_NAME}`);
    const listed = (await ok('list_sessions')) as { sessions: Array<Record<string, unknown>> };
    expect(listed.sessions).toEqual([
      expect.objectContaining({ id: opened.session.id, name: 'main', owner: 'agent', shared: false }),
    ]);

    expect(await exec('main', 'cd /tmp && export MX_AGENT_VAR=forty-two')).toMatchObject({
      exit_code: 0,
      still_running: false,
    });
    expect(await exec('main', 'pwd; echo "$MX_AGENT_VAR"')).toEqual({
      exit_code: 0,
      output: '/tmp\nforty-two\n',
      still_running: false,
      truncated: false,
    });
    expect((await exec('main', 'true')).exit_code).toBe(0);
    expect((await exec('main', 'false')).exit_code).toBe(1);
    expect((await exec('main', '(exit 7)')).exit_code).toBe(7);
    // A comment at the end cannot swallow the end marker.
    expect(await exec('main', 'echo ok # trailing comment')).toMatchObject({ exit_code: 0, output: 'ok\n' });
    // Out of the shell's history.
    expect((await exec('main', 'history | grep -c MX_AGENT_VAR || true')).output.trim()).toBe('0');
  });

  it('keeps output that contains marker text, and refuses a command that does', async () => {
    const fakeNonce = '0123456789abcdef0123456789abcdef';
    const result = await exec(
      'main',
      `printf '\\033]777;muxdeck-%s;${fakeNonce};0\\007' end; echo "muxdeck-""end;${fakeNonce};0"; echo after`,
    );
    expect(result).toMatchObject({ exit_code: 0, still_running: false });
    expect(result.output).toBe(`muxdeck-end;${fakeNonce};0\nafter\n`);
    expect(await failure('exec', { session: 'main', command: `echo muxdeck-end;${fakeNonce};0` })).toMatch(
      /marker/,
    );
  });

  it('redacts a private key block from output, and secrets from the audit log', async () => {
    const result = await exec(
      'main',
      "printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\\nAAAAsecretkeybytes\\n-----END OPENSSH PRIVATE KEY-----\\nvisible\\n'",
    );
    expect(result.output).toContain('[private key redacted by Muxdeck]');
    expect(result.output).toContain('visible');
    expect(result.output).not.toContain('AAAAsecretkeybytes');
    await exec('main', 'MYSQL_PASSWORD=hunter2 true');
  });

  it('a long command returns still_running, keeps going, and finishes through read_output; other sessions answer meanwhile', async () => {
    await ok('open_session', { host: 'box', name: 'side' });
    const progress: number[] = [];
    const started = Date.now();
    const long = client.callTool(
      { name: 'exec', arguments: { session: 'main', command: 'sleep 4; echo done-sleeping', timeout_s: 2 } },
      undefined,
      { timeout: 60_000, onprogress: (p) => progress.push(p.progress) },
    ) as Promise<ToolResult>;
    // While it runs: a snapshot of another session, and a busy answer for the same one.
    const snapStart = Date.now();
    const snap = (await ok('snapshot', { session: 'side' })) as { hints: string[] };
    const snapMs = Date.now() - snapStart;
    expect(snap.hints).toContain('prompt');
    expect(snapMs).toBeLessThan(1000);
    const first = (await long).structuredContent as {
      still_running: boolean;
      exit_code: number | null;
      output: string;
    };
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(first).toMatchObject({ still_running: true, exit_code: null });
    expect(progress.length).toBeGreaterThan(0);
    expect(await failure('exec', { session: 'main', command: 'echo no' })).toMatch(/still running/);
    const rest = await ok('read_output', { session: 'main', wait_s: 30 });
    expect(rest).toMatchObject({ still_running: false, exit_code: 0, output: 'done-sleeping\n' });
    // Nothing more to read, and the session takes commands again.
    expect(await ok('read_output', { session: 'main', wait_s: 0 })).toMatchObject({
      still_running: false,
      output: '',
    });
    expect((await exec('main', 'echo again')).output).toBe('again\n');
  });

  it('C-c stops a still-running command, and the session takes the next one', async () => {
    expect(await exec('main', 'echo started; sleep 300', 1)).toMatchObject({
      still_running: true,
      output: 'started\n',
    });
    await ok('send_keys', { session: 'main', keys: ['C-c'] });
    expect(await ok('read_output', { session: 'main', wait_s: 0 })).toMatchObject({
      still_running: false,
      exit_code: 130,
    });
    expect(await exec('main', 'echo next')).toMatchObject({ exit_code: 0, output: 'next\n' });
  });

  it('five sessions at once keep their own cwd and environment', async () => {
    const names = [1, 2, 3, 4, 5].map((n) => `par${n}`);
    await Promise.all(names.map((name) => ok('open_session', { host: 'box', name })));
    await Promise.all(
      names.map((name, i) =>
        exec(name, `mkdir -p /tmp/mx-par-${i} && cd /tmp/mx-par-${i} && export MX_PAR=${name}`),
      ),
    );
    const results = await Promise.all(names.map((name) => exec(name, 'echo "$(pwd) $MX_PAR"')));
    results.forEach((result, i) => expect(result.output).toBe(`/tmp/mx-par-${i} par${i + 1}\n`));
    await Promise.all(names.map((name) => ok('close_session', { session: name })));
  });

  it('write_file and read_file carry all 256 byte values over the shared connection', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const path = join(sshd.dir, 'home', 'mx-bytes.bin');
    const written = await ok('write_file', {
      session: 'main',
      path,
      content_base64: bytes.toString('base64'),
      mode: '600',
    });
    expect(written).toEqual({ bytes_written: 256 });
    expect((await readFile(path)).equals(bytes)).toBe(true);
    const read = (await ok('read_file', { session: 'main', path })) as {
      content_base64: string;
      size: number;
    };
    expect(read.size).toBe(256);
    expect(Buffer.from(read.content_base64, 'base64').equals(bytes)).toBe(true);
    expect((await exec('main', `stat -c %a ${path}`)).output).toBe('600\n');
    // A private key read back is redacted.
    const keyPath = join(sshd.dir, 'home', 'mx-key');
    await ok('write_file', {
      session: 'main',
      path: keyPath,
      content_base64: Buffer.from(
        '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretkeybytes\n-----END OPENSSH PRIVATE KEY-----\n',
      ).toString('base64'),
    });
    const key = (await ok('read_file', { session: 'main', path: keyPath })) as {
      content_base64: string;
      redacted: boolean;
    };
    expect(key.redacted).toBe(true);
    expect(Buffer.from(key.content_base64, 'base64').toString()).not.toContain('AAAAsecretkeybytes');
    // A place nobody can write: a clear error, and nothing appears.
    expect(
      await failure('write_file', { session: 'main', path: '/nonexistent-dir/x', content_base64: 'aGk=' }),
    ).toMatch(/Could not write .*Nothing was changed/);
    expect(await failure('read_file', { session: 'main', path: '/nonexistent-dir/x' })).toMatch(
      /no such file/,
    );
    expect(
      await failure('write_file', { session: 'main', path: 'bad\npath', content_base64: 'aGk=' }),
    ).toMatch(/control characters/);
    expect(
      await failure('write_file', { session: 'main', path: 'x', content_base64: 'not base64!' }),
    ).toMatch(/not base64/);
  });

  it('send_keys drives an interactive program; snapshot shows it, with hints', async () => {
    await ok('send_keys', { session: 'side', keys: ['read -s -p "Password: " secret', 'Enter'] });
    await waitFor(
      async () =>
        ((await ok('snapshot', { session: 'side' })) as { hints: string[] }).hints.includes(
          'password_prompt',
        ),
      {
        describe: 'the password prompt hint',
      },
    );
    await ok('send_keys', { session: 'side', keys: ['C-c'] });
    await ok('send_keys', { session: 'side', keys: ['cat', 'Enter'] });
    // Typed ahead, the text could reach the shell's line editor instead of cat: wait for cat first.
    await waitFor(
      async () => {
        const snap = (await ok('snapshot', { session: 'side' })) as { text: string; cursor: { x: number } };
        return /# cat$/.test(snap.text) && snap.cursor.x === 0;
      },
      { describe: 'cat waiting for input' },
    );
    await ok('send_keys', { session: 'side', keys: ['typed-through-keys', 'Enter'] });
    let lastText = '';
    const shown = await waitFor(
      async () => {
        const snap = (await ok('snapshot', { session: 'side' })) as {
          text: string;
          cursor: { x: number; y: number };
        };
        lastText = snap.text;
        return (snap.text.match(/typed-through-keys/g) ?? []).length >= 2 ? snap : undefined;
      },
      { describe: 'cat echoing the typed line' },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; the screen:\n${lastText}`);
    });
    expect(shown.cursor.x).toBe(0);
    await ok('send_keys', { session: 'side', keys: ['C-c'] });
    expect(await failure('send_keys', { session: 'side', keys: ['C-cc'] })).toMatch(/not a key name/);
    expect(await failure('send_keys', { session: 'side', keys: ['rm -rf x\r'] })).toMatch(
      /control characters/,
    );
  });

  it('run_on_hosts gives the run service per-host results', async () => {
    const result = (await ok('run_on_hosts', { hosts: 'box', command: 'echo hi-from-run' })) as {
      format: string;
      hosts: Array<{ host: string; status: string; exitCode: number; stdout: string }>;
    };
    expect(result.format).toBe('muxdeck-run');
    expect(result.hosts).toEqual([
      expect.objectContaining({ host: 'box', status: 'ok', exitCode: 0, stdout: 'hi-from-run\n' }),
    ]);
  });

  it('hostile input gets a clear error and changes nothing', async () => {
    expect(await failure('exec', { session: 'no-such-session', command: 'true' })).toMatch(
      /No session "no-such-session"/,
    );
    expect(await failure('open_session', { host: 'box', name: 'bad\u0007name' })).toMatch(/session name/);
    expect(await failure('open_session', { host: 'box', name: 'main' })).toMatch(/already called main/);
    expect(await failure('open_session', { host: 'nosuchhost' })).toMatch(/Unknown host/);
    expect(await failure('exec', { session: 'main', command: 'x'.repeat(40_000) })).toMatch(/longer than/);
    // 50 MB: refused as it streams in, the connection stays up.
    await expect(call('exec', { session: 'main', command: 'x'.repeat(50 * 1024 * 1024) })).rejects.toThrow(
      /at most 16 MB. Nothing was done/,
    );
    expect(await failure('exec', { session: 'main', command: 'echo \u001b[31m' })).toMatch(
      /control character/,
    );
    const listed = (await ok('list_sessions')) as { sessions: Array<{ name: string }> };
    expect(listed.sessions.map((s) => s.name).sort()).toEqual(['main', 'side']);
  });

  it("another agent (another muxdeck mcp) sees none of this agent's sessions, nor the human's", async () => {
    // The human's own session on the same tmux server: an agent must not see it.
    await tmuxCommand(muxdeckPaths(muxHome, () => muxHome).tmuxSocket, [
      'new-session',
      '-d',
      '-s',
      'human-1',
      'sleep 600',
    ]);
    await tmuxCommand(muxdeckPaths(muxHome, () => muxHome).tmuxSocket, [
      'set-option',
      '-t',
      '=human-1:',
      '@muxdeck_host',
      'ssh-config:box',
    ]);
    const mine = (await ok('list_sessions')) as { sessions: Array<{ id: string; name: string }> };
    expect(mine.sessions.map((s) => s.id)).not.toContain('human-1');
    expect(await failure('send_keys', { session: 'human-1', keys: ['echo hi', 'Enter'] })).toMatch(
      /No session/,
    );

    const other = new Client({ name: 'second-agent', version: '1' });
    await other.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--allow', 'box'],
        env,
        stderr: 'pipe',
      }),
    );
    try {
      const seen = (await other.callTool({ name: 'list_sessions', arguments: {} })) as ToolResult;
      expect(seen.structuredContent).toEqual({ sessions: [] });
      const main = mine.sessions.find((s) => s.name === 'main');
      const typed = (await other.callTool({
        name: 'exec',
        arguments: { session: main?.id, command: 'touch /tmp/mx-intruder' },
      })) as ToolResult;
      expect(typed.isError).toBe(true);
      expect(typed.content[0]?.text).toMatch(/No session/);
    } finally {
      await other.close();
    }
    await tmuxCommand(muxdeckPaths(muxHome, () => muxHome).tmuxSocket, ['kill-session', '-t', '=human-1']);
  });

  it('close_session ends the tmux session', async () => {
    const { sessions } = (await ok('list_sessions')) as { sessions: Array<{ id: string; name: string }> };
    const side = sessions.find((s) => s.name === 'side');
    expect(await ok('close_session', { session: 'side' })).toEqual({ closed: true, session: side?.id });
    expect(await tmuxSessions()).not.toContain(side?.id);
    expect(await failure('snapshot', { session: 'side' })).toMatch(/No session/);
  });

  it('a dropped session reconnects like any other, and exec works again in the new shell', async () => {
    await ok('open_session', { host: 'box', name: 'phoenix' });
    expect((await exec('phoenix', 'echo before')).output).toBe('before\n');
    const statusOf = async (name: string) =>
      ((await ok('list_sessions')) as { sessions: Array<{ name: string; status: string }> }).sessions.find(
        (s) => s.name === name,
      )?.status;
    await sshd.interrupt();
    await waitFor(async () => (await statusOf('phoenix')) !== 'connected', {
      describe: 'the drop noticed',
      timeoutMs: 20_000,
    });
    await sshd.resume();
    await waitFor(async () => (await statusOf('phoenix')) === 'connected', {
      describe: 'reconnected',
      timeoutMs: 30_000,
    });
    expect(await exec('phoenix', 'echo after; echo "$HISTCONTROL"')).toMatchObject({
      exit_code: 0,
      output: 'after\nignoreboth\n',
    });
    await ok('close_session', { session: 'phoenix' });
  });

  it('wrote every call to the audit log, without secrets', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const text = await readFile(join(muxHome, 'logs', 'agents', `${day}.jsonl`), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      expect(line).toMatchObject({
        time: expect.any(String),
        client: expect.stringMatching(new RegExp(`^(${CLIENT_NAME}|second-agent)$`)),
        tool: expect.any(String),
        decision: expect.any(String),
        duration_ms: expect.any(Number),
      });
    }
    expect(lines).toContainEqual(
      expect.objectContaining({ tool: 'open_session', host: 'other', decision: 'refused: needs approval' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        tool: 'exec',
        command: '(exit 7)',
        exit_code: 7,
        decision: 'allowed by --allow',
        host: 'box',
        session: expect.stringMatching(/^mx-/),
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ tool: 'snapshot', decision: 'read-only' }));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('AAAAsecretkeybytes');
    expect(text).not.toContain('typed-through-keys');
  });
});

describe('muxdeck mcp reads the agents policy from the settings', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let muxHome: string;
  let client: Client;

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'denied', sshd },
        { alias: 'trusted', sshd },
      ],
      knownHostsFile: fake.knownHostsFile,
    });
    muxHome = await makeTempDir('mx-mcp-policy-');
    // Settings → Agents as the app saved it.
    const store = await DurableStore.open({
      files: nodeFileStore,
      paths: storePaths(muxHome),
      clock: systemClock,
      logger: { info() {}, warn() {}, error() {} },
    });
    await store.update((data) => ({
      ...data,
      settings: {
        ...data.settings,
        agents: {
          default: 'ask',
          rules: [
            { match: 'denied', decision: 'deny' },
            { match: 'trusted', decision: 'allow' },
          ],
        },
      },
    }));
    client = new Client({ name: 'policy-client', version: '1' });
    const env = Object.fromEntries(
      Object.entries({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    // --allow cannot lift a deny.
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--allow', 'denied'],
        env,
        stderr: 'pipe',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    if (muxHome) await killServer(muxdeckPaths(muxHome, () => muxHome).tmuxSocket).catch(() => undefined);
    await sshd?.stop();
    await fake?.cleanup();
    if (muxHome) await removeDir(muxHome);
  });

  it('denies what the policy denies even with --allow, and allows what it allows without asking', async () => {
    const denied = (await client.callTool({
      name: 'open_session',
      arguments: { host: 'denied' },
    })) as ToolResult;
    expect(denied.isError).toBe(true);
    expect(denied.content[0]?.text).toMatch(/denied by Settings → Agents \(rule "denied"\)/);
    const trusted = (await client.callTool({
      name: 'open_session',
      arguments: { host: 'trusted' },
    })) as ToolResult;
    expect(trusted.isError, trusted.content[0]?.text).toBeFalsy();
    const day = new Date().toISOString().slice(0, 10);
    const lines = (await readFile(join(muxHome, 'logs', 'agents', `${day}.jsonl`), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        tool: 'open_session',
        host: 'denied',
        decision: 'denied by policy',
        client: 'policy-client',
      }),
      expect.objectContaining({ tool: 'open_session', host: 'trusted', decision: 'allowed by policy' }),
    ]);
  });
});

describe('muxdeck mcp --http', () => {
  let fake: FakeHome;
  let muxHome: string;

  beforeAll(async () => {
    fake = await makeFakeHome();
    muxHome = await makeTempDir('mx-mcp-http-');
  });
  afterAll(async () => {
    await killServer(muxdeckPaths(muxHome, () => muxHome).tmuxSocket).catch(() => undefined);
    await fake?.cleanup();
    await removeDir(muxHome);
  });

  it('serves on 127.0.0.1 with a bearer token printed once, and refuses requests without it', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp', '--http'], {
      env: { ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const [, url, token] = await waitFor(
        () => /at (http:\/\/127\.0\.0\.1:\d+\/mcp)\nAuthorization: Bearer (\S+)\n/.exec(out) ?? undefined,
        { describe: 'the URL and token lines', timeoutMs: 30_000 },
      );
      const init = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      };
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      const refused = await fetch(String(url), { method: 'POST', headers, body: JSON.stringify(init) });
      expect(refused.status).toBe(401);
      // DNS rebinding: a page on another name that resolves to 127.0.0.1 is refused even with the token.
      const rebound = await new Promise<number>((done, fail) => {
        const target = new URL(String(url));
        request(
          {
            host: '127.0.0.1',
            port: target.port,
            path: '/mcp',
            method: 'POST',
            headers: {
              ...headers,
              host: `evil.example:${target.port}`,
              authorization: `Bearer ${String(token)}`,
            },
          },
          (res) => {
            res.resume();
            done(res.statusCode ?? 0);
          },
        )
          .on('error', fail)
          .end(JSON.stringify(init));
      });
      expect(rebound).toBe(403);
      const wrong = await fetch(String(url), {
        method: 'POST',
        headers: { ...headers, authorization: 'Bearer nope' },
        body: JSON.stringify(init),
      });
      expect(wrong.status).toBe(401);

      const client = new Client({ name: 'http-client', version: '1' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(String(url)), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      const result = (await client.callTool({ name: 'list_sessions', arguments: {} })) as ToolResult;
      expect(result.structuredContent).toEqual({ sessions: [] });
      await client.close();
      // Printed once: the token is in no other output.
      expect(out.split(String(token)).length - 1).toBe(1);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
