import { describe, expect, it } from 'vitest';
import { InvalidHostNameError, hostNameProblem } from '../../../src-main/ssh/hostNameValidation';
import { buildSshArgv } from '../../../src-main/ssh/sshArgv';
import { locateSshConfig } from '../../../src-main/ssh/sshConfigLocation';
import {
  controlAttachArgv,
  takeBufferArgv,
  escapeTmuxArgument,
  listSessionsArgv,
  newSessionArgv,
} from '../../../src-main/tmux/tmuxArgv';
import { parseSessionList } from '../../../src-main/tmux/sessionListParser';
import { tmuxListLine } from '../../fakes/tmuxListLine';

const server = { socket: '/tmp/mx/tmux.sock', config: '/app/resources/tmux.conf' };

describe('ssh argv', () => {
  it('puts the destination after -- and the config file as -F, as separate argv elements', () => {
    expect(buildSshArgv({ sshPath: 'ssh', destination: 'web-01' })).toEqual(['ssh', '--', 'web-01']);
    expect(
      buildSshArgv({ sshPath: '/usr/bin/ssh', configFile: '/h/my config', destination: 'db.example.com' }),
    ).toEqual(['/usr/bin/ssh', '-F', '/h/my config', '--', 'db.example.com']);
  });

  it.each([
    ['-oProxyCommand=touch /tmp/pwned', /must not start with "-"/],
    ['web;reboot', /";"/],
    ['$(touch /tmp/pwned)', /"\$"/],
    ['a`id`', /"`"/],
    ['a|b', /"\|"/],
    ['host name', /white space/],
    ['host\nname', /control character/],
    ['', /empty/],
  ])('refuses %j with a clear reason', (name, reason) => {
    expect(hostNameProblem(name)).toMatch(reason);
    expect(() => buildSshArgv({ sshPath: 'ssh', destination: name })).toThrow(InvalidHostNameError);
    expect(() => buildSshArgv({ sshPath: 'ssh', destination: name })).toThrow(/Refusing to connect to/);
  });

  it.each(['web-01', 'db.example.com', '10.0.0.1', '::1', 'fe80::1%eth0', '[2001:db8::1]', 'ops@bastion'])(
    'accepts %j',
    (name) => expect(hostNameProblem(name)).toBeUndefined(),
  );

  it('passes -F only when the config file is not the one ssh reads by default', () => {
    expect(locateSshConfig({ home: '/home/ada', passwdHome: '/home/ada' })).toEqual({
      file: '/home/ada/.ssh/config',
    });
    expect(locateSshConfig({ home: '/tmp/fake', passwdHome: '/home/ada' })).toEqual({
      file: '/tmp/fake/.ssh/config',
      explicitFlag: '/tmp/fake/.ssh/config',
    });
    expect(
      locateSshConfig({ setting: '/etc/team/ssh_config', home: '/home/ada', passwdHome: '/home/ada' }),
    ).toEqual({
      file: '/etc/team/ssh_config',
      explicitFlag: '/etc/team/ssh_config',
    });
    // With Muxdeck's including file, -F names it: the user's file, then the system's.
    const wrapped = locateSshConfig({
      home: '/tmp/fake',
      passwdHome: '/home/ada',
      wrapperFile: '/tmp/mx/ssh_config',
      systemFile: '/etc/ssh/ssh_config',
    });
    expect(wrapped.explicitFlag).toBe('/tmp/mx/ssh_config');
    expect(wrapped.wrapperContent).toContain(
      'Include "/tmp/fake/.ssh/config"\nInclude "/etc/ssh/ssh_config"\n',
    );
    expect(
      locateSshConfig({
        home: '/tmp/"odd',
        passwdHome: '/home/ada',
        wrapperFile: '/tmp/mx/ssh_config',
        systemFile: '/etc/ssh/ssh_config',
      }).explicitFlag,
    ).toBe('/tmp/"odd/.ssh/config');
  });
});

describe('tmux argv', () => {
  it('always names the private socket and config, never the default server', () => {
    for (const argv of [
      listSessionsArgv(server),
      controlAttachArgv(server, 'mx-1'),
      takeBufferArgv(server, 'b'),
    ]) {
      expect(argv).toContain('-S');
      expect(argv[argv.indexOf('-S') + 1]).toBe(server.socket);
      expect(argv[argv.indexOf('-f') + 1]).toBe(server.config);
      expect(argv).not.toContain('-L');
    }
  });

  it('runs ssh as argv after --, with metadata options and the drain pipe in the same tmux call', () => {
    const argv = newSessionArgv({
      server,
      name: 'mx-abc',
      cols: 120,
      rows: 30,
      cwd: '/home/ada',
      command: ['ssh', '--', 'web-01'],
      options: { '@muxdeck_host': 'ssh-config:web-01', '@muxdeck_label': 'web 01;x' },
    });
    const dash = argv.indexOf('--');
    expect(argv.slice(dash + 1, dash + 4)).toEqual(['ssh', '--', 'web-01']);
    expect(argv.slice(dash + 4)).toEqual([
      ';',
      'set-option',
      '-t',
      '=mx-abc:',
      '@muxdeck_host',
      'ssh-config%3Aweb-01',
      ';',
      'set-option',
      '-t',
      '=mx-abc:',
      '@muxdeck_label',
      'web%2001%3Bx',
      ';',
      'pipe-pane',
      '-t',
      '=mx-abc:',
      'exec cat >/dev/null',
    ]);
  });

  it('escapes an argument ending in ";" so tmux does not end the command there', () => {
    expect(escapeTmuxArgument('a;')).toBe('a\\;');
    expect(escapeTmuxArgument('a;b')).toBe('a;b');
  });

  it('parses list-sessions output, decoding metadata and skipping malformed lines', () => {
    const out = [
      tmuxListLine({
        name: 'mx-1',
        attached: 1,
        options: { hostId: 'ssh-config:web-01', label: 'web 01;x', status: 'connected' },
      }),
      'garbage',
      tmuxListLine({
        name: 'mx-2',
        dead: true,
        deadStatus: 255,
        deadTime: 1795433100,
        options: { hostId: 'ssh-config:db' },
      }),
      tmuxListLine({ name: 'user-made' }),
    ].join('\n');
    expect(parseSessionList(out)).toEqual([
      {
        name: 'mx-1',
        createdAt: 1795433038000,
        attachedClients: 1,
        paneDead: false,
        options: { hostId: 'ssh-config:web-01', label: 'web 01;x', status: 'connected' },
      },
      {
        name: 'mx-2',
        createdAt: 1795433038000,
        attachedClients: 0,
        paneDead: true,
        paneDeadStatus: 255,
        paneDeadAt: 1795433100000,
        options: { hostId: 'ssh-config:db' },
      },
      { name: 'user-made', createdAt: 1795433038000, attachedClients: 0, paneDead: false, options: {} },
    ]);
  });
});
