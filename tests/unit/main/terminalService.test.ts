import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../../src-preload/api';
import { OUTPUT_BATCH } from '../../../src-main/sessions/outputBatcher';
import { TerminalService } from '../../../src-main/sessions/terminalService';
import { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { fakePtySpawner } from '../../fakes/fakePty';
import { manualClock } from '../../fakes/manualClock';
import { recordingRunner } from '../../fakes/recordingRunner';

function setup(history = '') {
  const { spawner, spawned } = fakePtySpawner();
  const time = manualClock();
  const ended: string[] = [];
  const tmux = new TmuxServer({
    runner: recordingRunner((_file, args) => (args.includes('capture-pane') ? { stdout: history } : {}))
      .runner,
    tmuxPath: '/usr/bin/tmux',
    address: { socket: '/s/tmux.sock', config: '/r/tmux.conf' },
    env: {},
  });
  const terminals = new TerminalService({
    spawner,
    tmux,
    env: { TMUX: '/tmp/tmux-0/default,1,0', TMUX_PANE: '%1', PATH: '/usr/bin' },
    cwd: '/home/ada',
    clock: time.clock,
    onClientEnded: (id) => ended.push(id),
  });
  const out: Array<{ id: string; data?: string; exit?: number }> = [];
  const sink = {
    data: (id: string, data: string) => out.push({ id, data }),
    exit: (id: string, exit: number) => out.push({ id, exit }),
  };
  return { terminals, spawned, time, out, sink, ended };
}

describe('terminal service', () => {
  it('attaches a UTF-8 tmux client to the session on the private socket, outside any outer tmux', async () => {
    const { terminals, spawned, sink } = setup();
    await terminals.attach('mx-1', { cols: 90, rows: 20 }, sink);
    const pty = spawned[0];
    expect(pty?.file).toBe('/usr/bin/tmux');
    expect(pty?.args).toEqual([
      '-u',
      '-f',
      '/r/tmux.conf',
      '-S',
      '/s/tmux.sock',
      'attach-session',
      '-t',
      '=mx-1',
    ]);
    expect(pty?.options).toMatchObject({ cols: 90, rows: 20, termName: 'xterm-256color' });
    expect(pty?.options.env.TMUX).toBeUndefined();
    expect(pty?.options.env.TMUX_PANE).toBeUndefined();
  });

  it('sends an echo at once, batches output that keeps coming, and caps a flood per message', async () => {
    const { terminals, spawned, time, out, sink } = setup();
    const id = await terminals.attach('mx-1', { cols: 80, rows: 24 }, sink);
    spawned[0]?.emitData('a');
    expect(out).toEqual([{ id, data: 'a' }]);
    spawned[0]?.emitData('b');
    spawned[0]?.emitData('c');
    expect(out).toHaveLength(1);
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(out).toEqual([
      { id, data: 'a' },
      { id, data: 'bc' },
    ]);
    spawned[0]?.emitData('x'.repeat(OUTPUT_BATCH.MAX_CHARS));
    expect(out[2]?.data?.length).toBe(OUTPUT_BATCH.MAX_CHARS);
    // Quiet again for a whole interval: the next echo goes out at once.
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    spawned[0]?.emitData('z');
    expect(out.at(-1)).toEqual({ id, data: 'z' });
  });

  it('pauses the pty above the high watermark and resumes once the renderer acknowledged enough', async () => {
    const { terminals, spawned, out, sink } = setup();
    const id = await terminals.attach('mx-1', { cols: 80, rows: 24 }, sink);
    const pty = spawned[0];
    const chunk = 'y'.repeat(OUTPUT_BATCH.MAX_CHARS);
    while (!pty?.paused) pty?.emitData(chunk);
    const sent = out.reduce((n, o) => n + (o.data?.length ?? 0), 0);
    expect(sent).toBeGreaterThan(FlowControl.HIGH_WATERMARK_CHARS);
    terminals.ack(id, sent - FlowControl.LOW_WATERMARK_CHARS);
    expect(pty.paused).toBe(true);
    terminals.ack(id, FlowControl.ACK_SIZE_CHARS);
    expect(pty.paused).toBe(false);
  });

  it('writes keystrokes to the pty immediately, even while output is waiting', async () => {
    const { terminals, spawned, sink } = setup();
    const id = await terminals.attach('mx-1', { cols: 80, rows: 24 }, sink);
    spawned[0]?.emitData('pending output');
    terminals.input(id, '\x03');
    expect(spawned[0]?.written).toEqual(['\x03']);
  });

  it('detach kills only the client, without reporting the session as ended', async () => {
    const { terminals, spawned, sink, ended } = setup();
    const id = await terminals.attach('mx-1', { cols: 80, rows: 24 }, sink);
    terminals.detach(id);
    expect(spawned[0]?.killed).toBe(true);
    expect(terminals.has(id)).toBe(false);
    expect(ended).toEqual([]);
    expect(() => terminals.input(id, 'x')).toThrow(/not attached/);
  });

  it('reports a client that ended on its own (session killed elsewhere) with its exit code', async () => {
    const { terminals, spawned, out, sink, ended } = setup();
    const id = await terminals.attach('mx-1', { cols: 80, rows: 24 }, sink);
    spawned[0]?.emitData('[exited]');
    spawned[0]?.emitExit(1);
    expect(out).toEqual([
      { id, data: '[exited]' },
      { id, exit: 1 },
    ]);
    expect(ended).toEqual(['mx-1']);
  });

  it('writes the tmux history into the terminal before the client draws the screen', async () => {
    const { terminals, spawned, time, out, sink } = setup('\x1b[32mearly-line\x1b[0m\nsecond\n\n');
    const id = await terminals.attach('mx-1', { cols: 80, rows: 3 }, sink);
    spawned[0]?.emitData('SCREEN');
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(out).toEqual([
      { id, data: '\x1b[32mearly-line\x1b[0m\x1b[0m\r\nsecond\x1b[0m\r\n\r\n\r\n' },
      { id, data: 'SCREEN' },
    ]);
  });

  it('writes nothing extra when the session has no history yet', async () => {
    const { terminals, spawned, time, out, sink } = setup('\n');
    const id = await terminals.attach('mx-1', { cols: 80, rows: 3 }, sink);
    spawned[0]?.emitData('SCREEN');
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(out).toEqual([{ id, data: 'SCREEN' }]);
  });
});
