import { describe, expect, it } from 'vitest';
import type { AgentPolicy } from '../../../src-preload/api';
import { policyVerdict, type PolicyUniverse } from '../../../src-main/agents/agentPolicy';
import { keyName, parseKeys } from '../../../src-main/agents/keyNames';
import {
  redactCommandSecrets,
  redactPrivateKeyBytes,
  redactPrivateKeys,
} from '../../../src-main/agents/redaction';
import { screenHints } from '../../../src-main/agents/screenHints';
import { terminalText } from '../../../src-main/agents/terminalText';

describe('send_keys key names', () => {
  it('knows tmux key names with modifiers, case-insensitively, and gives them canonical', () => {
    expect(keyName('Enter')).toBe('Enter');
    expect(keyName('enter')).toBe('Enter');
    expect(keyName('C-c')).toBe('C-c');
    expect(keyName('C-M-x')).toBe('C-M-x');
    expect(keyName('S-Up')).toBe('S-Up');
    expect(keyName('F12')).toBe('F12');
    expect(keyName('x')).toBeUndefined();
    expect(keyName('hello')).toBeUndefined();
  });

  it('sends other items as literal text, and refuses typos and control characters', () => {
    expect(parseKeys(['ls -la', 'Enter'])).toEqual({
      ok: true,
      parts: [
        { literal: true, text: 'ls -la' },
        { literal: false, text: 'Enter' },
      ],
    });
    expect(parseKeys(['C-cc'])).toMatchObject({ ok: false, error: expect.stringMatching(/not a key name/) });
    expect(parseKeys(['a\x03'])).toMatchObject({ ok: false, error: expect.stringMatching(/control/) });
    expect(parseKeys(['a\n'])).toMatchObject({ ok: false });
    expect(parseKeys([])).toMatchObject({ ok: false });
    expect(parseKeys(Array.from({ length: 201 }, () => 'a'))).toMatchObject({ ok: false });
    expect(parseKeys(['x'.repeat(5000)])).toMatchObject({ ok: false });
  });
});

describe('agent policy', () => {
  const universe: PolicyUniverse = {
    hosts: [
      { id: 'manual:web1', label: 'web1', sourceId: 'manual', groups: [], folderId: 'f-prod' },
      { id: 'manual:db1', label: 'db1', sourceId: 'manual', groups: [], folderId: 'f-prod' },
      { id: 'ssh-config:lab', label: 'lab', sourceId: 'ssh-config', groups: [] },
    ],
    sources: [
      { id: 'manual', label: 'My hosts' },
      { id: 'ssh-config', label: 'ssh config' },
    ],
    folders: [{ id: 'f-prod', name: 'prod', parentId: null }],
    tagsOf: (id) => (id === 'manual:db1' ? ['database'] : []),
  };
  const none = new Set<string>();

  it('asks by default; --allow pre-approves what would be asked', () => {
    const policy: AgentPolicy = { default: 'ask', rules: [] };
    expect(policyVerdict('ssh-config:lab', policy, universe, none)).toEqual({
      decision: 'ask',
      by: 'policy',
    });
    expect(policyVerdict('ssh-config:lab', policy, universe, new Set(['ssh-config:lab']))).toEqual({
      decision: 'allow',
      by: 'flag',
    });
  });

  it('matches tree paths, labels and tags; the strictest matching rule wins; --allow never lifts a deny', () => {
    const policy: AgentPolicy = {
      default: 'deny',
      rules: [
        { match: 'prod/**', decision: 'allow' },
        { match: 'tag:database', decision: 'deny' },
        { match: 'lab', decision: 'ask' },
      ],
    };
    expect(policyVerdict('manual:web1', policy, universe, none)).toEqual({ decision: 'allow', by: 'policy' });
    expect(policyVerdict('manual:db1', policy, universe, new Set(['manual:db1']))).toEqual({
      decision: 'deny',
      by: 'policy',
      rule: 'tag:database',
    });
    expect(policyVerdict('ssh-config:lab', policy, universe, none)).toMatchObject({
      decision: 'ask',
      rule: 'lab',
    });
  });

  it('a rule that matches no host is no error, and the default applies', () => {
    const policy: AgentPolicy = { default: 'allow', rules: [{ match: 'nothing-*', decision: 'deny' }] };
    expect(policyVerdict('manual:web1', policy, universe, none)).toEqual({ decision: 'allow', by: 'policy' });
  });
});

describe('redaction', () => {
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----';

  it('redacts private key blocks, cut-off ones and orphan ends, and keeps the rest', () => {
    expect(redactPrivateKeys(`a\n${key}\nb`)).toEqual({
      text: 'a\n[private key redacted by Muxdeck]\nb',
      redacted: true,
    });
    expect(redactPrivateKeys('x\n-----BEGIN EC PRIVATE KEY-----\nMHcC').text).toBe(
      'x\n[private key redacted by Muxdeck]',
    );
    expect(redactPrivateKeys('MHcCsecret\n-----END EC PRIVATE KEY-----\nz').text).toBe(
      '[private key redacted by Muxdeck]\nz',
    );
    expect(redactPrivateKeys('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')).toMatchObject({
      redacted: false,
    });
    expect(
      redactPrivateKeys('PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: abc').text,
    ).toBe('[private key redacted by Muxdeck]');
  });

  it('redacts keys in bytes and leaves other bytes untouched', () => {
    const binary = Buffer.from([0, 255, 10, 128]);
    expect(redactPrivateKeyBytes(binary)).toEqual({ bytes: binary, redacted: false });
    const withKey = Buffer.concat([binary, Buffer.from(key)]);
    const out = redactPrivateKeyBytes(withKey);
    expect(out.redacted).toBe(true);
    expect(out.bytes.subarray(0, 4).equals(binary)).toBe(true);
  });

  it('keeps secret-looking values out of the audit log', () => {
    expect(redactCommandSecrets('MYSQL_PASSWORD=hunter2 mysql')).toBe('MYSQL_PASSWORD=[redacted] mysql');
    expect(redactCommandSecrets('curl --token abc123 -H x')).toBe('curl --token [redacted] -H x');
    expect(redactCommandSecrets('sshpass -p s3cret ssh h')).toBe('sshpass -p [redacted] ssh h');
    expect(redactCommandSecrets('systemctl status nginx')).toBe('systemctl status nginx');
  });
});

describe('screen hints and terminal text', () => {
  const screen = (lines: string[], cursorY = lines.length - 1, alternate = false) => ({
    lines,
    cursorY,
    alternate,
    dead: false,
  });

  it('reads prompts, password prompts, pagers, editors and dead panes', () => {
    expect(screenHints(screen(['motd', 'user@host:~$ ']))).toEqual(['prompt']);
    expect(screenHints(screen(['root@host:/# ']))).toEqual(['prompt']);
    expect(screenHints(screen(['[sudo] password for ann: ']))).toEqual(['password_prompt']);
    expect(screenHints(screen(["ann@db's password: "]))).toEqual(['password_prompt']);
    expect(screenHints(screen(['line', ':'], 1, true))).toEqual(['pager']);
    expect(screenHints(screen(['text', '~', '~', '"f.txt" 1L, 5B'], 0, true))).toEqual(['editor']);
    expect(screenHints(screen(['top - 10:00', 'Tasks: 1'], 0, true))).toEqual(['fullscreen']);
    expect(screenHints(screen(['building...']))).toEqual([]);
    expect(screenHints({ ...screen(['x']), dead: true })).toEqual(['dead']);
  });

  it('strips escape sequences, CRLF and progress redraws', () => {
    expect(terminalText('\x1b[31mred\x1b[0m\r\n')).toBe('red\n');
    expect(terminalText('\x1b]0;title\x07text\r\n')).toBe('text\n');
    expect(terminalText(' 10%\r 50%\r100%\r\n')).toBe('100%\n');
    expect(terminalText('a\x07b\x08c')).toBe('abc');
    expect(terminalText('\x1b(Bplain\x1b=')).toBe('plain');
  });
});
