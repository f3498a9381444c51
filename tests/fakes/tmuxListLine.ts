import { SESSION_OPTIONS, encodeOptionValue, type SessionOptionKey } from '../../src-main/tmux/tmuxArgv';

/** One line of `list-sessions -F LIST_SESSIONS_FORMAT`, as tmux would print it. */
export function tmuxListLine(session: {
  name: string;
  created?: number;
  attached?: number;
  dead?: boolean;
  deadStatus?: number;
  deadTime?: number;
  signal?: number;
  pid?: number;
  options?: Partial<Record<SessionOptionKey, string>>;
}): string {
  const options = (Object.keys(SESSION_OPTIONS) as SessionOptionKey[]).map((key) => {
    const value = session.options?.[key];
    return value === undefined ? '' : encodeOptionValue(value);
  });
  return [
    session.name,
    String(session.created ?? 1795433038),
    String(session.attached ?? 0),
    session.dead ? '1' : '0',
    session.deadStatus === undefined ? '' : String(session.deadStatus),
    session.deadTime === undefined ? '' : String(session.deadTime),
    session.signal === undefined ? '' : String(session.signal),
    session.pid === undefined ? '' : String(session.pid),
    ...options,
  ].join('\t');
}
