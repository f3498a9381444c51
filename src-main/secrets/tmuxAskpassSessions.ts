import type { CommandRunner } from '../ports';
import { storedArgv } from '../sessions/screenReplay';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import type { AskpassSession } from './askpassBroker';
import { resolveSessionSshAuth, type LocalAccount } from './sessionSshAuth';

/**
 * The broker's view of Muxdeck's tmux sessions: the host, the pane's ssh process (every helper
 * that asks must descend from it) and the argv it runs, which `ssh -G` resolves on demand.
 */
export function tmuxAskpassSessions(deps: {
  listSessions: () => Promise<TmuxSessionRecord[]>;
  runner: CommandRunner;
  sshPath: string;
  env: NodeJS.ProcessEnv;
  local: LocalAccount;
}): (sessionId: string) => Promise<AskpassSession | undefined> {
  return async (sessionId) => {
    const record = (await deps.listSessions()).find((r) => r.name === sessionId);
    const hostId = record?.options.hostId;
    if (!record || !hostId) return undefined;
    const argv = storedArgv(record.options.argv);
    return {
      hostId,
      label: record.options.label ?? hostId,
      ...(record.panePid !== undefined && !record.paneDead ? { sshPid: record.panePid } : {}),
      auth: () =>
        argv
          ? resolveSessionSshAuth({
              runner: deps.runner,
              sshPath: deps.sshPath,
              argv,
              env: deps.env,
              local: deps.local,
            })
          : Promise.resolve(undefined),
    };
  };
}
