import { describe, expect, it } from 'vitest';
import { classifyExit } from '../../../src-main/sessions/exitClassifier';
import { reconnectDelay, DEFAULT_RECONNECT_POLICY } from '../../../src-main/sessions/reconnectPolicy';

const DEAD = '\nPane is dead (status 255, Mon Nov 23 11:55:42 2026)\n';

describe('why ssh ended, and what Muxdeck does about it', () => {
  it('closes the tab when the remote command finished, whatever its status', () => {
    expect(classifyExit({ status: 0 }, 'logout\n')).toEqual({
      kind: 'finished',
      reason: 'Session ended (exit status 0)',
    });
    expect(classifyExit({ status: 3 }, '')).toMatchObject({ kind: 'finished' });
  });

  it.each([
    ['Permission denied (publickey,password).', 'auth', 'Permission denied (publickey,password)'],
    ['Too many authentication failures', 'auth', 'Authentication failed'],
    [
      '@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.',
      'host-key',
      /host key changed/i,
    ],
    [
      'ssh: Could not resolve hostname nowhere.invalid: Name or service not known',
      'unresolvable',
      'Could not resolve host name nowhere.invalid',
    ],
    ['ssh: connect to host 10.0.0.1 port 22: Connection refused', 'network', 'Connection refused'],
    ['Connection to 10.0.0.1 closed by remote host.', 'network', 'Closed by remote host'],
    ['client_loop: send disconnect: Broken pipe', 'network', 'Broken pipe'],
  ] as const)('reads ssh status 255 with %j as %s', (words, kind, reason) => {
    const result = classifyExit({ status: 255 }, `some output\n${words}\n${DEAD}`);
    expect(result.kind).toBe(kind);
    if (typeof reason === 'string') expect(result.reason).toBe(reason);
    else expect(result.reason).toMatch(reason);
  });

  it('does not quote the remote prompt as a reason when a shared connection dropped silently', () => {
    expect(classifyExit({ status: 255 }, 'root@web-01:~# \n' + DEAD)).toEqual({
      kind: 'network',
      reason: 'Connection lost',
    });
  });

  it('treats a killed ssh as a cut connection, and a lost status by what ssh said', () => {
    expect(classifyExit({ signal: 9 }, '')).toMatchObject({ kind: 'network' });
    expect(classifyExit({}, 'Permission denied (publickey).')).toMatchObject({ kind: 'auth' });
    expect(classifyExit({}, 'logout\n')).toMatchObject({ kind: 'finished' });
  });

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelay(DEFAULT_RECONNECT_POLICY, n))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(reconnectDelay(DEFAULT_RECONNECT_POLICY, 20)).toBe(DEFAULT_RECONNECT_POLICY.maxDelayMs);
  });
});
