import { describe, expect, it } from 'vitest';
import { classifyEnding } from '../../../src-main/sessions/sessionEnding';
import { nextStep, type EndingContext } from '../../../src-main/sessions/endingPolicy';
import { DEFAULT_RECONNECT_POLICY } from '../../../src-main/sessions/reconnectPolicy';
import { afterLastSeam, seamLine } from '../../../src-main/sessions/seamLine';
import { findSshMessage } from '../../../src-main/sessions/sshMessages';

const DEAD = 'Pane is dead (status 255, Mon Dec  7 21:33:04 2026)';
/** ssh's own last words, as OpenSSH 9.2 prints them. */
const SAID = {
  negotiation:
    'Unable to negotiate with 127.0.0.1 port 42222: no matching host key type found. Their offer: ssh-ed25519',
  auth: 'root@127.0.0.1: Permission denied (publickey).',
  refused: 'ssh: connect to host 127.0.0.1 port 1: Connection refused',
  dns: 'ssh: Could not resolve hostname nonexistent.invalid: Name or service not known',
  config:
    'cfg3: line 3: Bad configuration option: frobnicate\ncfg3: terminating, 1 bad configuration options',
  hostKey: [
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
    'Host key for [127.0.0.1]:46001 has changed and you have requested strict checking.',
    'Host key verification failed.',
  ].join('\n'),
  jumpDown:
    'ssh: connect to host 127.0.0.1 port 2200: Connection refused\r\nConnection closed by UNKNOWN port 65535',
  jumpLoop: 'muxdeck: ProxyJump loop: loop → loop; ssh would start itself without end, so it was not started',
  drop: 'root@box:~# \nConnection to 127.0.0.1 closed by remote host.\nConnection to 127.0.0.1 closed.',
};

const fresh = { everConnected: false };
const wasUp = { everConnected: true };

describe('how a session ended', () => {
  it('a recorded status other than 255 is the program exiting, with that status', () => {
    expect(classifyEnding({ exit: { status: 0 }, tail: 'logout\n', ...wasUp })).toEqual({
      kind: 'exited',
      exitStatus: 0,
    });
    expect(classifyEnding({ exit: { status: 3 }, tail: '', ...fresh })).toEqual({
      kind: 'exited',
      exitStatus: 3,
    });
  });

  it.each([
    ['negotiation', SAID.negotiation, SAID.negotiation],
    ['auth', SAID.auth, SAID.auth],
    ['refused', SAID.refused, SAID.refused],
    ['dns', SAID.dns, SAID.dns],
    ['config', SAID.config, 'cfg3: terminating, 1 bad configuration options'],
    [
      'host-key',
      SAID.hostKey,
      'Host key for [127.0.0.1]:46001 has changed and you have requested strict checking.',
    ],
    ['jump', SAID.jumpDown, 'Jump host: ssh: connect to host 127.0.0.1 port 2200: Connection refused'],
    ['jump', SAID.jumpLoop, SAID.jumpLoop],
  ])("255 before ever connecting is a connect failure: %s, in ssh's words", (cause, said, line) => {
    expect(classifyEnding({ exit: { status: 255 }, tail: `${said}\n\n${DEAD}\n`, ...fresh })).toEqual({
      kind: 'connect-failed',
      cause,
      exitStatus: 255,
      message: line,
    });
  });

  it('255 after the session was connected is a drop, for passing trouble only', () => {
    expect(classifyEnding({ exit: { status: 255 }, tail: SAID.drop, ...wasUp })).toMatchObject({
      kind: 'dropped',
      message: 'Connection to 127.0.0.1 closed.',
    });
    // A retry of a dropped session that finds the port closed: still the drop, retried.
    expect(classifyEnding({ exit: { status: 255 }, tail: SAID.refused, ...wasUp })).toMatchObject({
      kind: 'dropped',
    });
    // A pane sharing a master dies silently when the master's link drops.
    expect(classifyEnding({ exit: { status: 255 }, tail: 'root@box:~# ', ...wasUp })).toMatchObject({
      kind: 'dropped',
    });
    // A key or host key that fails on a retry needs the user, connected before or not.
    expect(classifyEnding({ exit: { status: 255 }, tail: SAID.auth, ...wasUp })).toMatchObject({
      kind: 'connect-failed',
      cause: 'auth',
    });
  });

  it('never takes an ending it cannot explain for a clean exit', () => {
    // tmux lost the status and nothing on screen is ssh's: unknown, not "the shell ended".
    expect(classifyEnding({ exit: {}, tail: 'logout\n', ...wasUp })).toEqual({ kind: 'unknown' });
    expect(classifyEnding({ exit: { status: 255 }, tail: '', ...fresh })).toEqual({
      kind: 'unknown',
      exitStatus: 255,
    });
    expect(classifyEnding({ exit: { signal: 9 }, tail: '', ...wasUp })).toEqual({
      kind: 'unknown',
      signal: 9,
    });
    // Without a status, ssh's words still tell.
    expect(classifyEnding({ exit: {}, tail: SAID.negotiation, ...fresh })).toMatchObject({
      kind: 'connect-failed',
      cause: 'negotiation',
    });
  });

  it('an attempt Muxdeck stopped at its deadline is "gave up", whatever ssh said as it died', () => {
    expect(
      classifyEnding({
        exit: { signal: 15 },
        tail: 'Killed by signal 15.',
        ...fresh,
        gaveUpAt: { seconds: 20, source: 'setting' },
      }),
    ).toEqual({ kind: 'connect-failed', cause: 'deadline', signal: 15 });
  });

  it("reads only what this ssh said, below the last reconnect's seam line", () => {
    const tail = `${SAID.drop}\n${seamLine(0, 1000)}\nroot@box:~# \n`;
    expect(afterLastSeam(tail)).toBe('root@box:~# \n');
    expect(findSshMessage(afterLastSeam(tail))).toBeUndefined();
    expect(seamLine(Date.UTC(2026, 0, 1, 21, 33, 4), Date.UTC(2026, 0, 1, 21, 33, 5))).toMatch(
      /^— connection lost \d\d:33:04 · new session \d\d:33:05 —$/,
    );
  });
});

describe('what follows an ending', () => {
  const context: EndingContext = {
    keepClosedPanes: false,
    policy: DEFAULT_RECONNECT_POLICY,
    attemptsSoFar: 0,
    tail: '',
  };

  it('a clean exit closes the tab unless closed panes are kept; any other exit keeps it', () => {
    expect(nextStep({ kind: 'exited', exitStatus: 0 }, context)).toEqual({ action: 'close' });
    expect(nextStep({ kind: 'exited', exitStatus: 0 }, { ...context, keepClosedPanes: true })).toMatchObject({
      action: 'keep',
      status: 'disconnected',
    });
    expect(nextStep({ kind: 'exited', exitStatus: 3 }, context)).toEqual({
      action: 'keep',
      status: 'disconnected',
      reason: 'The session ended with exit status 3',
    });
  });

  it('only drops are retried, with backoff, up to the policy; then it says it gave up', () => {
    const drop = { kind: 'dropped', message: 'Connection to 127.0.0.1 closed.' } as const;
    expect(nextStep(drop, context)).toEqual({
      action: 'retry',
      status: 'disconnected',
      reason: 'Connection to 127.0.0.1 closed.',
      attempt: 1,
      delayMs: 1000,
    });
    expect(nextStep(drop, { ...context, attemptsSoFar: 2 })).toMatchObject({ attempt: 3, delayMs: 4000 });
    expect(nextStep(drop, { ...context, attemptsSoFar: 3 })).toEqual({
      action: 'keep',
      status: 'disconnected',
      reason: 'Connection to 127.0.0.1 closed. (gave up after 3 attempts)',
    });
    for (const cause of ['refused', 'negotiation', 'auth', 'host-key', 'config', 'jump'] as const) {
      expect(nextStep({ kind: 'connect-failed', cause, message: 'ssh said' }, context)).toEqual({
        action: 'keep',
        status: 'error',
        reason: 'ssh said',
      });
    }
  });

  it('names the deadline it gave up at, and keeps an unknown ending with its last line', () => {
    expect(
      nextStep(
        { kind: 'connect-failed', cause: 'deadline' },
        { ...context, deadline: { seconds: 7, source: 'ssh-config' } },
      ),
    ).toMatchObject({
      action: 'keep',
      status: 'error',
      reason: expect.stringMatching(/after 7 s .*ConnectTimeout/),
    });
    expect(nextStep({ kind: 'unknown' }, { ...context, tail: 'some output\nlast words\n\n' })).toEqual({
      action: 'keep',
      status: 'error',
      reason: 'Ended for an unknown reason (no exit status recorded); last line: last words',
    });
  });
});
