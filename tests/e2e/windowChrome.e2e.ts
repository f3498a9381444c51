import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  openHostTab,
  startMuxdeck,
  startSshWorld,
  terminalRows,
  type Muxdeck,
  type SshWorld,
} from './terminalPage';

const HOST = 'chrome-box';
/** Set to write docs/screenshots/main-{light,dark}.png (the README shows one); otherwise they go to test-results. */
const UPDATE_DOCS = process.env.MUXDECK_UPDATE_SCREENSHOTS === '1';

let world: SshWorld;
let mux: Muxdeck;

test.beforeAll(async () => {
  world = await startSshWorld(HOST);
});

test.afterAll(async () => {
  await world?.stop();
});

test.beforeEach(async ({ page }) => {
  mux = await startMuxdeck(world);
  await page.goto(mux.serve.url);
});

test.afterEach(async () => {
  await mux?.stop();
});

interface BrowserNode {
  parentElement: BrowserNode | null;
}
interface BrowserGlobals {
  getComputedStyle(node: BrowserNode): { backgroundColor: string };
}

/**
 * Relative luminance (0 black .. 1 white) of the colour a user sees behind an element: its own background,
 * or the first ancestor's that is not transparent.
 */
async function backgroundLuminance(element: Locator): Promise<number> {
  const color = await element.evaluate((el: BrowserNode) => {
    // The browser's own: the tests compile against Node's library, not the DOM's.
    const styleOf = (globalThis as unknown as BrowserGlobals).getComputedStyle;
    for (let node: BrowserNode | null = el; node; node = node.parentElement) {
      const background = styleOf(node).backgroundColor;
      if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent') return background;
    }
    return 'none';
  });
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not a colour: ${color}`);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

const isDark = (element: Locator) => expect.poll(() => backgroundLuminance(element)).toBeLessThan(0.25);
const isLight = (element: Locator) => expect.poll(() => backgroundLuminance(element)).toBeGreaterThan(0.85);

async function chooseTheme(page: Page, theme: 'Follow the OS' | 'Dark' | 'Light'): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Theme', { exact: true }).selectOption({ label: theme });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

function sidebar(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Host navigation' });
}

async function widthOf(element: Locator): Promise<number> {
  return (await element.boundingBox())?.width ?? 0;
}

test('the Theme setting colours the whole window: top bar, tree, tabs and terminal', async ({
  page,
}, testInfo) => {
  const terminal = await openHostTab(page, HOST);
  const topBar = page.getByRole('banner');
  const tabs = page.getByRole('tablist').first();

  // "Follow the OS" follows the browser's colour scheme.
  await page.emulateMedia({ colorScheme: 'light' });
  await isLight(topBar);
  await page.emulateMedia({ colorScheme: 'dark' });
  await isDark(topBar);

  // A fixed choice wins over the OS, for the chrome as for the terminal.
  await page.emulateMedia({ colorScheme: 'light' });
  await chooseTheme(page, 'Dark');
  for (const part of [topBar, sidebar(page), tabs, terminal]) await isDark(part);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(terminalRows(terminal)).toContainText(/[$#]\s*$/m);
  await page.mouse.move(0, 0);
  const shot = (name: string) =>
    UPDATE_DOCS ? join(__dirname, '..', '..', 'docs', 'screenshots', name) : testInfo.outputPath(name);
  await mkdir(dirname(shot('main-dark.png')), { recursive: true });
  await page.screenshot({ path: shot('main-dark.png') });

  await page.emulateMedia({ colorScheme: 'dark' });
  await chooseTheme(page, 'Light');
  for (const part of [topBar, sidebar(page), tabs, terminal]) await isLight(part);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('main-light.png') });

  // Kept in the settings: a reload opens light although the OS says dark.
  await page.reload();
  await isLight(page.getByRole('banner'));
});

test('the sidebar is resized by dragging its edge or with the keyboard, and the width survives a reload', async ({
  page,
}) => {
  const splitter = page.getByRole('separator', { name: 'Resize host navigation' });
  await expect(sidebar(page)).toBeVisible();
  const before = await widthOf(sidebar(page));
  expect(before).toBeGreaterThan(200);

  const box = await splitter.boundingBox();
  if (!box) throw new Error('the splitter is not shown');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 80, y, { steps: 4 });
  await page.mouse.move(x + 150, y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => widthOf(sidebar(page))).toBeCloseTo(before + 150, -1);
  const dragged = Number(await splitter.getAttribute('aria-valuenow'));
  expect(dragged).toBeCloseTo(before + 150, -1);

  // Keyboard: the splitter is focusable and the arrow keys move it by 16 px.
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(dragged - 16));
  await expect.poll(() => widthOf(sidebar(page))).toBeCloseTo(dragged - 16, 0);

  // Dragging far beyond the window stops where the terminals still have room.
  const wide = await splitter.boundingBox();
  if (!wide) throw new Error('the splitter is not shown');
  await page.mouse.move(wide.x + 3, y);
  await page.mouse.down();
  await page.mouse.move(5000, y, { steps: 4 });
  await page.mouse.up();
  await expect(splitter).toHaveAttribute('aria-valuenow', '640');
  await splitter.focus();
  await page.keyboard.press('Home');
  await expect(splitter).toHaveAttribute('aria-valuenow', '180');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(640 - 64));

  await page.reload();
  await expect.poll(() => widthOf(sidebar(page))).toBeCloseTo(640 - 64, 0);
  await expect(page.getByRole('separator', { name: 'Resize host navigation' })).toHaveAttribute(
    'aria-valuenow',
    String(640 - 64),
  );
});

test('Ctrl+B hides and shows the sidebar, remembered across a reload, and stays with the shell in a terminal', async ({
  page,
}) => {
  const terminal = await openHostTab(page, HOST);
  const topBar = page.getByRole('banner');
  const width = await widthOf(sidebar(page));

  // In a terminal Ctrl+B is tmux's prefix and readline's backward-char: the sidebar stays.
  await terminal.click();
  await page.keyboard.press('Control+b');
  await expect(sidebar(page)).toBeVisible();

  await topBar.getByRole('searchbox', { name: 'Search hosts' }).focus();
  await page.keyboard.press('Control+b');
  await expect(sidebar(page)).toBeHidden();
  await expect(page.getByRole('separator', { name: 'Resize host navigation' })).toBeHidden();
  // The terminals take the room.
  await expect.poll(() => widthOf(terminal)).toBeGreaterThan(1280 - 40);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Show host navigation' })).toBeVisible();
  await expect(sidebar(page)).toBeHidden();

  // After a reload the terminal has focus again (and keeps Ctrl+B); from the search box it toggles.
  await topBar.getByRole('searchbox', { name: 'Search hosts' }).focus();
  await page.keyboard.press('Control+b');
  await expect(sidebar(page)).toBeVisible();
  await expect.poll(() => widthOf(sidebar(page))).toBeCloseTo(width, 0);

  // The button does the same for the mouse.
  await page.getByRole('button', { name: 'Hide host navigation' }).click();
  await expect(sidebar(page)).toBeHidden();
  await page.getByRole('button', { name: 'Show host navigation' }).click();
  await expect(sidebar(page)).toBeVisible();
});
