import type { CommandRunner } from '../ports';

/**
 * The tmux "runner" of a machine without tmux (Windows): every command answers as tmux does when
 * no server runs, so listing finds no sessions and nothing else starts one. Sessions run direct.
 */
export const absentTmuxRunner: CommandRunner = {
  run: () =>
    Promise.resolve({
      stdout: '',
      stderr: 'no server running: tmux is not installed, sessions run in direct mode',
      code: 1,
    }),
};
