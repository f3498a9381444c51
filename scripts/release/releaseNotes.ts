/**
 * Release notes from the commits since the last tag, grouped by conventional-commit type
 * (https://www.conventionalcommits.org): feat, fix, perf... Commits that follow no convention are
 * listed too, under "Other changes": nothing that shipped is left out.
 */

/** One commit as `git log --format=%H%x1f%s%x1f%b%x1e` prints it (see LOG_FORMAT). */
export interface Commit {
  hash: string;
  subject: string;
  body: string;
}

/** Fields separated by US (0x1f), commits by RS (0x1e): neither appears in commit messages. */
export const LOG_FORMAT = '%H%x1f%s%x1f%b%x1e';

export function parseGitLog(log: string): Commit[] {
  return log
    .split('\x1e')
    .map((record) => record.replace(/^\n+/, ''))
    .filter((record) => record.trim().length > 0)
    .map((record) => {
      const [hash = '', subject = '', body = ''] = record.split('\x1f');
      return { hash: hash.trim(), subject: subject.trim(), body: body.trim() };
    });
}

export interface ParsedCommit {
  hash: string;
  type: string | undefined;
  scope: string | undefined;
  breaking: boolean;
  description: string;
}

const CONVENTIONAL = /^(?<type>[a-z]+)(?:\((?<scope>[^()]+)\))?(?<bang>!)?:\s+(?<description>.+)$/i;

export function parseCommit(commit: Commit): ParsedCommit {
  const match = CONVENTIONAL.exec(commit.subject);
  const breakingBody = /^BREAKING[ -]CHANGE:/m.test(commit.body);
  if (!match?.groups) {
    return {
      hash: commit.hash,
      type: undefined,
      scope: undefined,
      breaking: breakingBody,
      description: commit.subject,
    };
  }
  const { type = '', scope, bang, description = '' } = match.groups;
  return {
    hash: commit.hash,
    type: type.toLowerCase(),
    scope: scope?.trim(),
    breaking: bang === '!' || breakingBody,
    description,
  };
}

/** Sections in the order a reader wants them; types not listed go to "Other changes". */
export const SECTIONS: ReadonlyArray<{ title: string; types: readonly string[] }> = [
  { title: 'Features', types: ['feat'] },
  { title: 'Bug fixes', types: ['fix'] },
  { title: 'Performance', types: ['perf'] },
  { title: 'Security', types: ['security'] },
  { title: 'Documentation', types: ['docs'] },
  { title: 'Refactoring', types: ['refactor', 'style'] },
  { title: 'Tests', types: ['test'] },
  { title: 'Build and CI', types: ['build', 'ci'] },
  { title: 'Chores', types: ['chore', 'deps'] },
  { title: 'Reverts', types: ['revert'] },
];
const OTHER = 'Other changes';

/** The version a set of changes calls for (semantic versioning; before 1.0 a breaking change is minor). */
export function nextVersion(current: string, commits: readonly ParsedCommit[]): string {
  const version = parseSemver(current);
  if (!version) throw new Error(`"${current}" is not a semantic version (MAJOR.MINOR.PATCH)`);
  const { major, minor, patch } = version;
  if (commits.some((c) => c.breaking)) return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (commits.some((c) => c.type === 'feat')) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

const SEMVER =
  /^(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)(?:-(?<pre>[0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(
  version: string,
): { major: number; minor: number; patch: number; prerelease: string | undefined } | undefined {
  const groups = SEMVER.exec(version)?.groups;
  if (!groups) return undefined;
  return {
    major: Number(groups.major),
    minor: Number(groups.minor),
    patch: Number(groups.patch),
    prerelease: groups.pre,
  };
}

/** A release tag must be v + the version in package.json, so installers and tag agree. */
export function releaseTagProblem(tag: string, packageVersion: string): string | undefined {
  if (!tag.startsWith('v') || !parseSemver(tag.slice(1)))
    return `tag "${tag}" is not v followed by a semantic version (e.g. v1.2.3 or v1.3.0-beta.1)`;
  if (tag.slice(1) !== packageVersion)
    return `tag "${tag}" does not match package.json version "${packageVersion}" (run npm version ${tag.slice(1)} first)`;
  return undefined;
}

export interface NotesOptions {
  version: string;
  /** YYYY-MM-DD */
  date: string;
  previousTag?: string | undefined;
  /** https://github.com/owner/repo: commit hashes become links. */
  repoUrl?: string | undefined;
}

export function releaseNotes(commits: readonly Commit[], opts: NotesOptions): string {
  const parsed = commits.map(parseCommit).filter((c) => !isReleaseCommit(c));
  const line = (c: ParsedCommit): string => {
    const short = c.hash.slice(0, 7);
    const ref = opts.repoUrl ? `[${short}](${opts.repoUrl}/commit/${c.hash})` : short;
    return `- ${c.scope ? `**${c.scope}:** ` : ''}${c.description} (${ref})`;
  };
  const out: string[] = [`## Muxdeck ${opts.version} (${opts.date})`, ''];
  if (parsed.length === 0) out.push('No changes since the last release.', '');

  const breaking = parsed.filter((c) => c.breaking);
  if (breaking.length > 0) out.push('### ⚠ Breaking changes', '', ...breaking.map(line), '');
  for (const section of SECTIONS) {
    const entries = parsed.filter((c) => c.type !== undefined && section.types.includes(c.type));
    if (entries.length > 0) out.push(`### ${section.title}`, '', ...entries.map(line), '');
  }
  const known = new Set(SECTIONS.flatMap((s) => s.types));
  const other = parsed.filter((c) => c.type === undefined || !known.has(c.type));
  if (other.length > 0) out.push(`### ${OTHER}`, '', ...other.map(line), '');

  if (opts.previousTag && opts.repoUrl)
    out.push(`**Full changelog:** ${opts.repoUrl}/compare/${opts.previousTag}...${opts.version}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** `chore(release): v1.2.3` commits are the release itself, not a change in it. */
function isReleaseCommit(c: ParsedCommit): boolean {
  return c.type === 'chore' && c.scope === 'release';
}
