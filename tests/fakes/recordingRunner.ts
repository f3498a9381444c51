import type { CommandResult, CommandRunner } from '../../src-main/ports';

/** A CommandRunner that records every call and answers from a script. */
export function recordingRunner(
  answer: (file: string, args: readonly string[]) => Partial<CommandResult> = () => ({}),
) {
  const calls: Array<{ file: string; args: readonly string[] }> = [];
  const runner: CommandRunner = {
    async run(file, args) {
      calls.push({ file, args });
      return { stdout: '', stderr: '', code: 0, ...answer(file, args) };
    },
  };
  return { runner, calls };
}
