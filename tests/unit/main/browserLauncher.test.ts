import { describe, expect, it } from 'vitest';
import {
  HANDOVER_PAGE_LIFETIME_MS,
  handoverPage,
  openInBrowser,
  openerCommand,
  type BrowserLauncherDeps,
} from '../../../src-main/cli/browserLauncher';

const URL_WITH_TOKEN = 'http://127.0.0.1:41234/#token=s3cr3t&x="<y>';

function machine(opens: boolean) {
  const files = new Map<string, string>();
  const runs: Array<[string, readonly string[]]> = [];
  const timers: Array<[number, () => void]> = [];
  const deps: BrowserLauncherDeps = {
    platform: 'linux',
    privateDir: '/home/ada/.muxdeck/open',
    writePrivateFile: async (path, content) => void files.set(path, content),
    removeFile: async (path) => void files.delete(path),
    run: async (file, args) => {
      runs.push([file, args]);
      return opens;
    },
    later: (ms, callback) => void timers.push([ms, callback]),
  };
  return { deps, files, runs, timers };
}

describe('opening the serve URL in a browser', () => {
  it('never puts the token on a command line: the browser gets a private page that redirects, removed soon after', async () => {
    const { deps, files, runs, timers } = machine(true);
    expect(await openInBrowser(URL_WITH_TOKEN, deps)).toBe(true);
    expect(runs).toHaveLength(1);
    const [file, args] = runs[0]!;
    expect(file).toBe('xdg-open');
    expect(args.join(' ')).not.toContain('s3cr3t');
    expect(args[0]).toMatch(/^file:\/\/\/home\/ada\/\.muxdeck\/open\/open-[0-9a-f]{16}\.html$/);
    const page = [...files.values()][0] ?? '';
    expect(page).toContain('content="0;url=http://127.0.0.1:41234/#token=s3cr3t&amp;x=&quot;&lt;y>"');
    expect(timers.map(([ms]) => ms)).toEqual([HANDOVER_PAGE_LIFETIME_MS]);
    timers[0]![1]();
    await Promise.resolve();
    expect(files.size).toBe(0);
  });

  it('says when no browser could be opened, and leaves no page behind', async () => {
    const { deps, files } = machine(false);
    expect(await openInBrowser(URL_WITH_TOKEN, deps)).toBe(false);
    expect(files.size).toBe(0);
  });

  it("uses each platform's opener", () => {
    expect(openerCommand('darwin', 'file:///p')).toEqual(['open', ['file:///p']]);
    expect(openerCommand('win32', 'file:///p')).toEqual([
      'rundll32',
      ['url.dll,FileProtocolHandler', 'file:///p'],
    ]);
    expect(openerCommand('linux', 'file:///p')).toEqual(['xdg-open', ['file:///p']]);
    expect(handoverPage('http://a/?b=1&c=2')).toContain('href="http://a/?b=1&amp;c=2"');
  });
});
