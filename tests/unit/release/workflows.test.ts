import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflowText, lintWorkflows } from '../../../scripts/release/workflowLint';

const ROOT = resolve(__dirname, '../../..');

interface Step {
  run?: string;
  uses?: string;
}
interface Job {
  'runs-on': string;
  container?: string;
  needs?: string | string[];
  strategy?: { matrix: { include: Array<{ os: string; args: string }> } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}
const workflow = (name: string) =>
  parse(readFileSync(join(ROOT, '.github/workflows', name), 'utf8')) as Workflow;
const runs = (job: Job | undefined) => (job?.steps ?? []).map((s) => s.run ?? '').join('\n');

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    expect(await lintWorkflows(ROOT)).toEqual([]);
  });

  it('the lint is real: an undefined job, a bad context and an unknown runner are reported', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-lates',
      '    needs: nope',
      '    steps:',
      '      - run: echo ${{ github.nonexistent_field }}',
    ].join('\n');
    const kinds = (await lintWorkflowText(broken)).map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['runner-label', 'job-needs', 'expression']));
  });

  it('CI runs every check on Linux and builds installers on macOS, Windows and Linux', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push).toEqual({ branches: ['main'] });
    const checks = runs(ci.jobs.checks);
    for (const step of [
      'scripts/install-test-deps.sh',
      'npm run typecheck',
      'npm run lint',
      'npm run lint:workflows',
      'npm run build',
      'npm run test:unit',
      'npm run test:integration',
      'npm run test:e2e',
    ])
      expect(checks).toContain(step);
    const oses = ci.jobs.installers?.strategy?.matrix.include.map((m) => m.os.split('-')[0]).sort();
    expect(oses).toEqual(['macos', 'ubuntu', 'windows']);
    expect(runs(ci.jobs.installers)).toContain('--publish never');
  });

  it('a v* tag drafts a release with generated notes, uploads every platform, then publishes', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(runs(release.jobs.draft)).toMatch(/release-notes[\s\S]*--check-version/);
    const matrix = release.jobs.installers?.strategy?.matrix.include ?? [];
    expect(matrix.map((m) => m.args).sort()).toEqual(['--linux --arm64', '--linux --x64', '--mac', '--win']);
    expect(runs(release.jobs.installers)).toContain('--publish always');
    expect(release.jobs.publish?.needs).toBe('installers');
    expect(runs(release.jobs.publish)).toContain('--draft=false');
  });
});
