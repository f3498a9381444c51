import { describe, expect, it } from 'vitest';
import {
  extraOptionWarnings,
  settingsFormFrom,
  settingsFromForm,
  validateSettings,
} from '../../../../src-renderer/src/stores/tree/settingsForm.logic';

describe('extra ssh options in the host and folder form', () => {
  it('round-trips through the host form, with inline validation', () => {
    const values = settingsFormFrom({ extraOptions: { ServerAliveInterval: '15' } });
    expect(values.extraOptions).toBe('ServerAliveInterval 15');
    expect(settingsFromForm(values)).toEqual({ extraOptions: { ServerAliveInterval: '15' } });
    expect(validateSettings({ ...values, extraOptions: 'StrictHostKeyChecking no' }).extraOptions).toMatch(
      /line 1: .*never turns host-key checking off/,
    );
    expect(settingsFromForm({ ...values, extraOptions: '' })).toEqual({});
  });
});

describe('the host form points out what extra options hand over', () => {
  it('flags agent and X11 forwarding and forwards beyond loopback, not ordinary options', () => {
    const typed = [
      'ForwardAgent yes',
      'ForwardX11Trusted yes',
      'LocalForward 0.0.0.0:8080 localhost:80',
      'DynamicForward 1080',
      'RemoteForward 9000 localhost:22',
      'ServerAliveInterval 30',
    ].join('\n');
    expect(extraOptionWarnings({ extraOptions: typed })).toEqual([
      expect.stringMatching(/^ForwardAgent yes: root on the remote host can use your ssh keys/),
      expect.stringMatching(/^ForwardX11Trusted yes: .*full access to your display/),
      'LocalForward 0.0.0.0:8080 localhost:80: listens beyond loopback; Muxdeck asks you to confirm it',
    ]);
    expect(extraOptionWarnings({ extraOptions: 'ForwardAgent no\nForwardX11 no' })).toEqual([]);
    // Text that does not parse shows its error instead.
    expect(extraOptionWarnings({ extraOptions: 'ForwardAgent perhaps' })).toEqual([]);
  });
});
