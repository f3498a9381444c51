import { describe, expect, it } from 'vitest';
import {
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
