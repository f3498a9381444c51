import { createInterface } from 'node:readline';
import type { ConfirmationRequest, UserConfirmation } from '../ports';
import { confirmationText } from './requireConfirmation';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** stdin is a terminal a person types into; without one nobody can be asked and the answer is no. */
  interactive: boolean;
  /** An unanswered question is a no after this long (default 5 minutes). */
  timeoutMs?: number;
}

/**
 * serve mode's confirmation: the question is asked on the terminal that runs `muxdeck serve`, which the
 * page cannot reach, and only "y" or "yes" typed there allows it. One question at a time.
 */
export function terminalConfirmation(io: TerminalIo): UserConfirmation {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    confirm(request) {
      const answer = queue.then(() => ask(io, request));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}

function ask(io: TerminalIo, request: ConfirmationRequest): Promise<boolean> {
  if (!io.interactive) {
    io.output.write(
      `\nmuxdeck serve refused a request from the page: ${request.message}\n` +
        'Nobody can confirm it here (standard input is not a terminal). Run `muxdeck serve` in a terminal, ' +
        'or make the change in the desktop app.\n',
    );
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const lines = createInterface({ input: io.input, output: io.output, terminal: false });
    const timer = setTimeout(() => finish(false, '\n(no answer: not allowed)\n'), io.timeoutMs ?? 300_000);
    timer.unref?.();
    let done = false;
    function finish(allowed: boolean, note?: string): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (note) io.output.write(note);
      lines.close();
      resolve(allowed);
    }
    io.output.write(
      `\nThe page asks Muxdeck to allow this:\n${confirmationText(request)}\n` +
        `${request.allowLabel}? Type yes to allow, anything else refuses [y/N]: `,
    );
    lines.once('line', (line) => finish(/^(y|yes)$/i.test(line.trim())));
    lines.once('close', () => finish(false));
  });
}
