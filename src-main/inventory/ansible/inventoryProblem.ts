/** What went wrong (or was skipped) while reading inventory sources, for the user. */
export interface InventoryProblem {
  severity: 'error' | 'warning';
  /** The file or directory the problem is in, when there is one. */
  file?: string;
  /** 1-based line in that file, when known. */
  line?: number;
  message: string;
}

/** A file that cannot be read as an inventory: the reader stops, nothing of the file is applied. */
export class InventoryParseError extends Error {
  constructor(
    readonly detail: string,
    readonly line?: number,
  ) {
    super(line === undefined ? detail : `line ${line}: ${detail}`);
    this.name = 'InventoryParseError';
  }
}

export function formatProblem(problem: InventoryProblem): string {
  const where = problem.file
    ? `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: `
    : '';
  return `${problem.severity}: ${where}${problem.message}`;
}
