/**
 * Idle cost: N sessions (default 50) open and attached, nobody typing, nothing printing. Each session is a
 * tmux session running ssh to one loopback sshd (N aliases of it, one shared ssh connection, as 50 names of
 * one machine would be), all shown as one tiled group so every terminal is attached. Measures the CPU the
 * serve process tree, the tmux server (with its ssh clients) and the page's main thread use over a window
 * (default 30 s). Any per-session polling shows up here as CPU that grows with N.
 */
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, startSshd, writeSshClientConfig } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer, tmuxOk } from '../helpers/tmux';
import { rendererTaskSeconds, treeCpuSeconds } from './benchSampling';

export interface IdleResult {
  sessions: number;
  what: string;
  openSeconds: number;
  settleSeconds: number;
  windowSeconds: number;
  serveTreeCpuSeconds: number;
  serveTreeCpuPercent: number;
  tmuxServerTreeCpuSeconds: number;
  tmuxServerTreeCpuPercent: number;
  rendererMainThreadSeconds: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Every pane of the shown tab connected and showing its prompt. Runs in the page, hence globalThis. */
function allPanesReady(panes: number): boolean {
  const doc = (
    globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
    }
  ).document;
  const connected = doc.querySelectorAll('.pane:not([hidden]) .pane-header[data-status="connected"]').length;
  const rows = Array.from(doc.querySelectorAll('.pane:not([hidden]) .xterm-rows'));
  return (
    connected === panes &&
    rows.length === panes &&
    rows.every((row) => /[$#]\s*$/m.test(row.textContent ?? ''))
  );
}

async function openGroup(page: Page, sessions: number): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search hosts' }).fill('idle-');
  const tree = page.getByRole('tree', { name: 'Hosts' });
  await tree.getByRole('treeitem', { name: 'idle-01', exact: true }).first().click();
  await page.keyboard.press('a');
  await page.getByText(`${sessions} selected`).waitFor();
  await page.keyboard.press('Shift+Enter');
  if (sessions > 8) await page.getByRole('button', { name: `Open ${sessions} sessions` }).click();
  await page.waitForFunction(allPanesReady, sessions, { timeout: 300_000, polling: 500 });
}

export async function measureIdleSessions(
  browser: Browser,
  options: { sessions: number; windowSeconds: number; settleSeconds: number },
): Promise<IdleResult> {
  const { sessions, windowSeconds, settleSeconds } = options;
  const sshd = await startSshd({ extraConfig: ['MaxSessions 1000', 'MaxStartups 1000'] });
  const fake = await makeFakeHome();
  const home = await makeTempDir('mx-bench-idle-');
  const tmuxSocket = join(home, 'tmux.sock');
  const names = Array.from({ length: sessions }, (_, i) => `idle-${String(i + 1).padStart(2, '0')}`);
  let serve: ServeProcess | undefined;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    await writeSshClientConfig({
      file: fake.configFile,
      hosts: names.map((alias) => ({ alias, sshd })),
      knownHostsFile: fake.knownHostsFile,
    });
    serve = await startServe({ ...fake.env, MUXDECK_HOME: home, MUXDECK_LOG: 'quiet' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(serve.url);
    const openStart = performance.now();
    await openGroup(page, sessions);
    const openSeconds = (performance.now() - openStart) / 1000;
    // Logins, prompts and the first layout save are done before the window opens; a bench may wait.
    await new Promise((done) => setTimeout(done, settleSeconds * 1000));
    const tmuxPid = Number((await tmuxOk(tmuxSocket, ['display-message', '-p', '#{pid}'])).trim());
    const before = await Promise.all([
      treeCpuSeconds(serve.pid),
      treeCpuSeconds(tmuxPid),
      rendererTaskSeconds(cdp),
    ]);
    const started = performance.now();
    await new Promise((done) => setTimeout(done, windowSeconds * 1000));
    const after = await Promise.all([
      treeCpuSeconds(serve.pid),
      treeCpuSeconds(tmuxPid),
      rendererTaskSeconds(cdp),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const used = after.map((value, index) => value - (before[index] ?? 0));
    return {
      sessions,
      what: 'tmux sessions each running ssh to one loopback sshd (aliases of it), tiled in one tab, all attached, idle at the prompt',
      openSeconds: round2(openSeconds),
      settleSeconds,
      windowSeconds: round2(elapsed),
      serveTreeCpuSeconds: round2(used[0] ?? NaN),
      serveTreeCpuPercent: round2(((used[0] ?? NaN) / elapsed) * 100),
      tmuxServerTreeCpuSeconds: round2(used[1] ?? NaN),
      tmuxServerTreeCpuPercent: round2(((used[1] ?? NaN) / elapsed) * 100),
      rendererMainThreadSeconds: round2(used[2] ?? NaN),
    };
  } finally {
    await context.close();
    await serve?.stop();
    await killServer(tmuxSocket).catch(() => undefined);
    await sshd.stop();
    await fake.cleanup();
    await removeDir(home);
  }
}
