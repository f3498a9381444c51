/**
 * Environment for every tmux process Muxdeck starts. TMUX and TMUX_PANE are removed:
 * when Muxdeck itself runs inside the user's tmux, tmux would otherwise refuse to
 * attach ("sessions should be nested with care") or talk to the wrong server.
 */
export function tmuxEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TERM: 'xterm-256color' };
  delete env.TMUX;
  delete env.TMUX_PANE;
  return env;
}
