import { describe, expect, it } from 'vitest';
import { permissionAllowed, trustedFrameUrlChecker } from '../../../src-main/app/windowSecurity';

const page = 'file:///opt/Muxdeck/resources/app.asar/out/renderer/index.html';
const trusted = trustedFrameUrlChecker({ rendererFileUrl: page });
const ask = (permission: string, url: string | null = page, isMainFrame = true) =>
  permissionAllowed({ permission, url: url ?? undefined, isMainFrame }, trusted);

describe("Electron's permission policy (requests and checks alike)", () => {
  it("gives Muxdeck's page copy and paste only", () => {
    expect(ask('clipboard-sanitized-write')).toBe(true);
    expect(ask('clipboard-read')).toBe(true);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'usb',
      'serial',
      'fullscreen',
      'openExternal',
      'pointerLock',
      'display-capture',
      'window-management',
      'fileSystem',
      'deprecated-sync-clipboard-read',
      'unknown',
    ]) {
      expect(ask(permission), permission).toBe(false);
    }
  });

  it('gives nothing to a sub-frame, another page or a request without a URL', () => {
    expect(ask('clipboard-read', page, false)).toBe(false);
    expect(ask('clipboard-read', 'https://evil.example/')).toBe(false);
    expect(ask('clipboard-read', 'file:///tmp/evil.html')).toBe(false);
    expect(ask('clipboard-read', `${page}?x=1`)).toBe(false);
    expect(ask('clipboard-read', null)).toBe(false);
  });
});
