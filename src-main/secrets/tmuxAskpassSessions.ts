import type { CommandRunner } from '../ports';
import { storedArgv } from '../sessions/screenReplay';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import type { AskpassSession } from './askpassBroker';
import { resolveSessionSshAuth, type LocalAccount, type SessionSshAuth } from './sessionSshAuth';
import { sshMarksServerQuestions } from './sshVersion';

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
  let marksServerQuestions: Promise<boolean> | undefined;
  const auth = async (argv: readonly string[]): Promise<SessionSshAuth | undefined> => {
    const resolved = await resolveSessionSshAuth({ ...deps, argv });
    marksServerQuestions ??= sshMarksServerQuestions(deps).catch(() => false);
    if (!resolved || (await marksServerQuestions)) return resolved;
    // A server's question can pass for ssh's own prompt here: no passphrase is given, and a password
    // only when the destination is the one server that takes part (no jump host to imitate it).
    const { login, ...rest } = resolved;
    return { ...rest, keyFiles: new Set(), ...(login && !resolved.viaProxy ? { login } : {}) };
  };
  return async (sessionId) => {
    const record = (await deps.listSessions()).find((r) => r.name === sessionId);
    const hostId = record?.options.hostId;
    if (!record || !hostId) return undefined;
    const argv = storedArgv(record.options.argv);
    return {
      hostId,
      label: record.options.label ?? hostId,
      ...(record.panePid !== undefined && !record.paneDead ? { sshPid: record.panePid } : {}),
      auth: () => (argv ? auth(argv) : Promise.resolve(undefined)),
    };
  };
}
