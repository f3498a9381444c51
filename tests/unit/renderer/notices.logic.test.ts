import { describe, expect, it } from 'vitest';
import {
  dismissNotice,
  MAX_NOTICES,
  pushNotice,
  type Notice,
} from '../../../src-renderer/src/stores/notices.logic';

describe('notices', () => {
  it('keeps only the newest few and dismisses by id', () => {
    let notices: Notice[] = [];
    for (let id = 1; id <= MAX_NOTICES + 2; id++) notices = pushNotice(notices, { id, message: `n${id}` });
    expect(notices.map((n) => n.id)).toEqual([3, 4, 5, 6]);
    expect(dismissNotice(notices, 4).map((n) => n.id)).toEqual([3, 5, 6]);
  });
});
