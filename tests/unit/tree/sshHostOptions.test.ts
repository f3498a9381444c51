import { describe, expect, it } from 'vitest';
import { treeFields } from '../../../src-preload/api';
import { hostNameProblem } from '../../../src-main/ssh/hostNameValidation';
import { buildSshArgv } from '../../../src-main/ssh/sshArgv';
import { sshHostOptionArgs, sshHostOptionProblem } from '../../../src-main/ssh/sshHostOptions';

describe('ssh host options', () => {
  it('puts -l -p -i -J before -- and the destination', () => {
    expect(
      buildSshArgv({
        sshPath: 'ssh',
        configFile: '/c',
        destination: 'web.example.com',
        hostOptions: {
          user: 'deploy',
          port: 2222,
          identityFile: '~/.ssh/my key',
          jumpHost: 'ops@bastion:22,jump2',
        },
      }),
    ).toEqual([
      'ssh',
      '-F',
      '/c',
      '-l',
      'deploy',
      '-p',
      '2222',
      '-i',
      '~/.ssh/my key',
      '-J',
      'ops@bastion:22,jump2',
      '--',
      'web.example.com',
    ]);
  });

  it.each([
    ['user', '-oProxyCommand=x'],
    ['user', 'a b'],
    ['user', 'x;rm'],
    ['port', 0],
    ['port', 70000],
    ['port', 22.5],
    ['identityFile', '-oProxyCommand=x'],
    ['identityFile', 'key\nProxyCommand x'],
    ['jumpHost', '-J'],
    ['jumpHost', 'ok,-oProxyCommand=x'],
    ['jumpHost', 'bastion;touch /tmp/x'],
  ] as const)('refuses %s %j', (key, value) => {
    expect(sshHostOptionProblem(key, value)).toBeDefined();
    expect(() => sshHostOptionArgs({ [key]: value })).toThrow(/Refusing/);
  });

  it("never lets the contract's form rules accept what hostNameValidation refuses", () => {
    const hostile = [
      '-oProxyCommand=x',
      'a b',
      'a;b',
      '$(x)',
      '`x`',
      'a|b',
      'a&b',
      "a'b",
      'a"b',
      'a\nb',
      'a\u0000b',
      'a>b',
      '',
    ];
    for (const value of hostile) {
      expect(hostNameProblem(value)).toBeDefined();
      expect(treeFields.hostName.safeParse(value).success).toBe(false);
      expect(treeFields.user.safeParse(value).success).toBe(false);
      expect(treeFields.jumpHost.safeParse(value).success).toBe(false);
    }
  });
});
