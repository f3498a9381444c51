import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, PendingAgentApproval, SessionInfo } from '../../src-preload/api';
import { composeServices, type MuxdeckServices } from '../../src-main/app/compose';
import { loadNodePtySpawner } from '../../src-main/platform/nodePtySpawner';
import type { RouterConnection } from '../../src-main/router/router';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');
const RESOURCES = resolve(__dirname, '../../resources');
const CLIENT_NAME = 'app-side-agent';
const silent = { info() {}, warn() {}, error() {} };

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

/**
 * The app's side of `muxdeck mcp`: a running app (the composed services and one renderer connection, as
 * serve mode has them) and an agent (the SDK's Client spawning the built CLI) on the same MUXDECK_HOME,
 * real sshd and tmux. Needs `npx electron-vite build` first.
 */
describe('a running app and an agent on the same sessions', () => {
  let sshd: SshdHandle;
  let fake: FakeHome;
  let muxHome: string;
  let services: MuxdeckServices;
  let connection: RouterConnection;
  let agent: Client;
  const events: EventMessage[] = [];

  const call = async (channel: string, payload: unknown) => {
    const response = await connection.invoke(channel, payload);
    if (!response.ok) throw new Error(`${channel}: ${response.error.code}: ${response.error.message}`);
    return response.result;
  };
  const tool = async (name: string, args: Record<string, unknown> = {}): Promise<ToolResult> =>
    (await agent.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as ToolResult;
  /** The sessions as the page last heard of them, through sessions:changed only. */
  const announced = (): SessionInfo[] => {
    const last = events.filter((e) => e.event === 'sessions:changed').at(-1);
    return last?.event === 'sessions:changed' ? last.payload.sessions : [];
  };

  /** The approval prompts as the page last heard of them. */
  const prompts = (): PendingAgentApproval[] => {
    const last = events.filter((e) => e.event === 'agents:approvals').at(-1);
    return last?.event === 'agents:approvals' ? last.payload.pending : [];
  };
  const promptFor = (tool: string) =>
    waitFor(() => prompts().find((p) => p.tool === tool), {
      timeoutMs: 15_000,
      describe: `an approval prompt for ${tool}`,
    });

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [
        { alias: 'box', sshd },
        { alias: 'askme', sshd },
      ],
      knownHostsFile: fake.knownHostsFile,
    });
    muxHome = await makeTempDir('mx-agent-app-');
    services = await composeServices({
      home: muxHome,
      resourcesDir: RESOURCES,
      transport: 'serve',
      version: 'test',
      env: fake.env,
      logger: silent,
      spawner: await loadNodePtySpawner(),
    });
    connection = services.router.connect((message) => events.push(message));
    const env = Object.fromEntries(
      Object.entries({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    agent = new Client({ name: CLIENT_NAME, version: '1.0.0' });
    await agent.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--allow', 'box'],
        env,
        stderr: 'pipe',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await agent?.close();
    connection?.dispose();
    services?.dispose();
    if (muxHome) await killServer(services.paths.tmuxSocket).catch(() => undefined);
    await sshd?.stop();
    await fake?.cleanup();
    if (muxHome) await removeDir(muxHome);
  });

  it("shows the agent's session at once, with its client and what it is doing", async () => {
    const opened = await tool('open_session', { host: 'box', name: 'web-check' });
    expect(opened.isError, opened.content[0]?.text).toBeFalsy();
    const id = (opened.structuredContent?.session as { id: string }).id;

    // Nothing on the page's side asked: the listing came by itself.
    const seen = await waitFor(() => announced().find((s) => s.id === id), {
      timeoutMs: 10_000,
      describe: "the agent's session in a sessions:changed event",
    });
    expect(seen.agent?.client).toBe(CLIENT_NAME);

    const running = await tool('exec', { session: id, command: 'sleep 30', timeout_s: 0 });
    expect(running.structuredContent?.still_running).toBe(true);
    await waitFor(() => announced().find((s) => s.id === id)?.agent?.doing === 'exec `sleep 30`', {
      timeoutMs: 10_000,
      describe: 'the line "exec `sleep 30`" announced to the page',
    });
    await tool('send_keys', { session: id, keys: ['C-c'] });
    expect((await tool('read_output', { session: id, wait_s: 10 })).structuredContent?.still_running).toBe(
      false,
    );
    await waitFor(() => announced().find((s) => s.id === id)?.agent?.doing === undefined, {
      timeoutMs: 10_000,
      describe: 'the activity line gone once the command ended',
    });
  }, 90_000);

  it('lets the human share a session with agents, and take it back', async () => {
    const human = (await call('sessions:open', {
      hostId: 'ssh-config:box',
      cols: 80,
      rows: 24,
    })) as SessionInfo;
    const agentSees = async () =>
      (
        (await tool('list_sessions')).structuredContent?.sessions as Array<{ id: string; shared: boolean }>
      ).find((s) => s.id === human.id);
    expect(await agentSees()).toBeUndefined();
    expect((await tool('snapshot', { session: human.id })).isError).toBe(true);

    const shared = (await call('sessions:shareWithAgents', {
      sessionId: human.id,
      shared: true,
    })) as SessionInfo;
    expect(shared.sharedWithAgents).toBe(true);
    expect(await agentSees()).toMatchObject({ shared: true });
    expect((await tool('snapshot', { session: human.id })).isError).toBeFalsy();

    await call('sessions:shareWithAgents', { sessionId: human.id, shared: false });
    expect(await agentSees()).toBeUndefined();
    expect((await tool('snapshot', { session: human.id })).isError).toBe(true);
  }, 60_000);

  it('refuses to share what cannot be shared, and bad requests, changing nothing', async () => {
    const agentSession = announced().find((s) => s.agent);
    expect(agentSession).toBeDefined();
    await expect(
      call('sessions:shareWithAgents', { sessionId: agentSession?.id, shared: true }),
    ).rejects.toThrow(/agent’s own/);
    await expect(call('sessions:shareWithAgents', { sessionId: 'mx-nope', shared: true })).rejects.toThrow(
      /NOT_FOUND/,
    );
    await expect(
      call('sessions:shareWithAgents', { sessionId: agentSession?.id, shared: 'yes' }),
    ).rejects.toThrow(/INVALID_PAYLOAD/);
    expect((await call('sessions:list', {})) as SessionInfo[]).not.toContainEqual(
      expect.objectContaining({ sharedWithAgents: true }),
    );
  });

  it('asks the user in the running app where the policy says ask, and does only what they approved', async () => {
    const socket = await stat(services.paths.agentApprovalSocket);
    expect(socket.mode & 0o777).toBe(0o600);

    // open_session on a host nobody pre-approved: the prompt names client and host; nothing is open yet.
    const opening = tool('open_session', { host: 'askme', name: 'asked' });
    const openPrompt = await promptFor('open_session');
    expect(openPrompt).toMatchObject({ client: CLIENT_NAME, host: 'askme', hostId: 'ssh-config:askme' });
    expect(announced().some((s) => s.label === 'askme')).toBe(false);
    expect(await call('agents:answer', { id: openPrompt.id, answer: 'once' })).toEqual({ answered: true });
    const opened = await opening;
    expect(opened.isError, opened.content[0]?.text).toBeFalsy();
    const id = (opened.structuredContent?.session as { id: string }).id;
    expect(prompts()).toEqual([]);

    // "once" covered the opening only: the command is asked about, shown exactly, and a deny runs nothing.
    const denied = tool('exec', { session: id, command: 'touch /tmp/never-$((6*7))' });
    const execPrompt = await promptFor('exec');
    expect(execPrompt.command).toBe('touch /tmp/never-$((6*7))');
    await call('agents:answer', { id: execPrompt.id, answer: 'deny' });
    const refusal = await denied;
    expect(refusal.isError).toBe(true);
    expect(refusal.content[0]?.text).toMatch(/did not approve/);
    expect(existsSync('/tmp/never-42')).toBe(false);

    // "for this session": this command and the next ones in the session run without asking again.
    const approved = tool('exec', { session: id, command: 'echo approved-$((6*7))' });
    await call('agents:answer', { id: (await promptFor('exec')).id, answer: 'session' });
    expect((await approved).structuredContent).toMatchObject({ exit_code: 0, output: 'approved-42\n' });
    const again = await tool('exec', { session: id, command: 'echo again' });
    expect(again.structuredContent).toMatchObject({ exit_code: 0 });
    expect(prompts()).toEqual([]);

    // A prompt already answered cannot be answered again.
    expect(await call('agents:answer', { id: execPrompt.id, answer: 'once' })).toEqual({ answered: false });

    const logDir = join(muxHome, 'logs', 'agents');
    const lines = (await readFile(join(logDir, (await readdir(logDir))[0] ?? ''), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tool: string; host?: string; decision: string });
    const askme = lines.filter((l) => l.host === 'askme').map((l) => `${l.tool}: ${l.decision}`);
    expect(askme).toEqual([
      'open_session: approved by the user',
      'exec: denied by the user',
      'exec: approved by the user',
      'exec: approved by the user',
    ]);
  }, 120_000);

  it('applies Settings → Agents edited in the app to the running agent server at its next call', async () => {
    await call('settings:update', {
      patch: { agents: { default: 'ask', rules: [{ match: 'askme', decision: 'deny' }] } },
    });
    const denied = await tool('open_session', { host: 'askme' });
    expect(denied.isError).toBe(true);
    expect(denied.content[0]?.text).toMatch(/denied by Settings → Agents \(rule "askme"\)/);
    expect(prompts()).toEqual([]);

    await call('settings:update', {
      patch: { agents: { default: 'ask', rules: [{ match: 'askme', decision: 'allow' }] } },
    });
    const allowed = await tool('open_session', { host: 'askme' });
    expect(allowed.isError, allowed.content[0]?.text).toBeFalsy();
    expect(prompts()).toEqual([]);
    await call('settings:update', { patch: { agents: { default: 'ask', rules: [] } } });
  }, 60_000);

  it('withdraws the prompt when the agent goes away before the user answers', async () => {
    const opening = tool('open_session', { host: 'askme' });
    await promptFor('open_session');
    await agent.close();
    await waitFor(() => prompts().length === 0, { timeoutMs: 10_000, describe: 'the prompt withdrawn' });
    await opening.catch(() => undefined);
  }, 60_000);
});
