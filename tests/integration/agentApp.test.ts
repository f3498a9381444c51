import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, SessionInfo } from '../../src-preload/api';
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

  beforeAll(async () => {
    sshd = await startSshd();
    fake = await makeFakeHome();
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: [{ alias: 'box', sshd }],
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
});
