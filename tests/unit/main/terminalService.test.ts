import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../../src-preload/api';
import { OUTPUT_BATCH } from '../../../src-main/sessions/outputBatcher';
import { TerminalService } from '../../../src-main/sessions/terminalService';
import { BEHIND_LIMIT_CHARS } from '../../../src-main/tmux/control/controlTerminal';
import { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { fakeControlTmux, paneStateLine } from '../../fakes/fakeControlTmux';
import { manualClock } from '../../fakes/manualClock';
import { recordingRunner } from '../../fakes/recordingRunner';

/** Lets the snapshot's buffer reads (promises) finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(
  buffers: Record<string, string> = {},
  state = () => paneStateLine(),
  manualReplies = false,
  failedReads = { left: 0 },
) {
  const { spawner, spawned } = fakeControlTmux(state, { manualReplies });
  const time = manualClock();
  const ended: string[] = [];
  const { runner, calls } = recordingRunner((_file, args) => {
    if (args.includes('save-buffer') && failedReads.left > 0) {
      failedReads.left -= 1;
      throw new Error('tmux took too long');
    }
    const buffer = args[args.indexOf('save-buffer') + 2] ?? '';
    const kind = buffer.slice(-1);
    return args.includes('save-buffer') ? { stdout: buffers[kind] ?? '' } : {};
  });
  const tmux = new TmuxServer({
    runner,
    tmuxPath: '/usr/bin/tmux',
    address: { socket: '/s/tmux.sock', config: '/r/tmux.conf' },
    env: {},
  });
  const terminals = new TerminalService({
    controlSpawner: spawner,
    tmux,
    env: { TMUX: '/tmp/tmux-0/default,1,0', TMUX_PANE: '%1', PATH: '/usr/bin' },
    cwd: '/home/ada',
    clock: time.clock,
    scrollbackLines: () => 500,
    onClientEnded: (id) => ended.push(id),
  });
  const out: Array<{ id: string; data?: string; exit?: number }> = [];
  const sink = {
    data: (id: string, data: string) => out.push({ id, data }),
    exit: (id: string, exit: number) => out.push({ id, exit }),
  };
  /** Attaches and lets the snapshot be shown; returns the id and the (fake) control client. */
  const attached = async (sessionId = 'mx-1', size = { cols: 80, rows: 24 }) => {
    const id = await terminals.attach(sessionId, size, sink);
    await settle();
    await settle();
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    out.length = 0;
    const client = spawned.at(-1);
    if (!client) throw new Error('no control client');
    return { id, client };
  };
  return { terminals, spawned, time, out, sink, ended, calls, attached };
}

describe('terminal service (tmux control mode)', () => {
  it('attaches a UTF-8 control client to the session on the private socket, outside any outer tmux, at the terminal size', async () => {
    const { terminals, spawned, sink } = setup();
    await terminals.attach('mx-1', { cols: 90, rows: 20 }, sink);
    const client = spawned[0];
    expect(client?.file).toBe('/usr/bin/tmux');
    expect(client?.args).toEqual([
      '-u',
      '-f',
      '/r/tmux.conf',
      '-S',
      '/s/tmux.sock',
      '-C',
      'attach-session',
      '-t',
      '=mx-1',
    ]);
    expect(client?.env.TMUX).toBeUndefined();
    expect(client?.env.TMUX_PANE).toBeUndefined();
    expect(client?.lines[0]).toBe('refresh-client -C 90x20');
    // Told when the pane's program ends, to show what tmux kept of its last output (see controlTerminal).
    expect(client?.lines[1]).toBe("refresh-client -B 'muxdeck-pane-dead:%*:#{pane_dead}'");
    expect(client?.lines[2]).toMatch(
      /^display-message -p -t =mx-1: .* ; capture-pane -e -J -S -500 -E -1 -b \S+ -t =mx-1: ; /,
    );
  });

  it('shows the snapshot first, drops output it already holds, and passes what follows untouched', async () => {
    const { terminals, spawned, time, out, sink, calls } = setup(
      { h: '\x1b[32mold-line\x1b[0m\n', s: 'prompt$ \n' },
      () => paneStateLine({ history_size: 1, cursor_x: 8 }, 80, 2),
      true,
    );
    const id = await terminals.attach('mx-1', { cols: 80, rows: 2 }, sink);
    const client = spawned[0]!;
    // Written before the snapshot's replies: already part of it.
    client.emitOutput('in-snapshot');
    client.flushReplies();
    // Written after them but before the snapshot is shown: held, then shown after it.
    client.emitOutput('held ');
    await settle();
    await settle();
    client.emitOutput('live \u00e9');
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    const shown = out.map((o) => o.data ?? '').join('');
    expect(out.every((o) => o.id === id)).toBe(true);
    expect(shown).toBe(
      '\x1bc\x1b[32mold-line\x1b[0m\x1b[0m\r\nprompt$ \x1b[0m\r\n\x1b[0m\x1b[1;9Hheld live \u00e9',
    );
    // The captures were taken into buffers and read over separate pipes, then deleted with them.
    const reads = calls.filter((c) => c.args.includes('save-buffer'));
    expect(reads).toHaveLength(2);
    expect(reads.every((c) => c.args.includes('delete-buffer'))).toBe(true);
  });

  it('takes the snapshot again when it could not be read (a loaded machine), rather than show nothing', async () => {
    const failedReads = { left: 1 };
    const { terminals, out, time, sink, spawned } = setup(
      { s: 'prompt$ \n' },
      () => paneStateLine(),
      false,
      failedReads,
    );
    await terminals.attach('mx-1', { cols: 80, rows: 24 }, sink);
    for (let i = 0; i < 6; i++) await settle();
    const client = spawned[0]!;
    expect(failedReads.left).toBe(0);
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(2);
    client.emitOutput('after');
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(out.map((o) => o.data ?? '').join('')).toMatch(/prompt\$.*after$/s);
  });

  it('sends an echo at once, batches output that keeps coming, and caps a flood per message', async () => {
    const { time, out, attached } = setup();
    const { id, client } = await attached();
    client.emitOutput('a');
    expect(out).toEqual([{ id, data: 'a' }]);
    client.emitOutput('b');
    client.emitOutput('c');
    expect(out).toHaveLength(1);
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(out).toEqual([
      { id, data: 'a' },
      { id, data: 'bc' },
    ]);
    client.emitOutput('x'.repeat(OUTPUT_BATCH.MAX_CHARS));
    expect(out[2]?.data?.length).toBe(OUTPUT_BATCH.MAX_CHARS);
  });

  it('keeps a character split across two %output lines whole', async () => {
    const { time, out, attached } = setup();
    const { client } = await attached();
    const snowman = Buffer.from('\u2603', 'utf8');
    client.emitOutput(snowman.subarray(0, 1));
    client.emitOutput(snowman.subarray(1));
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(out.map((o) => o.data).join('')).toBe('\u2603');
  });

  it('holds output while the renderer is behind and passes it on, in order, once it has caught up', async () => {
    const { terminals, out, time, attached } = setup();
    const { id, client } = await attached();
    const chunk = 'y'.repeat(OUTPUT_BATCH.MAX_CHARS);
    const sentSoFar = () => out.reduce((n, o) => n + (o.data?.length ?? 0), 0);
    while (sentSoFar() <= FlowControl.HIGH_WATERMARK_CHARS) client.emitOutput(chunk);
    const sent = sentSoFar();
    client.emitOutput('z'.repeat(50_000));
    client.emitOutput('end');
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    expect(sentSoFar()).toBe(sent);
    terminals.ack(id, sent - FlowControl.LOW_WATERMARK_CHARS);
    expect(sentSoFar()).toBe(sent);
    terminals.ack(id, FlowControl.ACK_SIZE_CHARS);
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    const shown = out.map((o) => o.data ?? '').join('');
    expect(shown.length).toBe(sent + 50_003);
    expect(shown.endsWith(`${'z'.repeat(50_000)}end`)).toBe(true);
    // The snapshot taken at attach is the only one: nothing was re-shown.
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(1);
  });

  it('drops what it holds past the limit and shows the pane again from tmux once the renderer has caught up', async () => {
    const { terminals, out, time, attached } = setup({ s: 'from-tmux\n' });
    const { id, client } = await attached();
    const chunk = 'y'.repeat(OUTPUT_BATCH.MAX_CHARS);
    const sentSoFar = () => out.reduce((n, o) => n + (o.data?.length ?? 0), 0);
    while (sentSoFar() <= FlowControl.HIGH_WATERMARK_CHARS) client.emitOutput(chunk);
    const sent = sentSoFar();
    for (let held = 0; held <= BEHIND_LIMIT_CHARS; held += chunk.length) client.emitOutput(chunk);
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(1);
    terminals.ack(id, sent);
    // Caught up: the pane is taken again (nothing held is sent), then shown, then live output follows.
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(2);
    await settle();
    await settle();
    client.emitOutput('after');
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    const shown = out
      .map((o) => o.data ?? '')
      .join('')
      .slice(sent);
    expect(shown.startsWith('\x1bc')).toBe(true);
    expect(shown).toMatch(/from-tmux.*after$/s);
    expect(shown).not.toContain('y');
  });

  it('shows the pane again when its program ends: tmux may have dropped the last output on its way', async () => {
    const { out, time, attached } = setup({ s: 'Connection to db1 closed.\n' });
    const { client } = await attached();
    client.emitSubscription('muxdeck-pane-dead', '0');
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(1);
    client.emitSubscription('muxdeck-pane-dead', '1');
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(2);
    await settle();
    await settle();
    time.advance(OUTPUT_BATCH.THROTTLE_MS);
    const shown = out.map((o) => o.data ?? '').join('');
    expect(shown.startsWith('\x1bc')).toBe(true);
    expect(shown).toContain('Connection to db1 closed.');
    // Said again while still dead: nothing more to show.
    client.emitSubscription('muxdeck-pane-dead', '1');
    expect(client.lines.filter((line) => line.startsWith('display-message'))).toHaveLength(2);
  });

  it('types keystrokes at once as exact bytes, even while output is waiting', async () => {
    const { terminals, attached } = setup();
    const { id, client } = await attached();
    client.emitOutput('pending output');
    terminals.input(id, '\x03');
    expect(client.lines.at(-1)).toBe('send-keys -t =mx-1: -H 03');
    terminals.input(id, '\x1b[200~h\u00e9\x1b[201~');
    expect(client.typed()).toBe('\x03\x1b[200~h\u00e9\x1b[201~');
  });

  it('resizes with refresh-client', async () => {
    const { terminals, attached } = setup();
    const { id, client } = await attached();
    terminals.resize(id, { cols: 120, rows: 40 });
    expect(client.lines.at(-1)).toBe('refresh-client -C 120x40');
  });

  it('detach closes only the client, without reporting the session as ended', async () => {
    const { terminals, ended, attached } = setup();
    const { id, client } = await attached();
    terminals.detach(id);
    expect(client.closed).toBe(true);
    expect(terminals.has(id)).toBe(false);
    expect(ended).toEqual([]);
    expect(() => terminals.input(id, 'x')).toThrow(/not attached/);
  });

  it('reports a client that tmux ended (session killed elsewhere) after its last output', async () => {
    const { out, ended, attached } = setup();
    const { id, client } = await attached();
    client.emitOutput('[last words]');
    client.emitExit('session killed');
    expect(out).toEqual([
      { id, data: '[last words]' },
      { id, exit: 0 },
    ]);
    expect(ended).toEqual(['mx-1']);
  });

  it("refuses a session name that is not one of Muxdeck's before starting anything", async () => {
    const { terminals, spawned, sink } = setup();
    expect(() => terminals.attach('mx-1 ; kill-server', { cols: 80, rows: 24 }, sink)).toThrow(
      /session name/,
    );
    expect(spawned).toHaveLength(0);
  });
});

describe('terminal views around a respawn (tmux 3.3a)', () => {
  it('let go of their control client, are not reported ended, and take a new one that gets the keys', async () => {
    const { terminals, spawned, out, ended, attached } = setup();
    const { id, client } = await attached();
    const released = terminals.releaseViews('mx-1');
    await released;
    expect(client.closed).toBe(true);
    expect(terminals.has(id)).toBe(true);
    expect(out.filter((o) => o.exit !== undefined)).toEqual([]);
    expect(ended).toEqual([]);

    terminals.resumeViews('mx-1');
    expect(spawned).toHaveLength(2);
    await settle();
    await settle();
    terminals.input(id, 'x');
    expect(spawned[1]?.typed()).toBe('x');
    expect(client.typed()).toBe('');
  });

  it('leave other sessions alone, and resume only what they released', async () => {
    const { terminals, spawned, attached } = setup();
    await attached('mx-1');
    const other = await attached('mx-2');
    await terminals.releaseViews('mx-1');
    expect(other.client.closed).toBe(false);
    terminals.resumeViews('mx-2');
    expect(spawned).toHaveLength(2);
  });
});
