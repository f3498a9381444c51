import { describe, expect, it } from 'vitest';
import {
  describeTerminalKey,
  matchTerminalKey,
  type TerminalKeyChord,
} from '../../../src-renderer/src/terminal/terminalKeys.logic';

function chord(key: string, mods: Partial<Omit<TerminalKeyChord, 'key'>> = {}): TerminalKeyChord {
  return { key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods };
}
const ctrl = (key: string, more: Partial<TerminalKeyChord> = {}) => chord(key, { ctrlKey: true, ...more });
const ctrlShift = (key: string, code?: string) =>
  chord(key, { ctrlKey: true, shiftKey: true, ...(code ? { code } : {}) });
const cmd = (key: string, more: Partial<TerminalKeyChord> = {}) => chord(key, { metaKey: true, ...more });

describe('terminal shortcuts on Linux and Windows', () => {
  it('copies, pastes and finds with Ctrl+Shift', () => {
    expect(matchTerminalKey(ctrlShift('C'), false)).toBe('copy');
    expect(matchTerminalKey(ctrlShift('V'), false)).toBe('paste');
    expect(matchTerminalKey(ctrlShift('F'), false)).toBe('find');
  });

  it('works on non-Latin layouts by the physical key', () => {
    expect(matchTerminalKey(ctrlShift('С', 'KeyC'), false)).toBe('copy');
    expect(matchTerminalKey(ctrlShift('М', 'KeyV'), false)).toBe('paste');
  });

  it.each(['c', 'f', 'v', 'w', 'z', 'd', 'r', 'a', 'e', 'l', '_'])(
    'never takes plain Ctrl+%s from the remote program',
    (key) => expect(matchTerminalKey(ctrl(key), false)).toBeNull(),
  );

  it('leaves Cmd/Meta chords and Alt chords alone', () => {
    expect(matchTerminalKey(cmd('c'), false)).toBeNull();
    expect(matchTerminalKey(chord('C', { ctrlKey: true, shiftKey: true, altKey: true }), false)).toBeNull();
  });

  it('zooms with Ctrl+= / Ctrl++ / Ctrl+- / Ctrl+0 and the keypad', () => {
    expect(matchTerminalKey(ctrl('='), false)).toBe('zoomIn');
    expect(matchTerminalKey(ctrl('+', { shiftKey: true }), false)).toBe('zoomIn');
    expect(matchTerminalKey(ctrl('+', { code: 'NumpadAdd' }), false)).toBe('zoomIn');
    expect(matchTerminalKey(ctrl('-'), false)).toBe('zoomOut');
    expect(matchTerminalKey(ctrl('-', { code: 'NumpadSubtract' }), false)).toBe('zoomOut');
    expect(matchTerminalKey(ctrl('0'), false)).toBe('zoomReset');
  });

  it('leaves Ctrl+_ (readline undo) and Ctrl+) to the remote', () => {
    expect(matchTerminalKey(ctrl('_', { shiftKey: true }), false)).toBeNull();
    expect(matchTerminalKey(ctrl(')', { shiftKey: true }), false)).toBeNull();
  });

  it('ignores keys without Ctrl', () => {
    expect(matchTerminalKey(chord('C', { shiftKey: true }), false)).toBeNull();
    expect(matchTerminalKey(chord('='), false)).toBeNull();
  });
});

describe('terminal shortcuts on macOS', () => {
  it('uses Cmd for copy, paste, find and zoom', () => {
    expect(matchTerminalKey(cmd('c'), true)).toBe('copy');
    expect(matchTerminalKey(cmd('v'), true)).toBe('paste');
    expect(matchTerminalKey(cmd('f'), true)).toBe('find');
    expect(matchTerminalKey(cmd('='), true)).toBe('zoomIn');
    expect(matchTerminalKey(cmd('-'), true)).toBe('zoomOut');
    expect(matchTerminalKey(cmd('0'), true)).toBe('zoomReset');
  });

  it.each(['c', 'f', 'v', '='])('sends Ctrl+%s to the remote program', (key) => {
    expect(matchTerminalKey(ctrl(key), true)).toBeNull();
    expect(matchTerminalKey(ctrl(key, { shiftKey: true }), true)).toBeNull();
  });
});

describe('describeTerminalKey', () => {
  it('names the chord as each platform writes it', () => {
    expect(describeTerminalKey('copy', false)).toBe('Ctrl+Shift+C');
    expect(describeTerminalKey('copy', true)).toBe('⌘C');
    expect(describeTerminalKey('zoomIn', false)).toBe('Ctrl+=');
  });
});
