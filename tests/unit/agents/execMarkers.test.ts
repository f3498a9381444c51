import { describe, expect, it } from 'vitest';
import { CommandRun, OUTPUT_CAP_BYTES } from '../../../src-main/agents/commandRun';
import {
  beginMarker,
  commandProblem,
  markedCommandLine,
  newNonce,
  readyLine,
} from '../../../src-main/agents/execMarkers';

const end = (nonce: string, code: number) => `\x1b]777;muxdeck-end;${nonce};${code}\x07`;
const feed = (run: CommandRun, text: string) => run.feed(Buffer.from(text, 'utf8'));

describe('exec markers', () => {
  it('draws a fresh 128-bit nonce per command', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('types the markers only in printf-escaped form, so the echo of the line never matches', () => {
    const nonce = newNonce();
    const line = markedCommandLine("echo 'it''s'", nonce);
    expect(line.startsWith(' ')).toBe(true);
    expect(line).not.toContain('\x1b');
    expect(line).toContain(`eval 'echo '\\''it'\\'''\\''s'\\'''`);
    expect(readyLine(nonce)).toContain('unset HISTFILE');
    expect(readyLine(nonce)).not.toContain('\x1b');
  });

  it('refuses commands holding the marker text or control characters, and empty ones', () => {
    expect(commandProblem('ls -la\ncd /tmp\tx')).toBeUndefined();
    expect(commandProblem('echo muxdeck-end;abc;0')).toMatch(/marker/);
    expect(commandProblem('printf "\x1b]777;x"')).toMatch(/marker/);
    expect(commandProblem('echo \x1b[31m')).toMatch(/U\+001b/);
    expect(commandProblem('echo a\rb')).toMatch(/U\+000d/);
    expect(commandProblem('   ')).toMatch(/empty/);
  });
});

describe('CommandRun: output between the markers of its own nonce', () => {
  it('skips the echoed line, takes the output, and the exit code', () => {
    const nonce = newNonce();
    const run = new CommandRun(nonce, 'ls', 0);
    feed(run, `$ ${markedCommandLine('ls', nonce)}\r\n`);
    expect(run.take().output).toBe('');
    feed(run, `${beginMarker(nonce)}a\r\nb\r\n${end(nonce, 7)}$ `);
    expect(run.take()).toEqual({ output: 'a\nb\n', finished: true, exitCode: 7, truncated: false });
  });

  it('ignores an end marker with another nonce in the output (a command printing marker text)', () => {
    const nonce = newNonce();
    const run = new CommandRun(nonce, 'x', 0);
    feed(run, `${beginMarker(nonce)}before\r\n${end(newNonce(), 0)}after\r\n`);
    expect(run.finished).toBe(false);
    feed(run, end(nonce, 0));
    expect(run.take()).toMatchObject({ output: 'before\nafter\n', finished: true, exitCode: 0 });
  });

  it('finds markers split across chunks, and hands out whole lines while running', () => {
    const nonce = newNonce();
    const run = new CommandRun(nonce, 'x', 0);
    const all = `${beginMarker(nonce)}line one\r\nline tw`;
    for (const ch of all) feed(run, ch);
    expect(run.take()).toMatchObject({ output: 'line one\n', finished: false });
    const tail = `o\r\n${end(nonce, 1)}`;
    for (const ch of tail) feed(run, ch);
    expect(run.take()).toMatchObject({ output: 'line two\n', finished: true, exitCode: 1 });
  });

  it('caps the output at 1 MB and still finds the end', () => {
    const nonce = newNonce();
    const run = new CommandRun(nonce, 'x', 0);
    feed(run, beginMarker(nonce));
    const block = `${'y'.repeat(1023)}\n`.repeat(64);
    for (let i = 0; i < 24; i += 1) feed(run, block);
    feed(run, end(nonce, 0));
    const piece = run.take();
    expect(piece).toMatchObject({ finished: true, exitCode: 0, truncated: true });
    expect(piece.output.length).toBeLessThanOrEqual(OUTPUT_CAP_BYTES);
    expect(piece.output.length).toBeGreaterThan(OUTPUT_CAP_BYTES - 2048);
  });

  it('holds back a private key block until it ends, then redacts it whole', () => {
    const nonce = newNonce();
    const run = new CommandRun(nonce, 'x', 0);
    feed(run, `${beginMarker(nonce)}ok\n-----BEGIN RSA PRIVATE KEY-----\nMIIsecret\n`);
    expect(run.take().output).toBe('ok\n');
    feed(run, `MIImore\n-----END RSA PRIVATE KEY-----\nafter\n`);
    const piece = run.take();
    expect(piece.output).toBe('[private key redacted by Muxdeck]\nafter\n');
  });

  it("takes the pane's exit status when the shell itself ended", () => {
    const nonce = newNonce();
    const run = new CommandRun(nonce, 'exit 3', 0);
    feed(run, `${beginMarker(nonce)}bye\n`);
    run.endWithPane(3);
    expect(run.take()).toMatchObject({ output: 'bye\n', finished: true, exitCode: 3 });
  });
});
