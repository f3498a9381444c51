import { describe, expect, it } from 'vitest';
import {
  bannerText,
  broadcastTargets,
  excludedCount,
  isDoubleEscape,
  pasteNeedsConfirmation,
  pruneBroadcast,
  pushHistory,
  splitByReachability,
  startAdHocBroadcast,
  startGroupBroadcast,
  stepHistory,
  togglePane,
} from '../../../../src-renderer/src/stores/workspace/broadcast.logic';
import {
  createGroup,
  emptyWorkspace,
  openAsGroup,
  removeSession,
  showSession,
} from '../../../../src-renderer/src/stores/workspace/workspace.logic';

function workspace() {
  let ws = showSession(emptyWorkspace, 'out', 't-out');
  ws = openAsGroup(ws, { sessionIds: ['a', 'b', 'c'], groupId: 'g', name: 'web', tabId: () => 't-g' });
  return ws;
}

describe('broadcast targets', () => {
  it('reaches every pane of the group and nothing outside it', () => {
    const ws = workspace();
    const broadcast = startGroupBroadcast('g');
    expect(broadcastTargets(broadcast, ws)).toEqual(['a', 'b', 'c']);
    expect(broadcastTargets(null, ws)).toEqual([]);
  });

  it('one click excludes a pane and includes it again, without stopping', () => {
    const ws = workspace();
    const excluded = togglePane(startGroupBroadcast('g'), ws, 'b');
    expect(broadcastTargets(excluded, ws)).toEqual(['a', 'c']);
    expect(excludedCount(excluded, ws)).toBe(1);
    const back = togglePane(excluded, ws, 'b');
    expect(broadcastTargets(back, ws)).toEqual(['a', 'b', 'c']);
    expect(excludedCount(back, ws)).toBe(0);
  });

  it('adds a pane from outside the group, and takes it out again', () => {
    const ws = workspace();
    const added = togglePane(startGroupBroadcast('g'), ws, 'out');
    expect(broadcastTargets(added, ws)).toEqual(['out', 'a', 'b', 'c']);
    expect(broadcastTargets(togglePane(added, ws, 'out'), ws)).toEqual(['a', 'b', 'c']);
  });

  it('builds an ad-hoc set by clicking headers; the last one out stops it', () => {
    const ws = workspace();
    let broadcast = togglePane(null, ws, 'out');
    broadcast = togglePane(broadcast, ws, 'c');
    expect(broadcastTargets(broadcast, ws)).toEqual(['out', 'c']);
    broadcast = togglePane(broadcast, ws, 'out');
    expect(togglePane(broadcast, ws, 'c')).toBeNull();
    expect(startAdHocBroadcast([])).toBeNull();
  });

  it('forgets panes that closed, and stops when nothing is left', () => {
    let ws = workspace();
    const broadcast = togglePane(togglePane(startGroupBroadcast('g'), ws, 'out'), ws, 'a');
    ws = removeSession(removeSession(ws, 'a'), 'out');
    expect(pruneBroadcast(broadcast, ws)).toEqual({ groupId: 'g', members: [], excluded: [] });
    const gone = ['a', 'b', 'c'].reduce((current, id) => removeSession(current, id), workspace());
    expect(pruneBroadcast(startGroupBroadcast('g'), gone)).toBeNull();
    const kept = startGroupBroadcast('g');
    expect(pruneBroadcast(kept, workspace())).toBe(kept);
  });

  it('a group made later with the same tabs is not broadcast to by accident', () => {
    const ws = createGroup(showSession(emptyWorkspace, 'x', 'tx'), {
      id: 'other',
      name: 'o',
      tabIds: ['tx'],
    });
    expect(broadcastTargets(startGroupBroadcast('g'), ws)).toEqual([]);
  });
});

describe('broadcast details', () => {
  it('skips unreachable targets and counts them', () => {
    expect(splitByReachability(['a', 'b', 'c'], (id) => id !== 'b')).toEqual({
      live: ['a', 'c'],
      skipped: ['b'],
    });
  });

  it('confirms multi-line pastes and any paste to more than one target', () => {
    expect(pasteNeedsConfirmation('ls', 1)).toBe(false);
    expect(pasteNeedsConfirmation('ls', 2)).toBe(true);
    expect(pasteNeedsConfirmation('ls\nrm -rf /tmp/x', 1)).toBe(true);
    expect(pasteNeedsConfirmation('ls\r', 1)).toBe(true);
  });

  it('words the banner', () => {
    expect(bannerText(4, 1)).toBe('Broadcasting to 4 sessions (1 excluded)');
    expect(bannerText(1, 0)).toBe('Broadcasting to 1 session');
  });

  it('recognises Esc Esc only when quick', () => {
    expect(isDoubleEscape(null, 100)).toBe(false);
    expect(isDoubleEscape(100, 400)).toBe(true);
    expect(isDoubleEscape(100, 2000)).toBe(false);
  });

  it('keeps an input history without repeats or blanks, and walks it with up and down', () => {
    let history: string[] = [];
    for (const line of ['uptime', 'uptime', ' ', 'df -h']) history = pushHistory(history, line);
    expect(history).toEqual(['uptime', 'df -h']);
    expect(pushHistory(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
    expect(stepHistory(history, null, -1)).toBe(1);
    expect(stepHistory(history, 1, -1)).toBe(0);
    expect(stepHistory(history, 0, -1)).toBe(0);
    expect(stepHistory(history, 0, 1)).toBe(1);
    expect(stepHistory(history, 1, 1)).toBeNull();
    expect(stepHistory([], null, -1)).toBeNull();
  });
});
