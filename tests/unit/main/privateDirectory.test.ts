import {
  chmodSync,
  lchownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDirectory, UnsafeDirectoryError } from '../../../src-main/platform/privateDirectory';

const uid = process.getuid?.();
const isRoot = uid === 0;
/** A uid no account uses: only root can hand a directory to it, which is what another user's would look like. */
const STRANGER = 54_321;
const mode = (path: string) => statSync(path).mode & 0o7777;

// File ownership and modes: POSIX only (Windows has no uid); the other-user cases need root, which CI has.
describe.skipIf(uid === undefined)('a private directory for sockets', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mx-private-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing directory, and its missing parents, mode 0700', () => {
    const dir = join(root, 'a', 'b', 'home');
    ensurePrivateDirectory(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(root, 'a'))).toBe(0o700);
  });

  it('tightens its own directory that others could only read to 0700', () => {
    const dir = join(root, 'readable');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    ensurePrivateDirectory(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it.each([0o777, 0o770, 0o1777, 0o702])(
    'refuses its own directory that others can write to (%o), untouched',
    (bits) => {
      const dir = join(root, 'open');
      mkdirSync(dir);
      chmodSync(dir, bits);
      expect(() => ensurePrivateDirectory(dir)).toThrow(UnsafeDirectoryError);
      expect(() => ensurePrivateDirectory(dir)).toThrow(
        new RegExp(`will not use ${dir}: other users can write to it .*Remove it .*MUXDECK_HOME elsewhere`),
      );
      expect(mode(dir)).toBe(bits);
    },
  );

  it.skipIf(!isRoot)('refuses a directory another user owns, even mode 0700', () => {
    const dir = join(root, 'theirs');
    mkdirSync(dir, { mode: 0o700 });
    lchownSync(dir, STRANGER, STRANGER);
    expect(() => ensurePrivateDirectory(dir)).toThrow(
      `it belongs to another user (uid ${STRANGER}, you are 0)`,
    );
  });

  it.skipIf(!isRoot)("refuses another user's symbolic link, even to a private directory of this user", () => {
    const mine = join(root, 'mine');
    mkdirSync(mine, { mode: 0o700 });
    const link = join(root, 'link');
    symlinkSync(mine, link);
    lchownSync(link, STRANGER, STRANGER);
    expect(() => ensurePrivateDirectory(link)).toThrow('symbolic link that belongs to another user');
  });

  it('refuses a file where the directory should be', () => {
    const file = join(root, 'file');
    writeFileSync(file, '');
    expect(() => ensurePrivateDirectory(file)).toThrow('it is not a directory');
  });
});
