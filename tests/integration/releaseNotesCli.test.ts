import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/runCommand';
import { makeTempDir, removeDir } from '../helpers/tempDir';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/release-notes.ts');
// The repository under test has no node_modules: load tsx from Muxdeck's.
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** release.yml's step, against a real repository with two tags. */
describe('npm run release-notes, on a real git history', () => {
  let repo: string;
  const git = async (...args: string[]) => {
    const result = await runCommand('git', args, { cwd: repo });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  const commit = async (subject: string) => {
    await writeFile(join(repo, 'file.txt'), subject);
    await git('add', '-A');
    await git('commit', '-q', '-m', subject);
  };
  const notes = (...args: string[]) =>
    runCommand(process.execPath, ['--import', TSX, SCRIPT, ...args], { cwd: repo, timeoutMs: 30_000 });

  beforeAll(async () => {
    repo = await makeTempDir('mx-release-');
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.email', 'dev@example.com');
    await git('config', 'user.name', 'Dev');
    await git('config', 'commit.gpgsign', 'false');
    await writeFile(join(repo, 'package.json'), JSON.stringify({ version: '0.2.0' }));
    await commit('feat: first release');
    await git('tag', 'v0.1.0');
    await commit('feat(tree): folders');
    await commit('fix: a crash');
    await git('tag', 'v0.2.0');
    await commit('docs: not released yet');
  });
  afterAll(async () => removeDir(repo));

  it('lists only the commits between the previous tag and this one, grouped', async () => {
    const result = await notes(
      '--tag',
      'v0.2.0',
      '--repo-url',
      'https://github.com/o/muxdeck',
      '--check-version',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## Muxdeck v0\.2\.0 \(\d{4}-\d{2}-\d{2}\)\n/);
    expect(result.stdout).toMatch(/### Features\n\n- \*\*tree:\*\* folders \(\[[0-9a-f]{7}\]/);
    expect(result.stdout).toMatch(/### Bug fixes\n\n- a crash/);
    expect(result.stdout).not.toMatch(/first release|not released yet/);
    expect(result.stdout).toContain('compare/v0.1.0...v0.2.0');
  });

  it('takes every commit for the first release', async () => {
    const result = await notes('--tag', 'v0.1.0');
    expect(result.stdout).toContain('- first release');
    expect(result.stdout).not.toContain('folders');
  });

  it('refuses a tag that does not match package.json, and an unknown tag', async () => {
    const mismatch = await notes('--tag', 'v0.1.0', '--check-version');
    expect(mismatch).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('does not match package.json version "0.2.0"'),
    });
    const unknown = await notes('--tag', 'v9.9.9');
    expect(unknown).toMatchObject({ code: 2, stderr: 'release-notes: no tag or commit named "v9.9.9"\n' });
  });
});
