import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadServeIdentity,
  rememberServePort,
  serveStateDirectory,
} from '../../../src-main/transport/serve/serveIdentity';
import { makeTempDir, removeDir } from '../../helpers/tempDir';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

describe("serve's token and port across restarts", () => {
  let home: string;
  beforeEach(async () => {
    home = await makeTempDir('mx-serve-id-');
  });
  afterEach(async () => {
    await removeDir(home);
  });

  it('keeps the token in a 0600 file in a private directory and gives it back on the next start', () => {
    const first = loadServeIdentity(home);
    expect(first.token).toMatch(TOKEN);
    expect(first.rememberedPort).toBeUndefined();
    const file = join(serveStateDirectory(home), 'token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(serveStateDirectory(home)).mode & 0o777).toBe(0o700);
    expect(loadServeIdentity(home).token).toBe(first.token);
  });

  it('makes a new token when asked to rotate, and keeps that one', () => {
    const first = loadServeIdentity(home);
    const rotated = loadServeIdentity(home, { rotate: true });
    expect(rotated.token).toMatch(TOKEN);
    expect(rotated.token).not.toBe(first.token);
    expect(loadServeIdentity(home).token).toBe(rotated.token);
  });

  it('remembers the port', () => {
    loadServeIdentity(home);
    rememberServePort(home, 48123);
    expect(loadServeIdentity(home).rememberedPort).toBe(48123);
    writeFileSync(join(serveStateDirectory(home), 'port'), 'eighty\n');
    expect(loadServeIdentity(home).rememberedPort).toBeUndefined();
  });

  it('replaces a token others could read, or one it did not write, and says why without printing it', () => {
    const first = loadServeIdentity(home);
    const file = join(serveStateDirectory(home), 'token');
    chmodSync(file, 0o644);
    const replaced = loadServeIdentity(home);
    expect(replaced.token).not.toBe(first.token);
    expect(replaced.notes.join(' ')).toMatch(/not a file only you can read/);
    expect(replaced.notes.join(' ')).not.toContain(first.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(file, 'x; rm -rf ~\n', { mode: 0o600 });
    const again = loadServeIdentity(home);
    expect(again.token).toMatch(TOKEN);
    expect(again.notes.join(' ')).toMatch(/not a token Muxdeck wrote/);
    expect(readFileSync(file, 'utf8').trim()).toBe(again.token);
  });
});
