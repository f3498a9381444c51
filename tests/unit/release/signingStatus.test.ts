import { describe, expect, it, vi } from 'vitest';
import afterSign from '../../../scripts/release/afterSign.mjs';
import { signingStatus } from '../../../scripts/release/signingStatus.mjs';

describe('signing and notarization, driven by environment variables', () => {
  it('says plainly that a build without certificates is unsigned, per platform', () => {
    expect(signingStatus('darwin', {})).toEqual({
      signed: false,
      line: expect.stringMatching(/^macOS: UNSIGNED build \(set CSC_LINK and CSC_KEY_PASSWORD/),
    });
    expect(signingStatus('win32', {})).toEqual({
      signed: false,
      line: expect.stringMatching(/^Windows: UNSIGNED build \(set WIN_CSC_LINK/),
    });
    expect(signingStatus('linux', {}).line).toMatch(/not signed/);
  });

  it('names the certificate and the notarization credentials it will use', () => {
    const certificate = { CSC_LINK: 'base64...', CSC_KEY_PASSWORD: 'p' };
    expect(
      signingStatus('darwin', {
        ...certificate,
        APPLE_API_KEY: '/k.p8',
        APPLE_API_KEY_ID: 'ID',
        APPLE_API_ISSUER: 'issuer',
      }),
    ).toEqual({
      signed: true,
      line: 'macOS: signed with CSC_LINK, notarized with the App Store Connect API key',
    });
    expect(signingStatus('darwin', certificate).line).toMatch(/NOT notarized/);
    // Half a set of credentials notarizes nothing.
    expect(signingStatus('darwin', { ...certificate, APPLE_ID: 'me@example.com' }).line).toMatch(
      /NOT notarized/,
    );
    expect(signingStatus('win32', { WIN_CSC_LINK: 'x' })).toEqual({
      signed: true,
      line: 'Windows: signed with WIN_CSC_LINK',
    });
  });

  it('the afterSign hook prints exactly one line and never a secret', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.stubEnv('CSC_LINK', 'SECRET-CERTIFICATE-DATA');
    vi.stubEnv('CSC_KEY_PASSWORD', 'SECRET-PASSWORD');
    try {
      afterSign({ electronPlatformName: 'darwin' });
      expect(log).toHaveBeenCalledTimes(1);
      const line = String(log.mock.calls[0]?.[0]);
      expect(line).toMatch(/muxdeck signing {2}macOS: signed with CSC_LINK/);
      expect(line).not.toMatch(/SECRET/);
    } finally {
      vi.unstubAllEnvs();
      log.mockRestore();
    }
  });
});
