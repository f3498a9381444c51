import { resolve } from 'node:path';
import { Terminal } from '@xterm/headless';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowControl } from '../../src-preload/api';
import { execFileRunner } from '../../src-main/platform/execFileRunner';
import { nodePipeSpawner } from '../../src-main/platform/nodePipeSpawner';
import { systemClock } from '../../src-main/platform/systemClock';
import { TerminalService } from '../../src-main/sessions/terminalService';
import { TmuxServer } from '../../src-main/tmux/tmuxServer';
import { makeTempDir, removeDir, socketPathIn } from '../helpers/tempDir';
import { killServer, tmuxOk } from '../helpers/tmux';
import { waitFor } from '../helpers/waitFor';

/**
 * The terminal data plane against a real tmux server: a control-mode client feeds a real xterm.js
 * (headless) that acknowledges what it has processed, as the renderer does. What a user would check is
 * what the emulator holds: every line, in order, and the screen they left.
 */

const CONFIG = resolve(__dirname, '../../resources/tmux.conf');
const SCROLLBACK = 10_000;
const PROMPT = 'mx-prompt$ ';

interface Viewer {
  term: Terminal;
  terminalId: string;
  exits: number[];
  /** Every line the emulator holds, scrollback first, trailing blanks trimmed. */
  lines(): string[];
  text(): string;
  /** With holdAcks: the renderer catches up and acknowledges what it has drawn from now on. */
  catchUp(): void;
}

let dir: string;
let socket: string;
let tmux: TmuxServer;
let terminals: TerminalService;
/** What each control client said, kept for the failure message of a test that needs it. */
let controlLogs: string[];

beforeEach(async () => {
  dir = await makeTempDir('mx-ct-');
  socket = socketPathIn(dir, 'tmux.sock');
  const env = { ...process.env, LANG: 'C.UTF-8' };
  tmux = new TmuxServer({
    runner: execFileRunner,
    tmuxPath: 'tmux',
    address: { socket, config: CONFIG },
    env,
  });
  controlLogs = [];
  terminals = new TerminalService({
    controlSpawner: {
      spawn(file, args, options) {
        const process = nodePipeSpawner.spawn(file, args, options);
        const index = controlLogs.push('') - 1;
        process.onStdout((chunk) => {
          controlLogs[index] = (controlLogs[index] + chunk.toString('latin1')).slice(-4000);
        });
        return process;
      },
    },
    tmux,
    env,
    cwd: dir,
    clock: systemClock,
    scrollbackLines: () => SCROLLBACK,
  });
});

afterEach(async () => {
  terminals.dispose();
  await killServer(socket);
  await removeDir(dir);
});

/** A session running a plain shell with a known prompt and no rc files. */
async function newShellSession(name: string, cols = 80, rows = 24): Promise<void> {
  await tmux.newSession({
    name,
    cols,
    rows,
    cwd: dir,
    command: ['env', `PS1=${PROMPT}`, 'HOME=' + dir, 'bash', '--norc', '--noprofile', '-i'],
    options: { hostId: 'h1' },
  });
}

/** holdAcks: a renderer that draws but does not say so until catchUp(), like one that is far behind. */
async function view(sessionId: string, cols = 80, rows = 24, holdAcks = false): Promise<Viewer> {
  const term = new Terminal({ cols, rows, scrollback: SCROLLBACK, allowProposedApi: true });
  const exits: number[] = [];
  let terminalId = '';
  let unacknowledged = 0;
  let holding = holdAcks;
  terminalId = await terminals.attach(
    sessionId,
    { cols, rows },
    {
      data: (_id, data) =>
        term.write(data, () => {
          unacknowledged += data.length;
          if (!holding && unacknowledged >= FlowControl.ACK_SIZE_CHARS) {
            terminals.ack(terminalId, unacknowledged);
            unacknowledged = 0;
          }
        }),
      exit: (_id, code) => exits.push(code),
    },
  );
  const lines = (): string[] => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (out.length > 0 && out.at(-1) === '') out.pop();
    return out;
  };
  const catchUp = (): void => {
    holding = false;
    terminals.ack(terminalId, unacknowledged);
    unacknowledged = 0;
  };
  return { term, terminalId, exits, lines, text: () => lines().join('\n'), catchUp };
}

function typeLine(viewer: Viewer, line: string): void {
  terminals.input(viewer.terminalId, `${line}\r`);
}

async function waitForText(
  viewer: Viewer,
  matcher: RegExp,
  describe: string,
  timeoutMs = 30_000,
): Promise<void> {
  await waitFor(() => matcher.test(viewer.text()), { describe, timeoutMs }).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n--- terminal ---\n${viewer.lines().slice(-30).join('\n')}`);
  });
}

/** The numbers on lines that are only a number, in buffer order. */
function numberLines(viewer: Viewer): number[] {
  return viewer
    .lines()
    .filter((line) => /^\d+$/.test(line))
    .map(Number);
}

describe('terminal over tmux control mode', () => {
  it('keeps every line of seq up to the scrollback size, in order, run after run', async () => {
    await newShellSession('mx-seq');
    const viewer = await view('mx-seq');
    await waitForText(viewer, /^mx-prompt\$ ?$/m, 'the first prompt');
    for (let run = 1; run <= 3; run++) {
      viewer.term.clear();
      typeLine(viewer, `seq 1 ${SCROLLBACK - 100}; echo done-$((${run}*7))`);
      await waitForText(viewer, new RegExp(`^done-${run * 7}$`, 'm'), `run ${run} to finish`, 60_000);
      const numbers = numberLines(viewer);
      expect(numbers.length, `run ${run}: lines kept`).toBe(SCROLLBACK - 100);
      expect(
        numbers.every((n, i) => n === i + 1),
        `run ${run}: 1..N in order`,
      ).toBe(true);
    }
  });

  it("shows a program's last lines after it ended, though the terminal was far behind while it flooded", async () => {
    // tmux 3.3a stops reading a pane whose control clients are behind and, when the program then ends,
    // discards what it had not read yet, even from its own history: views must never hold tmux back.
    const lines = 200_000;
    await tmux.newSession({
      name: 'mx-tail',
      cols: 80,
      rows: 24,
      cwd: dir,
      command: ['sh', '-c', `read go; seq 1 ${lines}; echo the-end-$((6*7)); exit 7`],
      options: { hostId: 'h1' },
    });
    const viewer = await view('mx-tail', 80, 24, true);
    terminals.input(viewer.terminalId, '\r');
    await waitFor(async () => (await tmux.listSessions()).find((s) => s.name === 'mx-tail')?.paneDead, {
      describe: 'the program to flood and end',
      timeoutMs: 60_000,
    });
    const kept = await tmux.capturePane('mx-tail', { history: false, escapes: false });
    expect(kept, "tmux's own record of the last lines").toMatch(new RegExp(`^${lines}\\n+the-end-42$`, 'm'));
    viewer.catchUp();
    await waitForText(viewer, /^the-end-42$/m, 'the last line in the terminal', 60_000);
    const numbers = numberLines(viewer);
    expect(numbers.at(-1)).toBe(lines);
    expect(
      numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1),
      'in order, no gap',
    ).toBe(true);
    expect(numbers.length).toBeGreaterThan(SCROLLBACK / 2);
  });

  it('restores history and screen on attach, and joins them to live output without a seam', async () => {
    await newShellSession('mx-join');
    const first = await view('mx-join');
    await waitForText(first, /^mx-prompt\$ ?$/m, 'the first prompt');
    // Output keeps pouring while a second terminal attaches: the join must have no gap and no repeat.
    typeLine(first, 'for i in $(seq 1 6000); do echo $i; done; echo finished-$((2*3))');
    await waitFor(() => numberLines(first).length > 500, { describe: 'output under way', timeoutMs: 30_000 });
    const second = await view('mx-join');
    await waitForText(second, /^finished-6$/m, 'the loop to finish in the second terminal', 60_000);
    const numbers = numberLines(second);
    expect(numbers.at(-1)).toBe(6000);
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)).toBe(true);
    expect(numbers[0]).toBe(1);
  });

  it('types bytes exactly, UTF-8 and control keys included, and Ctrl-C stops a flood', async () => {
    await newShellSession('mx-keys');
    const viewer = await view('mx-keys');
    await waitForText(viewer, /^mx-prompt\$ ?$/m, 'the first prompt');
    typeLine(viewer, `printf '%s|%s\\n' "h\u00e9llo \u2603" "$((6*7))"`);
    await waitForText(viewer, /^héllo ☃\|42$/m, 'the UTF-8 echo');
    typeLine(viewer, 'yes flood-line');
    await waitForText(viewer, /flood-line\nflood-line/, 'the flood');
    terminals.input(viewer.terminalId, '\x03');
    typeLine(viewer, 'echo after-$((3*3))');
    await waitForText(viewer, /^after-9$/m, 'the next command after Ctrl-C', 60_000);
  });

  it('follows a resize: the program sees the new size', async () => {
    await newShellSession('mx-size');
    const viewer = await view('mx-size');
    await waitForText(viewer, /^mx-prompt\$ ?$/m, 'the first prompt');
    viewer.term.resize(100, 30);
    terminals.resize(viewer.terminalId, { cols: 100, rows: 30 });
    typeLine(viewer, 'echo size-$(tput cols)x$(tput lines)');
    await waitForText(viewer, /^size-100x30$/m, 'the new size');
  });

  it('restores a program on the alternate screen, and the shell screen behind it', async () => {
    await newShellSession('mx-alt');
    const first = await view('mx-alt');
    await waitForText(first, /^mx-prompt\$ ?$/m, 'the first prompt');
    typeLine(first, 'echo before-$((5*5))');
    await waitForText(first, /^before-25$/m, 'output before the full-screen program');
    // A full-screen program: alternate screen, a line at row 5, cursor keys in application mode.
    typeLine(
      first,
      `printf '\\033[?1049h\\033[?1h\\033[5;3Hfull-%s' screen; read answer; printf '\\033[?1l\\033[?1049l'; echo got-$answer`,
    );
    await waitForText(first, /full-screen/, 'the full-screen program');
    first.term.dispose();
    terminals.detach(first.terminalId);

    const second = await view('mx-alt');
    await waitFor(() => second.term.buffer.active.type === 'alternate', {
      describe: 'the alternate screen restored',
      timeoutMs: 30_000,
    }).catch((error: unknown) => {
      throw new Error(
        `${(error as Error).message}\n--- terminal ---\n${second.lines().join('\n')}\n--- its control client said ---\n${controlLogs.at(-1)?.slice(-1500)}`,
      );
    });
    expect(second.term.buffer.active.getLine(4)?.translateToString(true)).toBe('  full-screen');
    expect(second.term.modes.applicationCursorKeysMode).toBe(true);
    typeLine(second, 'yes');
    await waitForText(second, /^got-yes$/m, 'the program to end and the shell to continue');
    expect(second.term.buffer.active.type).toBe('normal');
    expect(second.text()).toMatch(/^before-25$/m);
  });

  it('survives reconnects: views let go of the session while its window is replaced, then show the new program', async () => {
    // tmux 3.3a crashes (19 of 30 tries here) or drops the new program's first output when a pane that
    // died under a control client is respawned; a reconnect replaces the window, with the views released.
    await tmux.newSession({
      name: 'mx-again',
      cols: 80,
      rows: 24,
      cwd: dir,
      command: ['sh', '-c', 'read go; seq 1 800; exit 255'],
      options: { hostId: 'h1' },
    });
    const viewer = await view('mx-again');
    for (let round = 1; round <= 5; round++) {
      terminals.input(viewer.terminalId, '\r');
      await waitFor(async () => (await tmux.listSessions()).find((s) => s.name === 'mx-again')?.paneDead, {
        describe: `round ${round}: the program to print and end`,
        timeoutMs: 30_000,
      });
      await terminals.releaseViews('mx-again');
      await tmux.replaceWindow('mx-again', [
        'sh',
        '-c',
        `printf '\\033[H'; read go; echo round-${round}-ok; seq 1 800; exit 255`,
      ]);
      terminals.resumeViews('mx-again');
      expect(terminals.has(viewer.terminalId)).toBe(true);
      await waitFor(
        async () => (await tmux.listSessions()).some((s) => s.name === 'mx-again' && !s.paneDead),
        {
          describe: `round ${round}: the new program running`,
        },
      );
      terminals.input(viewer.terminalId, '\r');
      try {
        await waitForText(
          viewer,
          new RegExp(`^round-${round}-ok$`, 'm'),
          `round ${round}: the new program's output`,
        );
      } catch (error) {
        const pane = await tmux.capturePane('mx-again', { history: false, escapes: false }).catch(String);
        const panes = await tmuxOk(
          socket,
          ['list-panes', '-a', '-F', '#{pane_id} #{pane_pid} #{pane_dead} #{pane_current_command}'],
          { configFile: CONFIG },
        ).catch(String);
        const state = `attached: ${terminals.has(viewer.terminalId)}, exits: [${viewer.exits.join()}]\npanes: ${panes}\nclients: ${controlLogs.length}, last said:\n${controlLogs.at(-1)?.slice(-1500)}`;
        throw new Error(`${(error as Error).message}\n${state}\n--- pane ---\n${pane}`);
      }
    }
    expect(viewer.exits).toEqual([]);
  });

  it('tells the terminal when its session is killed', async () => {
    await newShellSession('mx-kill');
    const viewer = await view('mx-kill');
    await waitForText(viewer, /^mx-prompt\$ ?$/m, 'the first prompt');
    await tmuxOk(socket, ['kill-session', '-t', '=mx-kill'], { configFile: CONFIG });
    await waitFor(() => viewer.exits.length === 1, { describe: 'the terminal to be told its session ended' });
    expect(terminals.has(viewer.terminalId)).toBe(false);
  });
});
