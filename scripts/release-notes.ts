/**
 * Prints the release notes of a tag: the commits since the previous v* tag, grouped by
 * conventional-commit type (scripts/release/releaseNotes.ts). Used by .github/workflows/release.yml.
 *
 *   npm run release-notes -- [--tag v1.2.3] [--repo-url https://github.com/owner/repo] [--check-version]
 *
 * --tag defaults to HEAD's own tag, or "HEAD" (unreleased changes). --check-version fails (exit 1)
 * unless the tag is v + package.json's version.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_FORMAT, parseGitLog, releaseNotes, releaseTagProblem } from './release/releaseNotes';

const git = (...args: string[]): string | undefined => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

function main(): number {
  const { values } = parseArgs({
    options: {
      tag: { type: 'string' },
      'repo-url': { type: 'string' },
      'check-version': { type: 'boolean', default: false },
    },
  });
  const tag = values.tag ?? git('describe', '--tags', '--exact-match', '--match', 'v*', 'HEAD') ?? 'HEAD';
  if (git('rev-parse', '--verify', '--quiet', `${tag}^{commit}`) === undefined) {
    process.stderr.write(`release-notes: no tag or commit named "${tag}"\n`);
    return 2;
  }
  if (values['check-version']) {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    const problem = releaseTagProblem(tag, pkg.version);
    if (problem) {
      process.stderr.write(`release-notes: ${problem}\n`);
      return 1;
    }
  }
  // The newest v* tag before this one; none means the first release: every commit counts.
  const previousTag = git('describe', '--tags', '--abbrev=0', '--match', 'v*', `${tag}^`);
  const range = previousTag ? `${previousTag}..${tag}` : tag;
  const log = git('log', '--no-merges', `--format=${LOG_FORMAT}`, range) ?? '';
  const date = git('log', '-1', '--format=%cs', tag) ?? new Date().toISOString().slice(0, 10);
  process.stdout.write(
    releaseNotes(parseGitLog(log), {
      version: tag,
      date,
      previousTag,
      repoUrl: values['repo-url'],
    }),
  );
  return 0;
}

process.exitCode = main();
