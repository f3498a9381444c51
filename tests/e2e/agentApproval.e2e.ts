import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import {
  makeFakeHome,
  startSshd,
  writeSshClientConfig,
  type FakeHome,
  type SshdHandle,
} from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';

/**
 * Issue 14, end to end in serve mode: an agent (the MCP SDK's Client spawning `muxdeck mcp` on the same
 * MUXDECK_HOME) opens a session on a host whose policy is "ask"; the page shows the approval prompt;
 * approving opens a tab with the agent's badge, and the human sees the agent's command run in the pane.
 */

const HOST = 'agent-box';
const CLIENT_NAME = 'e2e-agent';
const BIN = resolve(__dirname, '../../bin/muxdeck.mjs');

let sshd: SshdHandle;
let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess | undefined;
let agent: Client | undefined;

const env = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );

test.beforeAll(async () => {
  sshd = await startSshd();
  fake = await makeFakeHome();
  await writeSshClientConfig({
    file: fake.configFile,
    hosts: [{ alias: HOST, sshd }],
    knownHostsFile: fake.knownHostsFile,
  });
  muxHome = await makeTempDir('mx-e2e-agent-');
});

test.afterAll(async () => {
  await agent?.close();
  await serve?.stop();
  await killServer(join(muxHome, 'tmux.sock')).catch(() => undefined);
  await sshd?.stop();
  await fake?.cleanup();
  await removeDir(muxHome);
});

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

test("an agent's open_session asks in the page; approved, its tab shows the badge and its command", async ({
  page,
}) => {
  serve = await startServe(env());
  await page.goto(serve.url);
  await expect(page.getByRole('tree', { name: 'Hosts' }).getByRole('treeitem', { name: HOST })).toBeVisible();

  agent = new Client({ name: CLIENT_NAME, version: '1.0.0' });
  await agent.connect(
    new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], env: env(), stderr: 'pipe' }),
  );
  const call = async (name: string, args: Record<string, unknown>) =>
    (await agent?.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as ToolResult;

  // The default policy is "ask": the call waits for the human.
  const opening = call('open_session', { host: HOST, name: 'nginx-check' });
  const prompt = page.getByRole('dialog', { name: `Allow ${CLIENT_NAME} on ${HOST}?` });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText(`The agent ${CLIENT_NAME} wants to open a session on ${HOST}`);
  await expect(page.getByRole('tab', { name: HOST })).toHaveCount(0);
  await prompt.getByRole('button', { name: 'Approve for this session' }).click();
  await expect(prompt).toHaveCount(0);

  const opened = await opening;
  expect(opened.isError, opened.content[0]?.text).toBeFalsy();
  const tab = page.getByRole('tab', { name: HOST });
  await expect(tab).toBeVisible();
  await expect(tab.getByTestId('agent-badge')).toHaveText(CLIENT_NAME);
  await expect(tab).toHaveAttribute('aria-description', new RegExp(`opened by agent ${CLIENT_NAME}`));

  // Approved for the session: the command runs without another prompt, and the human sees it.
  const session = (opened.structuredContent?.session as { id: string }).id;
  const ran = await call('exec', { session, command: 'echo agent-$((6*7))' });
  expect(ran.structuredContent).toMatchObject({ exit_code: 0, output: 'agent-42\n' });
  await tab.click();
  const terminal = page.getByRole('region', { name: `Terminal ${HOST}` });
  await expect(terminal.locator('.xterm-rows')).toContainText('agent-42');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A long command: the pane's header says what the agent is doing while it runs.
  const long = await call('exec', { session, command: 'sleep 30', timeout_s: 0 });
  expect(long.structuredContent?.still_running).toBe(true);
  await expect(page.locator('.pane-agent-doing')).toHaveText('agent: exec `sleep 30`');
});

test('the human shares a tab with agents from its menu, and Settings → Agents keeps a host from them', async ({
  page,
}) => {
  // The first test starts serve and the agent (serial file): without them this one fails, never skips.
  if (!serve || !agent) throw new Error('the first test of this file did not start serve and the agent');
  await page.goto(serve?.url ?? '');
  const call = async (name: string, args: Record<string, unknown>) =>
    (await agent?.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as ToolResult;
  const agentSees = async (id: string) =>
    ((await call('list_sessions', {})).structuredContent?.sessions as Array<{ id: string }>).some(
      (s) => s.id === id,
    );

  // A session of the human's: the agent does not see it until the tab is shared, and not after unsharing.
  await page.getByRole('tree', { name: 'Hosts' }).getByRole('treeitem', { name: HOST }).dblclick();
  const tabs = page.getByRole('tab', { name: HOST });
  await expect(tabs).toHaveCount(2);
  const human = tabs.filter({ hasNot: page.getByTestId('agent-badge') });
  const before = (await call('list_sessions', {})).structuredContent?.sessions as Array<{ id: string }>;
  expect(before).toHaveLength(1);
  await human.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Share with agents' }).click();
  await expect(human).toHaveAttribute('aria-description', /shared with agents/);
  const shared = (await call('list_sessions', {})).structuredContent?.sessions as Array<{
    id: string;
    shared: boolean;
  }>;
  expect(shared.filter((s) => s.shared)).toHaveLength(1);
  const sharedId = shared.find((s) => s.shared)?.id ?? '';
  await human.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Stop sharing with agents' }).click();
  await expect(human).not.toHaveAttribute('aria-description', /shared with agents/);
  expect(await agentSees(sharedId)).toBe(false);

  // Settings → Agents: a deny rule for the host, typed in the page, applies to the agent's next call.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Add rule' }).click();
  await settings.getByRole('textbox', { name: 'Rule 1 hosts' }).fill(HOST);
  await settings.getByRole('combobox', { name: 'Rule 1 decision' }).selectOption('deny');
  await settings.getByRole('button', { name: 'Done' }).click();
  // Saved once on disk (what the agent's server reads), never a prompt: the next call is refused at once.
  await expect
    .poll(async () => {
      const stored = JSON.parse(await readFile(join(muxHome, 'store.json'), 'utf8')) as {
        settings?: { agents?: { rules?: Array<{ match: string; decision: string }> } };
      };
      return stored.settings?.agents?.rules;
    })
    .toEqual([{ match: HOST, decision: 'deny' }]);
  const refused = await call('open_session', { host: HOST });
  expect(refused.isError).toBe(true);
  expect(refused.content[0]?.text).toMatch(/denied by Settings → Agents/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
