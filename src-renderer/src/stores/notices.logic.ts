/** A non-blocking message to the user, e.g. why a connection could not be opened. */
export interface Notice {
  id: number;
  message: string;
}

/** Beyond this, the oldest notice goes: a burst of failures must not bury the screen. */
export const MAX_NOTICES = 4;

export function pushNotice(notices: readonly Notice[], notice: Notice): Notice[] {
  return [...notices, notice].slice(-MAX_NOTICES);
}

export function dismissNotice(notices: readonly Notice[], id: number): Notice[] {
  return notices.filter((notice) => notice.id !== id);
}
