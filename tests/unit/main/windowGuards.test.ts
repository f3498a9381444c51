import { beforeEach, describe, expect, it } from 'vitest';
import { applySessionPolicy, guardWebContents } from '../../../src-main/app/windowGuards';
import { RENDERER_CSP, trustedFrameUrlChecker } from '../../../src-main/app/windowSecurity';
import { FakeSession, FakeWebContents } from '../../fakes/fakeElectron';

const page = 'file:///opt/Muxdeck/resources/app.asar/out/renderer/index.html';
const isTrustedFrameUrl = trustedFrameUrlChecker({ rendererFileUrl: page });

describe('every web contents stays on Muxdeck’s page', () => {
  let contents: FakeWebContents;
  let opened: string[];

  beforeEach(() => {
    contents = new FakeWebContents(page);
    opened = [];
    guardWebContents(contents, async (url) => {
      opened.push(url);
    });
  });

  it('refuses every navigation, to a web page, a file or its own page again', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', page, 'javascript:alert(1)']) {
      expect(contents.tryNavigate(url), url).toBe(true);
    }
    expect(contents.getURL()).toBe(page);
  });

  it('refuses a <webview>', () => {
    expect(contents.tryAttachWebview()).toBe(true);
  });

  it('opens no window; web links go to the system browser, anything else nowhere', () => {
    for (const url of [
      'https://example.com/docs',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'vscode://file/etc/passwd',
      'not a url',
      '',
    ]) {
      expect(contents.tryOpenWindow(url), url).toBe('deny');
    }
    expect(opened).toEqual(['https://example.com/docs', 'http://127.0.0.1:8080/']);
  });
});

describe("the session's permission handlers and CSP", () => {
  let session: FakeSession;

  beforeEach(() => {
    session = new FakeSession();
    applySessionPolicy(session, isTrustedFrameUrl);
  });

  it("grants copy and paste to Muxdeck's main frame, by request and by check", () => {
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write']) {
      expect(session.request(permission, { requestingUrl: page, isMainFrame: true }), permission).toBe(true);
      expect(session.check(permission, { requestingUrl: page, isMainFrame: true }), permission).toBe(true);
    }
  });

  it('refuses everything else, to every page and frame, by request and by check alike', () => {
    const askers = [
      { requestingUrl: page, isMainFrame: true },
      { requestingUrl: page, isMainFrame: false },
      { requestingUrl: 'https://evil.example/', isMainFrame: true },
      { requestingUrl: `${page}?x=1`, isMainFrame: true },
    ];
    for (const permission of [
      'media',
      'notifications',
      'openExternal',
      'hid',
      'fullscreen',
      'clipboard-read',
    ]) {
      for (const asker of askers) {
        if (permission === 'clipboard-read' && asker === askers[0]) continue;
        const label = `${permission} from ${asker.requestingUrl} (main frame: ${asker.isMainFrame})`;
        expect(session.request(permission, asker), label).toBe(false);
        expect(session.check(permission, asker), label).toBe(false);
      }
    }
  });

  it('judges a check without a requesting URL by the web contents, and refuses one with neither', () => {
    const own = new FakeWebContents(page);
    const other = new FakeWebContents('https://evil.example/');
    expect(session.check('clipboard-read', { isMainFrame: true }, own)).toBe(true);
    expect(session.check('clipboard-read', { isMainFrame: true }, other)).toBe(false);
    expect(session.check('clipboard-read', { isMainFrame: true }, null)).toBe(false);
  });

  it("puts the renderer's CSP on every response, over one the response brought", () => {
    const headers = session.respond({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src * 'unsafe-eval'"],
    });
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    expect(headers?.['Content-Security-Policy']).toEqual([RENDERER_CSP]);
    expect(RENDERER_CSP).toContain("script-src 'self';");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
  });
});

describe('the trusted-frame check', () => {
  it('trusts the built page and its #fragments only: no query, no other file, no look-alike', () => {
    expect(isTrustedFrameUrl(page)).toBe(true);
    expect(isTrustedFrameUrl(`${page}#/tab/1`)).toBe(true);
    for (const url of [
      `${page}?x=1`,
      `${page}.evil.html`,
      'file:///opt/Muxdeck/resources/app.asar/out/renderer/other.html',
      'file:///tmp/index.html',
      'https://evil.example/',
      'about:blank',
      '',
    ]) {
      expect(isTrustedFrameUrl(url), url).toBe(false);
    }
  });

  it("trusts the dev server's origin only when one is given, and nothing that does not parse", () => {
    const dev = trustedFrameUrlChecker({ rendererFileUrl: page, devServerUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://localhost.evil.example:5173/')).toBe(false);
    expect(dev('not a url')).toBe(false);
    expect(isTrustedFrameUrl('http://localhost:5173/')).toBe(false);
  });
});
