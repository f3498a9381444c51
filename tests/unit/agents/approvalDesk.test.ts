import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_APPROVAL_TIMEOUT_MS, type AgentApprovalRequest } from '../../../src-preload/api';
import { ApprovalDesk } from '../../../src-main/agents/approvalDesk';
import { askRunningApp, startApprovalServer } from '../../../src-main/agents/approvalSocket';
import { manualClock } from '../../fakes/manualClock';

const request: AgentApprovalRequest = {
  client: 'claude-code',
  tool: 'exec',
  hostId: 'ssh-config:web1',
  host: 'web1',
  command: 'systemctl restart nginx',
  session: 'mx-1',
};

describe('the approval desk (the running app asks the user)', () => {
  it('settles with the user’s answer, once, and the prompt goes from every window', async () => {
    const { clock } = manualClock();
    const desk = new ApprovalDesk({ clock });
    const seen: number[] = [];
    desk.onDidChange((pending) => seen.push(pending.length));
    const answer = desk.ask(request);
    const [pending] = desk.pending();
    expect(pending).toMatchObject({ ...request, expiresAt: AGENT_APPROVAL_TIMEOUT_MS });
    expect(desk.answer(pending?.id ?? '', 'session')).toBe(true);
    expect(desk.answer(pending?.id ?? '', 'once')).toBe(false);
    await expect(answer).resolves.toBe('session');
    expect(seen).toEqual([1, 0]);
  });

  it('denies when nobody answers in 2 minutes, and when the agent goes away', async () => {
    const manual = manualClock();
    const desk = new ApprovalDesk({ clock: manual.clock });
    const unanswered = desk.ask(request);
    manual.advance(AGENT_APPROVAL_TIMEOUT_MS - 1);
    expect(desk.pending()).toHaveLength(1);
    manual.advance(1);
    await expect(unanswered).resolves.toBe('deny');
    expect(desk.pending()).toHaveLength(0);

    const gone = new AbortController();
    const abandoned = desk.ask(request, gone.signal);
    gone.abort();
    await expect(abandoned).resolves.toBe('deny');
    expect(desk.pending()).toHaveLength(0);
    expect(manual.pendingTimers).toBe(0);
  });
});

describe('the approval socket between muxdeck mcp and the app', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('carries the request to the desk and the answer back; the socket is private', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mx-approve-'));
    const socketPath = join(dir, 'agents.sock');
    const desk = new ApprovalDesk({ clock: manualClock().clock });
    desk.onDidChange((pending) => {
      if (pending[0]) desk.answer(pending[0].id, 'once');
    });
    const server = await startApprovalServer({ socketPath, desk });
    try {
      expect(await askRunningApp(socketPath, request)).toBe('once');
      // Anything but a valid request is denied, and nothing reaches the user.
      const hostile = { ...request, command: 'x'.repeat(40_000) };
      expect(await askRunningApp(socketPath, hostile)).toBe('deny');
    } finally {
      server.close();
    }
  });

  it('finds no app without a socket, a stale one, or one others could reach', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mx-approve-'));
    const socketPath = join(dir, 'agents.sock');
    expect(await askRunningApp(socketPath, request)).toBe('no-app');

    const listener = createServer((socket) => socket.end('{"answer":"once"}\n'));
    await new Promise<void>((resolve) => listener.listen(socketPath, resolve));
    chmodSync(socketPath, 0o666);
    expect(await askRunningApp(socketPath, request)).toBe('no-app');
    chmodSync(socketPath, 0o600);
    expect(await askRunningApp(socketPath, request)).toBe('once');
    listener.close();
  });
});
