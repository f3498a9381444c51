import { describe, expect, it } from 'vitest';
import {
  nextVersion,
  parseCommit,
  parseGitLog,
  releaseNotes,
  releaseTagProblem,
} from '../../../scripts/release/releaseNotes';

/** What `git log --format=%H%x1f%s%x1f%b%x1e` prints for these commits (newest first). */
function gitLog(...commits: Array<[hash: string, subject: string, body?: string]>): string {
  return commits.map(([hash, subject, body = '']) => `${hash}\x1f${subject}\x1f${body}\x1e\n`).join('');
}
const h = (n: number) => String(n).repeat(40).slice(0, 40);

describe('release notes from a git log', () => {
  const log = gitLog(
    [h(1), 'feat(tree): drag hosts between folders'],
    [h(2), 'fix: reconnect after sleep', 'Fixes #12'],
    [h(3), 'feat(store)!: drop the version 1 store format'],
    [h(4), 'perf(terminal): batch output under load'],
    [h(5), 'Reconnect re-checks right after respawn'],
    [h(6), 'docs: install guide'],
    [h(7), 'refactor(ssh): split argv building', 'BREAKING CHANGE: MUXDECK_SSH must be absolute'],
    [h(8), 'chore(release): v0.2.0'],
    [h(9), 'ci: cache npm'],
    [h(1).replace(/1/g, 'a'), 'wip: something odd'],
  );

  it('groups commits by conventional type, breaking changes first, everything else under Other changes', () => {
    const notes = releaseNotes(parseGitLog(log), { version: 'v0.2.0', date: '2026-11-23' });
    expect(notes).toBe(
      [
        '## Muxdeck v0.2.0 (2026-11-23)',
        '',
        '### ⚠ Breaking changes',
        '',
        '- **store:** drop the version 1 store format (3333333)',
        '- **ssh:** split argv building (7777777)',
        '',
        '### Features',
        '',
        '- **tree:** drag hosts between folders (1111111)',
        '- **store:** drop the version 1 store format (3333333)',
        '',
        '### Bug fixes',
        '',
        '- reconnect after sleep (2222222)',
        '',
        '### Performance',
        '',
        '- **terminal:** batch output under load (4444444)',
        '',
        '### Documentation',
        '',
        '- install guide (6666666)',
        '',
        '### Refactoring',
        '',
        '- **ssh:** split argv building (7777777)',
        '',
        '### Build and CI',
        '',
        '- cache npm (9999999)',
        '',
        '### Other changes',
        '',
        '- Reconnect re-checks right after respawn (5555555)',
        '- something odd (aaaaaaa)',
        '',
      ].join('\n'),
    );
  });

  it('links commits and the full comparison when the repository is known', () => {
    const notes = releaseNotes(parseGitLog(gitLog([h(1), 'fix: x'])), {
      version: 'v1.0.1',
      date: '2026-01-02',
      previousTag: 'v1.0.0',
      repoUrl: 'https://github.com/o/muxdeck',
    });
    expect(notes).toContain(`- x ([1111111](https://github.com/o/muxdeck/commit/${h(1)}))`);
    expect(notes).toContain('**Full changelog:** https://github.com/o/muxdeck/compare/v1.0.0...v1.0.1');
  });

  it('says so when nothing changed', () => {
    expect(releaseNotes([], { version: 'v1.0.1', date: '2026-01-02' })).toContain(
      'No changes since the last release.',
    );
  });

  it('reads multi-line bodies and subjects with colons', () => {
    const [commit] = parseGitLog(gitLog([h(1), 'fix(ui): a: b', 'line one\n\nBREAKING CHANGE: yes']));
    expect(parseCommit(commit!)).toEqual({
      hash: h(1),
      type: 'fix',
      scope: 'ui',
      breaking: true,
      description: 'a: b',
    });
  });
});

describe('semantic versioning', () => {
  const commits = (...subjects: string[]) =>
    subjects.map((subject, i) => parseCommit({ hash: h(i), subject, body: '' }));

  it('bumps major for a breaking change, minor for a feature, patch otherwise', () => {
    expect(nextVersion('1.4.2', commits('fix: a', 'feat!: b'))).toBe('2.0.0');
    expect(nextVersion('1.4.2', commits('fix: a', 'feat: b'))).toBe('1.5.0');
    expect(nextVersion('1.4.2', commits('fix: a', 'docs: b'))).toBe('1.4.3');
    // Before 1.0, a breaking change bumps the minor version.
    expect(nextVersion('0.1.0', commits('feat!: b'))).toBe('0.2.0');
    expect(() => nextVersion('1.4', [])).toThrow('"1.4" is not a semantic version');
  });

  it('accepts a tag only when it is v + the package.json version', () => {
    expect(releaseTagProblem('v0.2.0', '0.2.0')).toBeUndefined();
    expect(releaseTagProblem('v1.3.0-beta.1', '1.3.0-beta.1')).toBeUndefined();
    expect(releaseTagProblem('v0.2.0', '0.1.0')).toMatch(/does not match package.json version "0.1.0"/);
    expect(releaseTagProblem('0.2.0', '0.2.0')).toMatch(/not v followed by a semantic version/);
    expect(releaseTagProblem('v0.2', '0.2')).toMatch(/not v followed by a semantic version/);
  });
});
