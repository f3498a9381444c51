/**
 * Checks on what xterm.js kept in its buffer (read as text through the page, see tests/e2e/terminalBuffer.ts).
 * Pure functions, shared by the terminal benchmark and the scrollback e2e test, so both count the same way.
 */

/** How `seq 1 n` came out: complete means exactly 1..n, each once, in order, and nothing torn in between. */
export interface SequenceCheck {
  n: number;
  /** Distinct numbers of 1..n found on lines of their own. */
  kept: number;
  missing: number;
  /** The numeric lines are strictly increasing. */
  inOrder: boolean;
  complete: boolean;
  /** The first few numbers that are missing, to see where lines went. */
  firstMissing: number[];
}

/** Lines that are a number and nothing else: `seq`'s output, whatever else the buffer holds. */
export function numericLines(text: string): number[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => /^\d+$/.test(line))
    .map(Number);
}

export function checkSequence(text: string, n: number): SequenceCheck {
  const numbers = numericLines(text);
  const seen = new Set<number>();
  for (const value of numbers) if (value >= 1 && value <= n) seen.add(value);
  const inOrder = numbers.every((value, index) => index === 0 || value > (numbers[index - 1] ?? 0));
  const firstMissing: number[] = [];
  for (let value = 1; value <= n && firstMissing.length < 10; value++)
    if (!seen.has(value)) firstMissing.push(value);
  const complete = numbers.length === n && inOrder && numbers[0] === 1 && numbers[n - 1] === n;
  return { n, kept: seen.size, missing: n - seen.size, inOrder, complete, firstMissing };
}

/** How the end of a file came out: `expected` are its last lines, oldest first. */
export interface TailCheck {
  expected: number;
  /** Expected lines found intact (the whole line, not a torn piece of it). */
  kept: number;
  missing: number;
  /** The buffer's lines that belong to the file end with exactly `expected`, in order. */
  completeInOrder: boolean;
}

export function checkTail(
  text: string,
  expected: readonly string[],
  isFileLine: (line: string) => boolean,
): TailCheck {
  const fileLines = text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(isFileLine);
  const present = new Set(fileLines);
  const kept = expected.filter((line) => present.has(line)).length;
  const tail = fileLines.slice(-expected.length);
  const completeInOrder =
    tail.length === expected.length && tail.every((line, index) => line === expected[index]);
  return { expected: expected.length, kept, missing: expected.length - kept, completeInOrder };
}
