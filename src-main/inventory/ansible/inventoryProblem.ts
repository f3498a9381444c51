/** What went wrong (or was skipped) while reading inventory sources, for the user. */
export interface InventoryProblem {
  severity: 'error' | 'warning';
  /** The file or directory the problem is in, when there is one. */
  file?: string;
  /** 1-based line in that file, when known. */
  line?: number;
  message: string;
  /**
   * The message repeats text of the file (a parser's complaint quotes the line it stopped at). Such a
   * message is for the user's own terminal (`muxdeck inventory`) only: the app names the file and line.
   */
  quotesFile?: boolean;
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

/**
 * `severity: file:line: message`. Without fileText (the app: what reaches the page, the sync error and
 * warnings), a message that quotes the file is replaced by a fixed sentence, so pointing a source at
 * /proc/self/environ or a private key shows none of its bytes.
 */
export function formatProblem(problem: InventoryProblem, options: { fileText?: boolean } = {}): string {
  const where = problem.file
    ? `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: `
    : '';
  const message =
    problem.quotesFile && options.fileText === false ? WITHOUT_FILE_TEXT[problem.severity] : problem.message;
  return `${problem.severity}: ${where}${message}`;
}

const WITHOUT_FILE_TEXT: Record<InventoryProblem['severity'], string> = {
  error:
    'not an inventory Muxdeck can read at this line (`muxdeck inventory --ansible FILE --list` in a terminal shows the details)',
  warning: 'something at this line was skipped (`muxdeck inventory --ansible FILE --list` shows what)',
};
