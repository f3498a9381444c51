import { describe, expect, it } from 'vitest';
import { jumpFromProxyCommand, scanSshArgs } from '../../../../src-main/inventory/ansible/sshArgsScan';

describe('ssh arguments from ansible_ssh_common_args / ansible_ssh_extra_args', () => {
  it('finds -J and -o ProxyJump in every spelling, first one winning', () => {
    expect(scanSshArgs(['-J ops@bastion:2222'])).toEqual({ proxyJump: 'ops@bastion:2222', otherArgs: [] });
    expect(scanSshArgs(['-Jbastion'])).toMatchObject({ proxyJump: 'bastion' });
    expect(scanSshArgs(['-o ProxyJump=a -o ProxyJump=b'])).toMatchObject({ proxyJump: 'a' });
    expect(scanSshArgs(['-oproxyjump=b'])).toMatchObject({ proxyJump: 'b' });
    expect(scanSshArgs(['-o "ProxyJump jump.example.com"'])).toMatchObject({ proxyJump: 'jump.example.com' });
  });

  it('keeps a ProxyCommand as text and derives the jump host of a plain `ssh -W %h:%p`', () => {
    const route = scanSshArgs([
      '-o ProxyCommand="ssh -W %h:%p -q -i key ubuntu@203.0.113.5" -o StrictHostKeyChecking=no',
    ]);
    expect(route).toEqual({
      proxyCommand: 'ssh -W %h:%p -q -i key ubuntu@203.0.113.5',
      proxyCommandJump: 'ubuntu@203.0.113.5',
      otherArgs: ['-o', 'StrictHostKeyChecking=no'],
    });
  });

  it('derives jumps from -l/-p and the netcat form, and nothing from other commands', () => {
    expect(jumpFromProxyCommand('ssh -l admin -p 2222 -W %h:%p bastion')).toBe('admin@bastion:2222');
    expect(jumpFromProxyCommand('/usr/bin/ssh bastion nc %h %p')).toBe('bastion');
    expect(jumpFromProxyCommand('nc -X 5 -x proxy:1080 %h %p')).toBeUndefined();
    expect(jumpFromProxyCommand('ssh -W %h:%p a -J b')).toBeUndefined();
    expect(jumpFromProxyCommand('ssh bastion "rm -rf /"')).toBeUndefined();
  });

  it('survives unbalanced quotes', () => {
    expect(scanSshArgs(['-o "ProxyJump=x'])).toEqual({ otherArgs: ['-o "ProxyJump=x'] });
  });
});
