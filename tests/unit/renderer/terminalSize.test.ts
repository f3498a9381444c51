import { describe, expect, it } from 'vitest';
import { requests } from '../../../src-preload/api';
import {
  clampTerminalSize,
  estimateTerminalSize,
  FALLBACK_TERMINAL_SIZE,
  TerminalSizeHint,
} from '../../../src-renderer/src/terminal/terminalSize';

const cell = { width: 8, height: 16 };

describe('terminal size', () => {
  it('clamps to what the contract accepts', () => {
    const tiny = clampTerminalSize({ cols: 0.5, rows: 0 });
    const huge = clampTerminalSize({ cols: 5_000, rows: 5_000 });
    for (const size of [tiny, huge]) {
      expect(requests['sessions:open'].params.safeParse({ hostId: 'h', ...size }).success).toBe(true);
    }
  });

  it('estimates whole cells in an area, falling back when there is no area', () => {
    expect(estimateTerminalSize({ width: 810, height: 330 }, cell)).toEqual({ cols: 101, rows: 20 });
    expect(estimateTerminalSize({ width: 0, height: 330 }, cell)).toEqual(FALLBACK_TERMINAL_SIZE);
  });

  it('prefers the last fitted size, then the measured area, then the fallback', () => {
    const hint = new TerminalSizeHint(cell);
    expect(hint.current()).toEqual(FALLBACK_TERMINAL_SIZE);
    hint.setAreaProbe(() => ({ width: 800, height: 320 }));
    expect(hint.current()).toEqual({ cols: 100, rows: 20 });
    hint.remember({ cols: 90, rows: 30 });
    expect(hint.current()).toEqual({ cols: 90, rows: 30 });
  });
});
