import { describe, expect, it } from 'vitest';
import { DEFAULT_SIDEBAR } from '../../../src-preload/api';
import { StoredSettings } from '../../../src-main/store/storeSchema';

describe('the sidebar in the stored settings', () => {
  it('is read back from a store written before it existed, and a bad one costs only the sidebar', () => {
    expect(StoredSettings.parse({}).sidebar).toEqual(DEFAULT_SIDEBAR);
    expect(StoredSettings.parse({ sidebar: { width: 400, hidden: true } }).sidebar).toEqual({
      width: 400,
      hidden: true,
    });
    const bad = StoredSettings.parse({ recentLimit: 7, sidebar: { width: 99_999, hidden: 'no' } });
    expect(bad.sidebar).toEqual(DEFAULT_SIDEBAR);
    expect(bad.recentLimit).toBe(7);
  });
});
