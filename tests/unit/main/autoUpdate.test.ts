import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  UPDATE_SCHEDULE,
  autoUpdateDecision,
  scheduleUpdateChecks,
  type UpdateDecision,
  type UpdateFacts,
} from '../../../src-main/app/autoUpdate';
import { StoreData, emptyStore } from '../../../src-main/store/storeSchema';

const facts = (over: Partial<UpdateFacts> = {}): UpdateFacts => ({
  setting: true,
  isPackaged: true,
  platform: 'darwin',
  env: {},
  execPath: '/Applications/Muxdeck.app/Contents/MacOS/Muxdeck',
  productName: 'Muxdeck',
  fileExists: () => false,
  ...over,
});

describe('whether Muxdeck updates itself', () => {
  it('is on by default for a packaged macOS app, including for stores written before the setting existed', () => {
    expect(emptyStore().settings.autoUpdate).toBe(true);
    const older = { ...emptyStore(), settings: { recentLimit: 20 } };
    expect(StoreData.parse(older).settings.autoUpdate).toBe(true);
    expect(autoUpdateDecision(facts())).toEqual({ enabled: true });
  });

  it('is off when the user turned it off, in a dev build, and when an admin disables it', () => {
    expect(autoUpdateDecision(facts({ setting: false }))).toEqual({
      enabled: false,
      reason: 'turned off in settings',
    });
    expect(autoUpdateDecision(facts({ isPackaged: false }))).toMatchObject({ enabled: false });
    expect(autoUpdateDecision(facts({ env: { MUXDECK_DISABLE_AUTO_UPDATE: '1' } }))).toMatchObject({
      enabled: false,
      reason: 'MUXDECK_DISABLE_AUTO_UPDATE=1',
    });
  });

  it('updates an AppImage on Linux, never a .deb', () => {
    expect(
      autoUpdateDecision(facts({ platform: 'linux', env: { APPIMAGE: '/home/me/Muxdeck.AppImage' } })),
    ).toEqual({ enabled: true });
    expect(autoUpdateDecision(facts({ platform: 'linux', execPath: '/opt/Muxdeck/muxdeck' }))).toEqual({
      enabled: false,
      reason: 'not running from an AppImage',
    });
  });

  it('updates an NSIS install on Windows, never an MSI one', () => {
    const execPath = 'C:\\Users\\me\\AppData\\Local\\Programs\\Muxdeck\\Muxdeck.exe';
    const nsis = (path: string) => path.endsWith('Uninstall Muxdeck.exe');
    expect(autoUpdateDecision(facts({ platform: 'win32', execPath, fileExists: nsis }))).toEqual({
      enabled: true,
    });
    expect(autoUpdateDecision(facts({ platform: 'win32', execPath }))).toMatchObject({ enabled: false });
  });
});

describe('when Muxdeck checks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

  it('checks after start and then every few hours, and stops when asked', async () => {
    const check = vi.fn(() => Promise.resolve());
    const stop = scheduleUpdateChecks({ decide: () => ({ enabled: true }), check, logger: logger() });
    expect(check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(UPDATE_SCHEDULE.firstAfterMs);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(UPDATE_SCHEDULE.everyMs);
    expect(check).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(UPDATE_SCHEDULE.everyMs * 3);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('follows the setting at every check and says why it is off once', async () => {
    let decision: UpdateDecision = { enabled: false, reason: 'turned off in settings' };
    const check = vi.fn(() => Promise.resolve());
    const log = logger();
    scheduleUpdateChecks({ decide: () => decision, check, logger: log });
    await vi.advanceTimersByTimeAsync(UPDATE_SCHEDULE.firstAfterMs + UPDATE_SCHEDULE.everyMs * 2);
    expect(check).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.info).toHaveBeenCalledWith('auto-update off', { reason: 'turned off in settings' });
    decision = { enabled: true };
    await vi.advanceTimersByTimeAsync(UPDATE_SCHEDULE.everyMs);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('logs a failed check (offline) and tries again at the next tick', async () => {
    const check = vi.fn(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')));
    const log = logger();
    scheduleUpdateChecks({ decide: () => ({ enabled: true }), check, logger: log });
    await vi.advanceTimersByTimeAsync(UPDATE_SCHEDULE.firstAfterMs + UPDATE_SCHEDULE.everyMs);
    expect(check).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenCalledWith('update check failed', {
      error: 'Error: net::ERR_INTERNET_DISCONNECTED',
    });
  });
});
