import {
  chmodSync,
  existsSync,
  lchownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseSocketDirectory, SOCKET_DIRECTORY_RECORD } from '../../../src-main/app/socketDirectory';

const uid = process.getuid?.();
const STRANGER = 54_321;

// POSIX only (Windows has no uid); the other-user case needs root, which CI has.
describe.skipIf(uid === undefined)('the short socket directory', () => {
  let root: string;
  let home: string;
  let tmp: string;
  const warnings: string[] = [];
  const logger = { info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
  const choose = (env: NodeJS.ProcessEnv) => chooseSocketDirectory({ home, env, uid, logger });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mx-sockdir-'));
    home = join(root, 'home');
    tmp = join(root, 'tmp');
    mkdirSync(home, { mode: 0o700 });
    mkdirSync(tmp);
    chmodSync(tmp, 0o1777);
    warnings.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prefers $XDG_RUNTIME_DIR, creates it 0700 and records it for later starts', () => {
    const runtime = join(root, 'run-user');
    mkdirSync(runtime, { mode: 0o700 });
    const dir = choose({ XDG_RUNTIME_DIR: runtime, TMPDIR: tmp });
    expect(dir).toBe(join(runtime, 'muxdeck'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(home, SOCKET_DIRECTORY_RECORD), 'utf8').trim()).toBe(dir);
    // A later start without XDG_RUNTIME_DIR (another shell) still meets the same tmux server.
    expect(choose({ TMPDIR: tmp })).toBe(dir);
  });

  it('without $XDG_RUNTIME_DIR uses $TMPDIR/muxdeck-<uid>, 0700', () => {
    const dir = choose({ TMPDIR: tmp });
    expect(dir).toBe(join(tmp, `muxdeck-${uid}`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('passes over a $TMPDIR/muxdeck-<uid> someone left open (0777) and takes a fresh mkdtemp directory', () => {
    const planted = join(tmp, `muxdeck-${uid}`);
    mkdirSync(planted);
    chmodSync(planted, 0o777);
    const dir = choose({ TMPDIR: tmp });
    expect(dir).not.toBe(planted);
    expect(dir.startsWith(join(tmp, `muxdeck-${uid}-`))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(planted).mode & 0o777).toBe(0o777);
    expect(warnings).toContain('socket directory refused');
    // The next start finds the same fresh directory, though the planted one is still there.
    expect(choose({ TMPDIR: tmp })).toBe(dir);
  });

  it.skipIf(uid !== 0)("passes over another user's $TMPDIR/muxdeck-<uid> and $XDG_RUNTIME_DIR", () => {
    const planted = join(tmp, `muxdeck-${uid}`);
    mkdirSync(planted, { mode: 0o700 });
    lchownSync(planted, STRANGER, STRANGER);
    const runtime = join(root, 'run-user');
    mkdirSync(runtime, { mode: 0o700 });
    lchownSync(runtime, STRANGER, STRANGER);
    const dir = choose({ XDG_RUNTIME_DIR: runtime, TMPDIR: tmp });
    expect(dir.startsWith(join(tmp, `muxdeck-${uid}-`))).toBe(true);
    expect(existsSync(join(runtime, 'muxdeck'))).toBe(false);
  });

  it('does not re-create a recorded directory that vanished (a reboot emptied /tmp): it chooses again', () => {
    const first = choose({ TMPDIR: tmp });
    rmSync(first, { recursive: true });
    const runtime = join(root, 'run-user');
    mkdirSync(runtime, { mode: 0o700 });
    expect(choose({ XDG_RUNTIME_DIR: runtime, TMPDIR: tmp })).toBe(join(runtime, 'muxdeck'));
  });
});
