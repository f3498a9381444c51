import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DRAIN_PIPE_COMMAND, pipePaneCommand } from '../tmux/tmuxArgv';
import type { TmuxServer } from '../tmux/tmuxServer';
import { singleQuote } from './execMarkers';

/** The most read from the capture file at once: a flood is taken in slices, never all in memory. */
const READ_SLICE = 4 * 1024 * 1024;

/**
 * Everything a pane prints from now on, as tmux hands it to pipe-pane (raw bytes, before any screen
 * rendering), in a private file read incrementally. The pipe replaces the pane's drain pipe while a
 * command runs and gives it back after (stop).
 */
export class PaneCapture {
  private offset = 0;

  private constructor(
    private readonly tmux: TmuxServer,
    private readonly session: string,
    readonly file: string,
  ) {}

  /**
   * A capture whose file exists but whose pipe is not set yet: `start` is the tmux command that sets it,
   * to be sent in one tmux call with the keys that follow it (tmux.chain), and the same for `stop`.
   */
  static async prepare(
    tmux: TmuxServer,
    session: string,
    dir: string,
  ): Promise<{ capture: PaneCapture; start: string[] }> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${session}-${randomBytes(6).toString('hex')}.out`);
    await writeFile(file, '', { mode: 0o600 });
    return {
      capture: new PaneCapture(tmux, session, file),
      start: pipePaneCommand(session, `exec cat >> ${singleQuote(file)}`),
    };
  }

  static async start(tmux: TmuxServer, session: string, dir: string): Promise<PaneCapture> {
    const { capture, start } = await PaneCapture.prepare(tmux, session, dir);
    await tmux.chain([start]);
    return capture;
  }

  /** The tmux command that gives the pane its drain pipe back (see stop). */
  get stopCommand(): string[] {
    return pipePaneCommand(this.session, DRAIN_PIPE_COMMAND);
  }

  /** The file only, after stopCommand went with other commands. */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }

  /** The bytes written since the last read (empty when none). */
  async readMore(): Promise<Buffer> {
    const handle = await open(this.file, 'r');
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return Buffer.alloc(0);
      const length = Math.min(size - this.offset, READ_SLICE);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, this.offset);
      this.offset += bytesRead;
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async stop(): Promise<void> {
    await this.tmux.stopPipe(this.session).catch(() => undefined);
    await rm(this.file, { force: true });
  }
}
