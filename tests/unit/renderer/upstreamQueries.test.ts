import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { ignoreTerminalQueries } from '../../../src-renderer/src/terminal/upstreamQueries';

/** What xterm.js sends back to the program after it reads `data`. */
async function answers(data: string, ignore: boolean): Promise<string> {
  const term = new Terminal({ cols: 40, rows: 5, allowProposedApi: true });
  const sent: string[] = [];
  term.onData((d) => sent.push(d));
  const filter = ignore ? ignoreTerminalQueries(term.parser) : undefined;
  await new Promise<void>((resolve) => term.write(data, resolve));
  filter?.dispose();
  term.dispose();
  return sent.join('');
}

const QUERIES = [
  '\x1b[c', // device attributes (vim, fish)
  '\x1b[>c', // secondary device attributes (vim's t_RV)
  '\x1b[6n', // cursor position (zsh themes, resize)
  '\x1b[5n', // status
  '\x1b[?2004$p', // DECRQM
  '\x1bP$qm\x1b\\', // DECRQSS
];

describe('terminal queries of tmux sessions', () => {
  it('swallow colour queries (answered by the browser terminal only) but not colour changes', () => {
    const osc = new Map<number, (data: string) => boolean>();
    ignoreTerminalQueries({
      registerCsiHandler: () => ({ dispose() {} }),
      registerDcsHandler: () => ({ dispose() {} }),
      registerOscHandler: (ident, callback) => {
        osc.set(ident, callback);
        return { dispose() {} };
      },
    });
    expect([...osc.keys()].sort()).toEqual([10, 11, 12, 4]);
    expect(osc.get(11)?.('?')).toBe(true);
    expect(osc.get(4)?.('1;?')).toBe(true);
    expect(osc.get(11)?.('#102030')).toBe(false);
  });

  it('are answered by xterm.js on its own (so a direct session gets its answers)', async () => {
    for (const query of QUERIES) expect(await answers(query, false), JSON.stringify(query)).not.toBe('');
  });

  it('are left to tmux: the view answers none of them, and still shows what follows', async () => {
    for (const query of QUERIES) expect(await answers(query, true), JSON.stringify(query)).toBe('');
    const term = new Terminal({ cols: 40, rows: 5, allowProposedApi: true });
    ignoreTerminalQueries(term.parser);
    await new Promise<void>((resolve) => term.write('\x1b]11;#102030\x07\x1b[cvisible', resolve));
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('visible');
  });
});
